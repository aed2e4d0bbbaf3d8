// A -User or -Invitation value that is not such an object (a string, a row) is bound by its e-mail
// or id, or refused with a usage error before anything is sent: never skipped in silence, never
// sent as `undefined`. One-shot commands against the emulator, its counters checked afterwards.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../cli/helpers.js'
import { freshEmulator, type Emulator } from '../../e2e/ledger-helpers.js'

let emulator: Emulator
let env: NodeJS.ProcessEnv
beforeEach(async () => {
  emulator = await freshEmulator()
  env = { VCS_SERVER: emulator.url, VCS_API_TOKEN: emulator.credentials.apiToken }
})
afterEach(() => emulator.close())

/** Requests so far that change the organization (any write but the token exchange). */
function writes(): { count: number; routes: string[] } {
  const requests = emulator.stats().requests
  const routes = Object.keys(requests).filter(
    (route) => /^(POST|PATCH|PUT|DELETE) /.test(route) && !route.includes('/auth/'),
  )
  return { count: routes.reduce((sum, route) => sum + requests[route], 0), routes }
}

async function rolesOf(email: string): Promise<string[]> {
  const result = await runCli(['Get-VcsOrganizationRole', '--user', email, '--output', 'json'], { env })
  return (JSON.parse(result.stdout) as Array<{ Name: string }>).map((role) => role.Name).sort()
}

async function statusOf(email: string): Promise<string[]> {
  const result = await runCli(['Get-VcsUserInvitation', '--email', email, '--output', 'json'], { env })
  return (JSON.parse(result.stdout || '[]') as Array<{ Status: string }>).map((i) => i.Status)
}

describe('Add-VcsUserRole / Remove-VcsUserRole -User given a string', () => {
  it('an e-mail is bound by e-mail: that user gets the role', async () => {
    const result = await runCli(
      ['-c', "Add-VcsUserRole -User 'chloe.martin@demo.example' -OrganizationRole developer -Confirm:$false"],
      { env },
    )
    expect(result.code, result.stderr).toBe(0)
    expect(await rolesOf('chloe.martin@demo.example')).toContain('developer')
  })

  it('an id is bound by id', async () => {
    const result = await runCli(
      [
        '-c',
        "$id = (Get-VcsUser -Email 'chloe.martin@demo.example').Id; Add-VcsUserRole -User $id -OrganizationRole developer -Confirm:$false",
      ],
      { env },
    )
    expect(result.code, result.stderr).toBe(0)
    expect(await rolesOf('chloe.martin@demo.example')).toContain('developer')
  })

  it('an e-mail nobody has is an error (exit 1), not a silent success; nothing sent', async () => {
    const result = await runCli(
      ['-c', "Add-VcsUserRole -User 'nobody@x.example' -OrganizationRole developer -Confirm:$false"],
      { env },
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("No user with the e-mail 'nobody@x.example' is in the organization.")
    expect(writes()).toEqual({ count: 0, routes: [] })
  })

  it("'' is a usage error (exit 2) before anything is sent", async () => {
    const result = await runCli(
      ['-c', "Remove-VcsUserRole -User '' -OrganizationRole developer -Confirm:$false"],
      { env },
    )
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("Cannot bind -User to ''")
    expect(writes()).toEqual({ count: 0, routes: [] })
  })
})

describe('Remove-VcsUserInvitation / Send-VcsUserInvitation -Invitation given a string', () => {
  it('an e-mail is bound by e-mail: its pending invitation is revoked', async () => {
    const result = await runCli(
      ['-c', "Remove-VcsUserInvitation -Invitation 'grace.kim@demo.example' -Confirm:$false"],
      { env },
    )
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toBe('Summary: 1 revoked.\n')
    expect(await statusOf('grace.kim@demo.example')).toEqual(['Revoked'])
  })

  it('an id is bound by id, never sent as "undefined"', async () => {
    const result = await runCli(
      [
        '-c',
        "$id = (Get-VcsUserInvitation -Email 'alex.turner@demo.example').Id; Send-VcsUserInvitation -Invitation $id -Confirm:$false | Out-Null",
      ],
      { env },
    )
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).not.toContain('undefined')
    expect((await statusOf('alex.turner@demo.example')).sort()).toEqual(['Available', 'Revoked'])
  })

  it("an id nobody has is reported by that id; '' is a usage error (exit 2); nothing sent", async () => {
    const unknown = await runCli(
      ['Remove-VcsUserInvitation', '--invitation', 'no-such-id', '--confirm', 'false'],
      {
        env,
      },
    )
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('no-such-id')
    expect(unknown.stderr).not.toContain('undefined')
    const empty = await runCli(['-c', "Send-VcsUserInvitation -Invitation '' -Confirm:$false"], { env })
    expect(empty.code).toBe(2)
    expect(empty.stderr).toContain("Cannot bind '' to -Invitation")
    expect(writes()).toEqual({ count: 0, routes: [] })
  })
})
