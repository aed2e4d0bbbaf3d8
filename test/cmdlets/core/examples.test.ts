// Every core cmdlet example with an expected result, run through the language and compared; the
// others are at least parsed. Skipped (saying why) until src/language exports an Interpreter.
import { describe, expect, it } from 'vitest'
import { RecordingHost, Session, toPlain } from '../../../src/engine/index.js'
import { coreCmdlets } from '../../../cmdlets/core/index.js'

interface InterpreterLike {
  evaluate(code: string): Promise<unknown[]>
  statementErrors?: { message: string }[]
}
type InterpreterClass = new (options: { registry: unknown; session: Session }) => InterpreterLike

const language = await import('../../../src/language/index.js' as string).catch((error: unknown) => ({
  missing: String((error as Error).message).split('\n')[0],
}))
const Interpreter = (language as { Interpreter?: InterpreterClass }).Interpreter
const reason =
  'missing' in language
    ? `src/language/index.ts cannot be imported yet (${(language as { missing: string }).missing})`
    : 'src/language/index.ts does not export Interpreter yet'

const cases = coreCmdlets.flatMap((cmdlet) =>
  cmdlet.examples.map((example, index) => ({
    name: `${cmdlet.name} #${index + 1}: ${example.code}`,
    example,
  })),
)

describe('core cmdlet definitions', () => {
  it('every core cmdlet has 1 to 4 examples', () => {
    const wrong = coreCmdlets.filter((c) => c.examples.length < 1 || c.examples.length > 4).map((c) => c.name)
    expect(wrong).toEqual([])
  })
})

const parse = (language as { parse?: (code: string) => unknown }).parse

describe.skipIf(!parse)(
  `core examples parse${parse ? '' : ' (skipped: src/language does not export parse yet)'}`,
  () => {
    it.each(cases)('$name', ({ example }) => {
      expect(() => parse!(example.code)).not.toThrow()
    })
  },
)

describe.skipIf(!Interpreter)(
  `core examples through the language${Interpreter ? '' : ` (skipped: ${reason})`}`,
  () => {
    it.each(cases.filter(({ example }) => example.expect !== undefined && !example.bindOnly))(
      '$name',
      async ({ example }) => {
        const { registry } = await import('../../../cmdlets/index.js')
        const host = new RecordingHost()
        const session = new Session({ host, errorActionPreference: 'Stop' })
        const interpreter = new Interpreter!({ registry, session })
        const output = await interpreter.evaluate(example.code)
        expect(interpreter.statementErrors?.map((error) => error.message) ?? []).toEqual([])
        expect(host.errors.map((record) => record.error.message)).toEqual([])
        const expected = example.expect as { count?: number }
        if (expected && typeof expected === 'object' && !Array.isArray(expected) && 'count' in expected) {
          expect(output).toHaveLength(expected.count!)
        } else {
          const actual = output.length === 1 && !Array.isArray(example.expect) ? output[0] : output
          expect(toPlain(actual)).toEqual(example.expect)
        }
      },
    )
  },
)
