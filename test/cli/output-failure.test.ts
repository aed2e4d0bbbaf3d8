// What stdout holds when a piped run fails: nothing when no record was written (so `jq` sees no
// document and a script cannot mistake a failure for "no users"), a closed JSON array when some were.
import { describe, expect, it } from 'vitest'
import { runCli, withDemoEmulator } from './helpers.js'

let env: NodeJS.ProcessEnv
withDemoEmulator((_emulator, startedEnv) => {
  env = startedEnv
})

describe('stdout of a failed run', () => {
  it.each<[string, string[], number]>([
    ['refused credentials', ['Get-VcsUser'], 3],
    ['a parse error', ['-c', 'Get-VcsUser |'], 2],
  ])('writes nothing on %s', async (_, args, code) => {
    const result = await runCli(args, { env: { ...env, VCS_API_TOKEN: 'wrongtoken' } })
    expect(result.code).toBe(code)
    expect(result.stderr).not.toBe('')
    expect(result.stdout).toBe('')
  })

  it.each<[string, string[], number]>([
    ['an invalid parameter value', ['Get-VcsUserInvitation', '--status', 'Bogus'], 2],
    ['a missing script file', ['-File', '/nonexistent/job.ps1'], 1],
    ['a bind error inside -c (non-terminating)', ['-c', 'Get-VcsUser -Bogus 1'], 2],
    ['refused credentials, ndjson', ['Get-VcsUser', '--output', 'ndjson'], 3],
    ['refused credentials, csv', ['Get-VcsUser', '--output', 'csv'], 3],
  ])('writes nothing on %s', async (_, args, code) => {
    const result = await runCli(args, { env: { ...env, VCS_API_TOKEN: 'wrongtoken' } })
    expect(result.code).toBe(code)
    expect(result.stdout).toBe('')
  })

  it('writes nothing when a lookup finds nothing (a non-terminating error, exit 1)', async () => {
    const result = await runCli(['Get-VcsUser', '--id', 'nope'], { env })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('nope')
    expect(result.stdout).toBe('')
  })

  it('prints [] when finding nothing is the successful answer (a wildcard)', async () => {
    const result = await runCli(['Get-VcsUser', '--email', '*@nowhere.example'], { env })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe('[]\n')
  })

  it('closes the JSON array when records were written before the failure', async () => {
    const result = await runCli(['-o', 'json', '-c', 'Get-VcsUser | Select-Object -First 2; throw "boom"'], {
      env,
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('boom')
    expect(JSON.parse(result.stdout)).toHaveLength(2)
  })

  it('writes [] when no record is the successful answer', async () => {
    const result = await runCli(['Get-VcsUser', '--name', 'Nobody-Matches-This*'], { env })
    expect(result).toMatchObject({ code: 0, stdout: '[]\n', stderr: '' })
  })
})
