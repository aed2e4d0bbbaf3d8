// CSV round trips in scripts (issue 19): a role cell written as one "; "-joined list (what
// `--output csv` and Export-Csv write for a list) is read back as the roles it lists when it binds to
// -OrganizationRole/-ServiceRole, and a service role may be named by the display name the console
// shows (`VMware Cloud on AWS:NSX Cloud Admin`) where that names one role. The built CLI on the
// embedded demo emulator; the invitations are read back from the server.
import { describe, expect, it } from 'vitest'
import { runCli } from './helpers.js'

describe('role cells and display names', () => {
  it('Import-Csv rows with "org_member; developer" invite with both roles; display names resolve', async () => {
    const script = [
      '$rows = "Email,OrganizationRole`nx1@example.com,""org_member; developer""" | ConvertFrom-Csv',
      '$rows | New-VcsUserInvitation | Out-Null',
      'New-VcsUserInvitation -Email x2@example.com -ServiceRole "VMware Cloud on AWS:NSX Cloud Admin" | Out-Null',
      'Get-VcsUserInvitation -Email x1@example.com, x2@example.com | Select-Object Email, OrganizationRoles, ServiceRoles',
    ].join('; ')
    const result = await runCli(['--demo', '-o', 'json', '-c', script])
    expect(result.code).toBe(0)
    const rows = JSON.parse(result.stdout) as {
      Email: string
      OrganizationRoles: string[]
      ServiceRoles: string[]
    }[]
    expect(rows).toEqual([
      { Email: 'x1@example.com', OrganizationRoles: ['org_member', 'developer'], ServiceRoles: [] },
      { Email: 'x2@example.com', OrganizationRoles: ['org_member'], ServiceRoles: ['nsx:cloud_admin'] },
    ])
  })

  it('an unknown role in a list cell is still refused by name, before anything is sent', async () => {
    const script =
      '"Email,OrganizationRole`nx3@example.com,""org_member; no_such_role""" | ConvertFrom-Csv | New-VcsUserInvitation'
    const result = await runCli(['--demo', '-c', script])
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/no_such_role/)
    expect(result.stderr).not.toMatch(/org_member; no_such_role|undefined|\[object Object\]/)
  })
})
