// Secrets given in the environment are masked in everything the built `vcs` prints, even when
// nothing connects with them: one-shot commands, -c, -File and scripts on stdin.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from './helpers.js'

const TOKEN = 'envTokenAbc123Def456Ghi789Jkl012'
const SECRET = 'envAppSecretMno345Pqr678Stu901'
const env = { VCS_API_TOKEN: TOKEN, VCS_APP_SECRET: SECRET }
const work = mkdtempSync(join(tmpdir(), 'vcs-env-secrets-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const SCRIPT = [
  '"token is $($env:VCS_API_TOKEN)"',
  '"secret is $env:VCS_APP_SECRET"',
  'Write-Warning "warned $env:VCS_API_TOKEN"',
  'Write-Error "failed $env:VCS_APP_SECRET"',
  'throw "thrown $env:VCS_API_TOKEN"',
].join('\n')

function expectMasked(result: { stdout: string; stderr: string }): void {
  for (const stream of [result.stdout, result.stderr]) {
    expect(stream).not.toContain(TOKEN)
    expect(stream).not.toContain(SECRET)
  }
}

describe('secrets from the environment are masked', () => {
  it('in vcs -c: stdout and stderr', async () => {
    const result = await runCli(['-c', SCRIPT.replace(/\n/g, '; ')], { env })
    expect(result.stdout).toContain('token is ***')
    expect(result.stdout).toContain('secret is ***')
    expect(result.stderr).toMatch(/warned \*\*\*/)
    expect(result.stderr).toMatch(/failed \*\*\*/)
    expect(result.stderr).toMatch(/thrown \*\*\*/)
    expectMasked(result)
  })

  it('in vcs -File', async () => {
    const file = join(work, 'job.ps1')
    writeFileSync(file, SCRIPT)
    const result = await runCli(['-File', file], { env })
    expect(result.stdout).toContain('token is ***')
    expect(result.stderr).toMatch(/thrown \*\*\*/)
    expectMasked(result)
  })

  it('in a script piped to vcs', async () => {
    const result = await runCli([], { env, stdin: SCRIPT })
    expect(result.stdout).toContain('token is ***')
    expect(result.stderr).toMatch(/warned \*\*\*/)
    expectMasked(result)
  })

  it('in a one-shot command', async () => {
    const result = await runCli(['Write-Output', '--input-object', `value ${TOKEN}`], { env })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('value ***')
    expectMasked(result)
  })
})
