// Every core cmdlet example with an expected result, run through the language (with no connection)
// and compared; every example is at least parsed.
import { describe, expect, it } from 'vitest'
import { RecordingHost, Session, toPlain } from '../../../src/engine/index.js'
import { Interpreter, parse } from '../../../src/language/index.js'
import { registry } from '../../../cmdlets/index.js'
import { coreCmdlets } from '../../../cmdlets/core/index.js'

const cases = coreCmdlets.flatMap((cmdlet) =>
  cmdlet.examples.map((example, index) => ({
    name: `${cmdlet.name} #${index + 1}: ${example.code}`,
    example,
  })),
)
const compared = cases.filter(({ example }) => example.expect !== undefined && !example.bindOnly)

describe('core cmdlet definitions', () => {
  it('every core cmdlet has 1 to 4 examples', () => {
    const wrong = coreCmdlets.filter((c) => c.examples.length < 1 || c.examples.length > 4).map((c) => c.name)
    expect(wrong).toEqual([])
  })

  it('some examples state an expected result, so the comparison below runs', () => {
    expect(compared.length).toBeGreaterThan(10)
  })
})

describe('core examples parse', () => {
  it.each(cases)('$name', ({ example }) => {
    expect(() => parse(example.code)).not.toThrow()
  })
})

describe('core examples through the language', () => {
  it.each(compared)('$name', async ({ example }) => {
    const host = new RecordingHost()
    const session = new Session({ host, errorActionPreference: 'Stop' })
    const interpreter = new Interpreter({ registry, session })
    const output = await interpreter.evaluate(example.code)
    expect(interpreter.statementErrors.map((error) => error.message)).toEqual([])
    expect(host.errors.map((record) => record.error.message)).toEqual([])
    const expected = example.expect as { count?: number }
    if (expected && typeof expected === 'object' && !Array.isArray(expected) && 'count' in expected) {
      expect(output).toHaveLength(expected.count!)
    } else {
      const actual = output.length === 1 && !Array.isArray(example.expect) ? output[0] : output
      expect(toPlain(actual)).toEqual(example.expect)
    }
  })
})
