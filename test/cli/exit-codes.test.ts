// The built `vcs` against a real emulator: partial failure (exit 5) when a removal changes some
// targets and fails on others.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator } from '../../src/emulator/index.js'
import { runCli } from './helpers.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>
let emulator: Emulator
let env: NodeJS.ProcessEnv

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', quiet: true })
  env = { VCS_SERVER: emulator.url, VCS_API_TOKEN: emulator.credentials.apiToken }
})
afterEach(() => emulator?.close())

/** The users' e-mails, read as the OAuth app (the owner whose API token `env` uses may be gone). */
async function emails(): Promise<string[]> {
  const { appId, appSecret, orgId } = emulator.credentials
  const app = { VCS_SERVER: emulator.url, VCS_APP_ID: appId, VCS_APP_SECRET: appSecret, VCS_ORG_ID: orgId }
  const result = await runCli(['Get-VcsUser', '--output', 'json'], { env: app })
  expect(result.code).toBe(0)
  return (JSON.parse(result.stdout) as { Email: string }[]).map((user) => user.Email)
}

async function owners(): Promise<string[]> {
  const result = await runCli(
    ['-c', "Get-VcsUser | Where-Object { $_.OrganizationRoles -contains 'org_owner' }"],
    {
      env,
    },
  )
  expect(result.code).toBe(0)
  return (JSON.parse(result.stdout) as { Email: string }[]).map((user) => user.Email)
}

describe('partial failure of a removal is exit 5', () => {
  const CHLOE = 'chloe.martin@demo.example'

  it('one user removed and one not found: exit 5', async () => {
    const result = await runCli(
      ['Remove-VcsUser', '--email', `${CHLOE},nobody@demo.example`, '--confirm', 'false'],
      { env },
    )
    expect(result.stderr).toMatch(/nobody@demo\.example/)
    expect(result.code).toBe(5)
    expect(await emails()).not.toContain(CHLOE)
  })

  it('every target failing is still exit 1', async () => {
    const result = await runCli(['Remove-VcsUser', '--email', 'nobody@demo.example', '--confirm', 'false'], {
      env,
    })
    expect(result.code).toBe(1)
  })

  it('both owners: one removed, the last owner refused: exit 5', async () => {
    const both = await owners()
    expect(both).toHaveLength(2)
    const result = await runCli(['Remove-VcsUser', '--email', both.join(','), '--confirm', 'false'], { env })
    expect(result.stderr).not.toBe('')
    expect(result.code).toBe(5)
    const left = await emails()
    expect(both.filter((email) => left.includes(email))).toHaveLength(1)
  })

  it('the same in a vcs -c script: exit 5', async () => {
    const result = await runCli(
      ['-c', `Remove-VcsUser -Email '${CHLOE}', 'nobody@demo.example' -Confirm:$false`],
      { env },
    )
    expect(result.code).toBe(5)
    expect(await emails()).not.toContain(CHLOE)
  })
})
