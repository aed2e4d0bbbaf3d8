// Cron mail noise: the file credential store's warning is a warning like any other, so
// `--warning-action SilentlyContinue` on a one-shot command and `$WarningPreference` in a script
// silence it; without them it still prints.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, withDemoEmulator } from './helpers.js'

let env: NodeJS.ProcessEnv
let work: string
withDemoEmulator((_, startedEnv) => {
  env = startedEnv
})
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'vcs-warnings-'))
})
afterAll(() => rm(work, { recursive: true, force: true }))

const fileStore = () => ({
  ...env,
  VCS_CREDENTIAL_STORE: 'file',
  VCS_CREDENTIAL_FILE: join(work, 'credentials.json'),
})

describe('the file credential store warning', () => {
  it('prints by default', async () => {
    const result = await runCli(['Get-VcsOrganizationRole', '--name', 'org_owner'], { env: fileStore() })
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/^WARNING: Credentials are kept in a plaintext file/)
  })

  it('--warning-action SilentlyContinue silences it', async () => {
    const result = await runCli(
      ['Get-VcsOrganizationRole', '--name', 'org_owner', '--warning-action', 'SilentlyContinue'],
      { env: fileStore() },
    )
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
  })

  it('$WarningPreference in a script silences it', async () => {
    const result = await runCli(
      ['-c', "$WarningPreference = 'SilentlyContinue'; (Get-VcsOrganizationRole -Name org_owner).Name"],
      { env: fileStore() },
    )
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe('org_owner\n')
  })
})
