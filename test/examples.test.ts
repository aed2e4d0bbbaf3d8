// Examples are documentation and tests at once: every example of every registered cmdlet runs here
// through the language against a freshly reset demo emulator; one with an expected result is compared.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { allCmdlets, registry } from '../cmdlets/index.js'
import { RecordingHost, Session, toPlain } from '../src/engine/index.js'
import { Interpreter, parse } from '../src/language/index.js'
import { connect } from '../src/auth/index.js'
import { startEmulator } from '../src/emulator/index.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>
let emulator: Emulator
// Examples write files (Out-File, Export-Csv): they run in a scratch directory, not the repository.
const originalCwd = process.cwd()
const scratch = mkdtempSync(join(tmpdir(), 'vcs-examples-'))

beforeAll(async () => {
  process.chdir(scratch)
  emulator = await startEmulator({ port: 0, seed: 'demo' })
})
afterAll(async () => {
  await emulator?.close()
  process.chdir(originalCwd)
  rmSync(scratch, { recursive: true, force: true })
})
beforeEach(async () => {
  await fetch(`${emulator.url}/emulator/api/reset`, { method: 'POST' })
})

const cases = allCmdlets.flatMap((cmdlet) =>
  cmdlet.examples.map((example, index) => ({
    name: `${cmdlet.name} #${index + 1}: ${example.code}`,
    example,
  })),
)

describe('every cmdlet example', () => {
  it('exists for every cmdlet', () => {
    const missing = allCmdlets.filter((cmdlet) => cmdlet.examples.length === 0).map((cmdlet) => cmdlet.name)
    expect(missing).toEqual([])
  })

  it.each(cases)('$name', async ({ example }) => {
    expect(() => parse(example.code)).not.toThrow()
    if (example.bindOnly) return
    // An interactive host that answers "Yes to All", so examples that would ask still run.
    const host = new RecordingHost(true, Array(20).fill('yesToAll'))
    const session = new Session({ host, errorActionPreference: 'Stop' })
    await connect(
      { server: emulator.url, apiToken: emulator.credentials.apiToken, credentialStore: 'memory' },
      session,
    )
    const interpreter = new Interpreter({ registry, session })
    const output = await interpreter.evaluate(example.code)
    expect(interpreter.statementErrors.map((error: Error) => error.message)).toEqual([])
    expect(host.errors.map((record) => record.error.message)).toEqual([])
    if (example.expect === undefined) return
    const expected = example.expect as { count?: number }
    if (expected && typeof expected === 'object' && !Array.isArray(expected) && 'count' in expected) {
      expect(output).toHaveLength(expected.count!)
    } else {
      expect(toPlain(output.length === 1 && !Array.isArray(example.expect) ? output[0] : output)).toEqual(
        example.expect,
      )
    }
  })
})
