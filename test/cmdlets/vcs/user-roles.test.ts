// Add-VcsUserRole and Remove-VcsUserRole against the demo emulator: roles changed user by user,
// unknown roles refused before anything is sent, the last owner's owner role kept, -WhatIf sends nothing.
import { describe, expect, it } from 'vitest'
import {
  addVcsUserRole,
  getVcsServiceRole,
  getVcsUser,
  removeVcsUserRole,
  setVcsUser,
  type VcsUserRoleResult,
} from '../../../src/library/vcs.js'
import { connect } from '../../../src/auth/index.js'
import { RecordingHost, Session } from '../../../src/engine/index.js'
import { errorMessages, requestsTo, resetStats, stats, useEmulator } from './emulator.js'

const bed = useEmulator()
const PATCH_ROLES = '/v3/users/{userId}/orgs/{orgId}/roles'

async function rolesOf(email: string) {
  const [user] = await getVcsUser({ email: [email] }).in(bed.session)
  return { org: user.OrganizationRoles, service: user.ServiceRoles }
}

describe('Add-VcsUserRole / Remove-VcsUserRole', () => {
  it('adds and removes an organization role for users from the pipeline, one result each', async () => {
    const users = await getVcsUser({ email: ['maya.patel@demo.example', 'chloe.martin@demo.example'] }).in(
      bed.session,
    )
    const added = (await addVcsUserRole({
      user: users,
      organizationRole: ['support_user'],
      passThru: true,
    }).in(bed.session)) as VcsUserRoleResult[]
    expect(added.map((result) => [result.Email, result.Result, result.Added])).toEqual(
      users.map((user) => [user.Email, 'Changed', ['support_user']]),
    )
    expect((await rolesOf('maya.patel@demo.example')).org).toContain('support_user')
    const removed = (await removeVcsUserRole({
      email: ['maya.patel@demo.example'],
      organizationRole: ['Support User'],
      passThru: true,
    }).in(bed.session)) as VcsUserRoleResult[]
    expect(removed.map((result) => [result.Result, result.Removed])).toEqual([['Changed', ['support_user']]])
    expect((await rolesOf('maya.patel@demo.example')).org).not.toContain('support_user')
    expect(errorMessages(bed.host)).toEqual([])
  })

  it('adds a service role named Service:role', async () => {
    const [role] = await getVcsServiceRole().in(bed.session)
    const [result] = (await addVcsUserRole({
      email: ['maya.patel@demo.example'],
      serviceRole: [`${role.ServiceId}:${role.Name}`],
      passThru: true,
    }).in(bed.session)) as VcsUserRoleResult[]
    expect(result.Result).toBe('Changed')
    expect(String((await rolesOf('maya.patel@demo.example')).service)).toContain(role.Name!)
  })

  it('refuses an unknown role before sending, listing the known ones', async () => {
    await resetStats(bed)
    await expect(
      addVcsUserRole({ email: ['maya.patel@demo.example'], organizationRole: ['org_wizard'] }).in(
        bed.session,
      ),
    ).rejects.toThrow(/Unknown organization role 'org_wizard'\. Known roles: .*org_owner/)
    expect(requestsTo(await stats(bed), 'PATCH', PATCH_ROLES)).toBe(0)
  })

  it("Set-VcsUser replaces the base role and keeps the last owner's owner role, refused before sending", async () => {
    const [maya] = (await setVcsUser({
      email: ['maya.patel@demo.example'],
      organizationRole: 'Admin',
      passThru: true,
    }).in(bed.session)) as VcsUserRoleResult[]
    expect(maya.Result).toBe('Changed')
    expect((await rolesOf('maya.patel@demo.example')).org).toContain('org_admin')
    expect((await rolesOf('maya.patel@demo.example')).org).not.toContain('org_member')
    const owners = await getVcsUser({ organizationRole: ['org_owner'] }).in(bed.session)
    expect(owners).toHaveLength(2)
    await resetStats(bed)
    // The connected owner (the demo API token's, Ava) last: demoting them first would hide roles from this session.
    owners.sort((a, b) => Number(a.Email.startsWith('ava.')) - Number(b.Email.startsWith('ava.')))
    const results = (await setVcsUser({ user: owners, organizationRole: 'member', passThru: true }).in(
      bed.session,
    )) as VcsUserRoleResult[]
    expect(results.map((result) => result.Result)).toEqual(['Changed', 'Failed'])
    expect(results[1].Reason).toMatch(/^Cannot remove the last org owner/)
    expect(errorMessages(bed.host)).toEqual([`${results[1].Email}: ${results[1].Reason}`])
    expect(requestsTo(await stats(bed), 'PATCH', PATCH_ROLES)).toBe(1)
    expect(await getVcsUser({ organizationRole: ['org_owner'] }).in(bed.session)).toHaveLength(1)
  })

  it('Set-VcsUser refuses an unknown base role, listing the known values', async () => {
    await expect(
      setVcsUser({ email: ['maya.patel@demo.example'], organizationRole: 'boss' }).in(bed.session),
    ).rejects.toThrow(/Unknown base role 'boss'\. Known values: Owner, Admin, Member/)
  })

  it('an admin granting owner is refused before sending', async () => {
    const host = new RecordingHost()
    const session = new Session({ host, errorActionPreference: 'Continue' })
    const { credentials, url } = bed.emulator
    await connect({ server: url, apiToken: credentials.adminApiToken, credentialStore: 'memory' }, session)
    await resetStats(bed)
    const results = (await setVcsUser({
      email: ['maya.patel@demo.example'],
      organizationRole: 'Owner',
      passThru: true,
    }).in(session)) as VcsUserRoleResult[]
    expect(results.map((result) => [result.Result, result.Reason])).toEqual([
      ['Failed', 'Only an organization owner can grant or remove the org_owner role.'],
    ])
    expect(requestsTo(await stats(bed), 'PATCH', PATCH_ROLES)).toBe(0)
    expect(errorMessages(host)).toHaveLength(1)
  })

  it('-WhatIf sends nothing', async () => {
    await resetStats(bed)
    const users = await getVcsUser({ email: ['*@demo.example'] }).in(bed.session)
    await addVcsUserRole({ user: users, organizationRole: ['developer'], whatIf: true }).in(bed.session)
    expect(requestsTo(await stats(bed), 'PATCH', PATCH_ROLES)).toBe(0)
  })
})
