// The differential corpus: PowerShell snippets with the output PowerShell 7.4 gives for them, each
// taken from PowerShell's documentation (an about_* topic or a cmdlet page, with its example output)
// or from PowerShell's own Pester tests (an assertion), and cited in `source`. Each output item is
// compared as PowerShell's string conversion of it ([string]$item), one item per pipeline object.
//
// A case with `error` expects a terminating or non-terminating error whose message contains that
// text. A case marked `unsupported` is PowerShell the subset does not run yet (its value is the
// diagnostic we give): it must fail with a clear diagnostic, never print a different value; once it
// prints PowerShell's output, drop the mark.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { registry } from '../../cmdlets/index.js'
import { RecordingHost, Session } from '../../src/engine/index.js'
import { Interpreter } from '../../src/language/index.js'
import { toText } from '../../src/language/types.js'

interface CorpusCase {
  source: string
  code: string
  output?: string[]
  error?: string
  unsupported?: string
}

const directory = join(import.meta.dirname, 'corpus')
const files = readdirSync(directory).filter((name) => name.endsWith('.json'))

/** What a snippet printed (each item as text) and the errors it raised, in a fresh session. */
async function runCase(code: string): Promise<{ output: string[]; errors: string[] }> {
  const host = new RecordingHost()
  const session = new Session({ host, errorActionPreference: 'Continue' })
  const interpreter = new Interpreter({ registry, session })
  const output: string[] = []
  const errors: string[] = []
  try {
    for await (const item of interpreter.run(code)) output.push(toText(item))
  } catch (error) {
    errors.push((error as Error).message)
  }
  errors.push(...host.errors.map((record) => record.error.message))
  return { output, errors }
}

describe.each(files)('corpus %s', (file) => {
  const cases = JSON.parse(readFileSync(join(directory, file), 'utf8')) as CorpusCase[]

  it('cites a source for every case', () => {
    for (const entry of cases) expect(entry.source, entry.code).toMatch(/\S/)
  })

  it.each(cases.map((entry) => [entry.code, entry] as const))('%s', async (_code, entry) => {
    const { output, errors } = await runCase(entry.code)
    if (entry.unsupported !== undefined) {
      // Not supported yet: a diagnostic, never a silent value.
      expect(
        errors.length,
        `expected a diagnostic (${entry.unsupported}); printed ${JSON.stringify(output)}`,
      ).toBeGreaterThan(0)
      return
    }
    if (entry.error !== undefined) {
      expect(errors.join('\n')).toContain(entry.error)
      return
    }
    expect({ output, errors }).toEqual({ output: entry.output, errors: [] })
  })
})
