// `vcs Connect-Vcs --save-api-token` with no terminal (provisioning a scheduled job's machine)
// takes the token from VCS_API_TOKEN, VCS_API_TOKEN_FILE or stdin (issue 19), saves it, and a later
// command with only VCS_SERVER connects with it. Without a token anywhere, the hint names the ways
// that work here, not a variable that is already set. The built CLI against a real emulator.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator } from '../../src/emulator/index.js'
import { runCli } from './helpers.js'

let emulator: Awaited<ReturnType<typeof startEmulator>>
let work: string
let store: NodeJS.ProcessEnv

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', quiet: true })
  work = mkdtempSync(join(tmpdir(), 'vcs-save-token-'))
  store = {
    VCS_CREDENTIAL_STORE: 'file',
    VCS_CREDENTIAL_FILE: join(work, 'credentials.json'),
  }
})
afterEach(async () => {
  await emulator?.close()
  rmSync(work, { recursive: true, force: true })
})

/** A later one-shot command given only the server: it must find the saved token. */
async function connectsWithSavedToken(): Promise<void> {
  const later = await runCli(
    ['Get-VcsOrganizationRole', '--output', 'json', '--warning-action', 'SilentlyContinue'],
    {
      env: { ...store, VCS_SERVER: emulator.url },
    },
  )
  expect(later.stderr).toBe('')
  expect(later.code).toBe(0)
  expect(later.stdout).toContain('org_owner')
}

describe('Connect-Vcs --save-api-token without a terminal', () => {
  it('takes the token from VCS_API_TOKEN', async () => {
    const result = await runCli(['Connect-Vcs', '--server', emulator.url, '--save-api-token'], {
      env: { ...store, VCS_API_TOKEN: emulator.credentials.apiToken },
    })
    expect(result.stderr).not.toMatch(/No credential/)
    expect(result.code).toBe(0)
    await connectsWithSavedToken()
  })

  it('takes the token from VCS_API_TOKEN_FILE', async () => {
    const file = join(work, 'token')
    writeFileSync(file, `${emulator.credentials.apiToken}\n`, { mode: 0o600 })
    const result = await runCli(['Connect-Vcs', '--server', emulator.url, '--save-api-token'], {
      env: { ...store, VCS_API_TOKEN_FILE: file },
    })
    expect(result.code).toBe(0)
    await connectsWithSavedToken()
  })

  it('takes the first line of stdin, and never prints the token', async () => {
    const result = await runCli(['Connect-Vcs', '--server', emulator.url, '--save-api-token'], {
      env: store,
      stdin: `${emulator.credentials.apiToken}\n`,
    })
    expect(result.code).toBe(0)
    expect(result.stdout + result.stderr).not.toContain(emulator.credentials.apiToken)
    await connectsWithSavedToken()
  })

  it('with no token anywhere: exit 3, nothing saved, and a hint that names stdin', async () => {
    const result = await runCli(['Connect-Vcs', '--server', emulator.url, '--save-api-token'], {
      env: store,
      stdin: '',
    })
    expect(result.code).toBe(3)
    expect(result.stderr).toMatch(/No credential for/)
    expect(result.stderr).toMatch(/on stdin/)
    expect(result.stderr).not.toMatch(/undefined|\[object Object\]/)
    // Nothing was saved: a later command given only the server has no credential either.
    const later = await runCli(['Get-VcsOrganizationRole'], { env: { ...store, VCS_SERVER: emulator.url } })
    expect(later.code).toBe(3)
  })
})
