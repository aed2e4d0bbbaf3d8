// The PowerCLI walk-through end to end, in PowerShell syntax through the language, against the demo
// emulator: connect, list org and service roles, invite with both, see the pending invitation, the
// invitee redeems it, the user appears, and `Get-VcsUser -Name 'A*' | Remove-VcsUser` removes exactly
// those users. Connected as the org's OAuth app, so removing A* users does not remove the caller.
import { describe, expect, it } from 'vitest'
import { registry } from '../../../cmdlets/index.js'
import { toPlain } from '../../../src/engine/index.js'
import { Interpreter } from '../../../src/language/index.js'
import { errorMessages, mailbox, redeem, useEmulator } from './emulator.js'

const bed = useEmulator({ as: 'app', errorAction: 'Stop' })

async function run(interpreter: Interpreter, code: string): Promise<Record<string, unknown>[]> {
  const output = await interpreter.evaluate(code)
  expect(interpreter.statementErrors.map((error) => error.message)).toEqual([])
  return toPlain(output) as Record<string, unknown>[]
}

describe('PowerCLI walk-through', () => {
  it('connects, invites with org and service roles, redeems, and removes exactly the A* users', async () => {
    const interpreter = new Interpreter({ registry, session: bed.session })

    const orgRoles = await run(interpreter, 'Get-VcsOrganizationRole')
    expect(orgRoles.map((role) => role.Name)).toEqual(
      expect.arrayContaining(['org_owner', 'org_admin', 'org_member', 'developer']),
    )
    const vmcRoles = await run(interpreter, "Get-VcsService -Name 'VMware Cloud on AWS' | Get-VcsServiceRole")
    expect(vmcRoles.map((role) => role.Name).sort()).toEqual([
      'nsx:cloud_admin',
      'nsx:cloud_auditor',
      'vmc-user:full',
    ])

    const created = await run(
      interpreter,
      '$orgRole = Get-VcsOrganizationRole -Name org_member\n' +
        "$serviceRole = Get-VcsServiceRole -Name 'vmc-user:full'\n" +
        "New-VcsUserInvitation -Email 'Anna.Berg@newcomer.example' -OrganizationRole $orgRole, developer -ServiceRole $serviceRole",
    )
    expect(created).toHaveLength(1)
    expect(created[0]).toMatchObject({
      Email: 'anna.berg@newcomer.example',
      Status: 'Available',
      OrganizationRoles: ['org_member', 'developer'],
      ServiceRoles: ['vmc-user:full'],
    })

    const pending = await run(interpreter, "Get-VcsUserInvitation -Email 'anna.*' -Status Available")
    expect(pending.map((invitation) => invitation.Id)).toEqual([created[0].Id])

    const [mail] = await mailbox(bed, 'anna.berg@newcomer.example')
    expect(mail.invitationId).toBe(created[0].Id)
    await redeem(mail.link!, 'Anna', 'Berg')

    const [anna] = await run(interpreter, "Get-VcsUser -Email 'anna.berg@newcomer.example'")
    expect(anna).toMatchObject({ Name: 'Anna Berg', ServiceRoles: ['vmc-user:full'] })
    expect(anna.OrganizationRoles).toEqual(expect.arrayContaining(['org_member', 'developer']))
    expect(await run(interpreter, "Get-VcsUserInvitation -Email 'anna.*' -Status Available")).toEqual([])

    const everyone = await run(interpreter, 'Get-VcsUser')
    const aUsers = await run(interpreter, "Get-VcsUser -Name 'A*'")
    expect(aUsers.map((user) => user.Name)).toEqual(
      expect.arrayContaining(['Ava Thompson', 'Adrian Kowalski', 'Alice Nguyen', 'Anna Berg']),
    )
    expect(aUsers.map((user) => user.Name)).not.toContain('Maya Patel')

    const removed = await run(interpreter, "Get-VcsUser -Name 'A*' | Remove-VcsUser -Confirm:$false")
    expect(removed).toEqual([])
    expect(errorMessages(bed.host)).toEqual([])
    const left = await run(interpreter, 'Get-VcsUser')
    const aIds = new Set(aUsers.map((user) => user.Id))
    expect(left.map((user) => user.Id).sort()).toEqual(
      everyone
        .map((user) => user.Id)
        .filter((id) => !aIds.has(id as string))
        .sort(),
    )
    expect(await run(interpreter, "Get-VcsUser -Name 'A*'")).toEqual([])
  })
})
