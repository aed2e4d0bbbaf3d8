// `--output csv` writes what Export-Csv writes (its writer, its text for booleans and lists), so a
// file made by one-shot commands reads back the same as one made in the shell.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../src/emulator/index.js'
import { runCli } from './helpers.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>
let emulator: Emulator
let env: NodeJS.ProcessEnv
let work: string

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo' })
  env = { VCS_SERVER: emulator.url, VCS_API_TOKEN: emulator.credentials.apiToken }
  work = mkdtempSync(join(tmpdir(), 'vcs-output-csv-'))
})
afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  return emulator?.close()
})

describe('--output csv', () => {
  it('is the text Export-Csv -UseQuotes AsNeeded writes for the same users', async () => {
    const file = join(work, 'users.csv')
    const exported = await runCli(['-c', `Get-VcsUser | Export-Csv '${file}' -UseQuotes AsNeeded`], { env })
    expect(exported.code, exported.stderr).toBe(0)
    const oneShot = await runCli(['Get-VcsUser', '--output', 'csv'], { env })
    expect(oneShot.code, oneShot.stderr).toBe(0)
    expect(oneShot.stdout).toContain('; ')
    expect(oneShot.stdout).toBe(readFileSync(file, 'utf8'))
  })

  it('writes booleans as True and False, as ConvertTo-Csv does', async () => {
    const script = '[pscustomobject]@{ Name = "a"; Enabled = $true; Flags = @($false, $true) }'
    const result = await runCli(['--output', 'csv', '-c', script])
    expect(result).toMatchObject({ code: 0, stderr: '', stdout: 'Name,Enabled,Flags\na,True,False; True\n' })
    const converted = await runCli(['-c', `${script} | ConvertTo-Csv -UseQuotes AsNeeded`])
    expect(converted.stdout).toBe(result.stdout)
  })
})
