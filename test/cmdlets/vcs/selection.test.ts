// Selections mean what they say, as a script author meets them in one-shot commands: role filters
// that name nothing are errors listing what exists, a token that cannot see roles is told so, and
// Get-VcsOrganizationRole given a user as a string looks that user up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../cli/helpers.js'
import { freshEmulator, type Emulator } from '../../e2e/ledger-helpers.js'

let emulator: Emulator
let owner: NodeJS.ProcessEnv
let member: NodeJS.ProcessEnv
beforeAll(async () => {
  emulator = await freshEmulator()
  owner = { VCS_SERVER: emulator.url, VCS_API_TOKEN: emulator.credentials.apiToken }
  member = { VCS_SERVER: emulator.url, VCS_API_TOKEN: emulator.credentials.memberApiToken }
})
afterAll(() => emulator.close())

describe('role filters naming nothing that exists', () => {
  it('Get-VcsUser --organization-role org_adm (a typo) is exit 2 listing the known roles', async () => {
    const result = await runCli(['Get-VcsUser', '--organization-role', 'org_adm'], { env: owner })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/Unknown organization role 'org_adm'\. Known roles: .*org_admin/)
  })

  it('Get-VcsUser --service-role nosuch:role is exit 2 listing known service roles', async () => {
    const result = await runCli(['Get-VcsUser', '--service-role', 'nosuch:role'], { env: owner })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/Unknown service role 'nosuch:role'\. Known service roles: /)
  })

  it('an existing role held by nobody is an empty answer, exit 0', async () => {
    const result = await runCli(['Get-VcsUser', '--organization-role', 'org_admin', '--output', 'json'], {
      env: owner,
    })
    expect(result.code).toBe(0)
    expect((JSON.parse(result.stdout) as unknown[]).length).toBeGreaterThan(0)
  })
})

describe('a token that cannot see roles', () => {
  it('gets one warning, not silently empty role columns', async () => {
    const result = await runCli(['Get-VcsUser', '--output', 'json'], { env: member })
    expect(result.code).toBe(0)
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('WARNING:'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('does not show users’ roles to this connection')
  })

  it('a role filter says so instead of answering empty without a word', async () => {
    const result = await runCli(['Get-VcsUser', '--organization-role', 'org_owner'], { env: member })
    // The filter cannot be applied: an error that says why, not an empty answer with exit 0.
    expect(result.code).not.toBe(0)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/-OrganizationRole cannot be applied: CSP does not show users’ roles/)
  })
})

describe('Get-VcsOrganizationRole --user', () => {
  it('given an e-mail, lists that user’s roles', async () => {
    const result = await runCli(
      ['Get-VcsOrganizationRole', '--user', 'aaron.mitchell@demo.example', '--output', 'json'],
      { env: owner },
    )
    expect(result.code).toBe(0)
    expect((JSON.parse(result.stdout) as Array<{ Name: string }>).map((role) => role.Name).sort()).toEqual([
      'developer',
      'org_member',
    ])
  })

  it('given an e-mail nobody has, is an error, not an empty answer with exit 0', async () => {
    const result = await runCli(['Get-VcsOrganizationRole', '--user', 'nobody@demo.example'], { env: owner })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("No user with the e-mail 'nobody@demo.example'")
  })
})
