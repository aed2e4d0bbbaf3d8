// Contract tests of the access endpoints: the v3 user-roles PATCH and custom-group membership
// (docs/csp-api-notes.md "Managing access"), over real HTTP with the seeded credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../../src/emulator/index.js'
import { SERVICES } from '../../src/emulator/seed/catalog.js'
import { AM, allUsers, call, start, tokens } from './helpers.js'

let emulator: RunningEmulator
let as: Awaited<ReturnType<typeof tokens>>
let users: any[]

const rolesPath = (userId: string) =>
  `${AM}/v3/users/${encodeURIComponent(userId)}/orgs/${emulator.orgId}/roles`
const baseOf = (user: any) =>
  user.organizationRoles.map((role: any) => role.name).filter((name: string) => name.startsWith('org_'))
const withBase = (base: string) => users.filter((user) => baseOf(user).includes(base))

beforeAll(async () => {
  emulator = await start()
  as = await tokens(emulator)
  users = await allUsers(emulator, as.owner)
})
afterAll(async () => {
  await emulator.close()
})

describe('PATCH v3 user roles', () => {
  it('lets an owner or admin change a member’s organization and service roles; members and apps get 403', async () => {
    const target = withBase('org_member')[0].user.userId
    const json = { organizationRoles: { rolesToAdd: [{ name: 'developer' }] } }
    expect((await call(emulator, 'PATCH', rolesPath(target), { token: as.member, json })).status).toBe(403)
    expect((await call(emulator, 'PATCH', rolesPath(target), { token: as.app, json })).status).toBe(403)
    const answer = await call(emulator, 'PATCH', rolesPath(target), { token: as.admin, json })
    expect(answer.status).toBe(200)
    expect(answer.body.map((role: any) => role.name).sort()).toEqual(['developer', 'org_member'])
    const removed = await call(emulator, 'PATCH', rolesPath(target), {
      token: as.owner,
      json: { organizationRoles: { roleNamesToRemove: ['developer'] } },
    })
    expect(removed.status).toBe(200)
    const read = await call(emulator, 'GET', `${AM}/v2/users/${target}/orgs/${emulator.orgId}/roles`, {
      token: as.owner,
    })
    expect(read.body.map((role: any) => role.name)).toEqual(['org_member'])
  })

  it('replaces the base role in one request and refuses a second base role or an unknown one', async () => {
    const target = withBase('org_member')[1].user.userId
    const both = { organizationRoles: { roleNamesToAdd: ['org_admin'] } }
    expect((await call(emulator, 'PATCH', rolesPath(target), { token: as.owner, json: both })).status).toBe(
      400,
    )
    const unknown = { organizationRoles: { roleNamesToAdd: ['org_wizard'] } }
    expect(
      (await call(emulator, 'PATCH', rolesPath(target), { token: as.owner, json: unknown })).status,
    ).toBe(400)
    const swap = { organizationRoles: { roleNamesToAdd: ['org_admin'], roleNamesToRemove: ['org_member'] } }
    const answer = await call(emulator, 'PATCH', rolesPath(target), { token: as.owner, json: swap })
    expect(answer.status).toBe(200)
    const names = answer.body.map((role: any) => role.name)
    expect(names).toContain('org_admin')
    expect(names).not.toContain('org_member')
  })

  it('an admin cannot grant owner; an owner can; 404 for a stranger', async () => {
    const target = withBase('org_member')[2].user.userId
    const json = { organizationRoles: { roleNamesToAdd: ['org_owner'], roleNamesToRemove: ['org_member'] } }
    expect((await call(emulator, 'PATCH', rolesPath(target), { token: as.admin, json })).status).toBe(403)
    expect((await call(emulator, 'PATCH', rolesPath(target), { token: as.owner, json })).status).toBe(200)
    const stranger = await call(emulator, 'PATCH', rolesPath('example.com:nobody'), { token: as.owner, json })
    expect(stranger.status).toBe(404)
  })

  it('refuses to take the owner role from the last owner', async () => {
    const owners = (await allUsers(emulator, as.owner)).filter((user) => baseOf(user).includes('org_owner'))
    const demote = { organizationRoles: { roleNamesToAdd: ['org_member'], roleNamesToRemove: ['org_owner'] } }
    const [last, ...others] = owners.map((user) => user.user.userId)
    for (const userId of others) {
      expect(
        (await call(emulator, 'PATCH', rolesPath(userId), { token: as.owner, json: demote })).status,
      ).toBe(200)
    }
    const answer = await call(emulator, 'PATCH', rolesPath(last), { token: as.owner, json: demote })
    expect(answer.status).toBe(400)
    expect(answer.text).toContain('Cannot remove the last org owner')
  })

  it('changes service roles by serviceDefinitionId and refuses a role the service lacks', async () => {
    const services = await call(
      emulator,
      'GET',
      `/csp/gateway/slc/api/v2/ui/definitions/?orgId=${emulator.orgId}`,
      {
        token: as.owner,
      },
    )
    const service = SERVICES.find((spec) => spec.id === services.body.servicesList[0].serviceDefinitionId)!
    const role = service.roles[0].name
    const target = withBase('org_member')[3].user.userId
    const json = {
      serviceRoles: [{ serviceDefinitionId: service.id, rolesToAdd: [{ name: role }] }],
    }
    expect((await call(emulator, 'PATCH', rolesPath(target), { token: as.owner, json })).status).toBe(200)
    const read = await call(
      emulator,
      'GET',
      `${AM}/v2/users/${target}/orgs/${emulator.orgId}/service-roles`,
      {
        token: as.owner,
      },
    )
    const grant = read.body.serviceRoles.find((item: any) => item.serviceDefinitionLink.endsWith(service.id))
    expect(grant.serviceRoleNames).toContain(role)
    const bad = {
      serviceRoles: [{ serviceDefinitionId: service.id, roleNamesToAdd: ['nope'] }],
    }
    expect((await call(emulator, 'PATCH', rolesPath(target), { token: as.owner, json: bad })).status).toBe(
      400,
    )
  })
})

describe('group members', () => {
  it('adds members by username and removes them by id; members and apps get 403', async () => {
    const list = await call(emulator, 'GET', `${AM}/orgs/${emulator.orgId}/groups?pageLimit=200`, {
      token: as.owner,
    })
    const group = list.body.results.find((item: any) => item.displayName === 'Contractors')
    const path = `${AM}/orgs/${emulator.orgId}/groups/${group.id}/users`
    const before = (await call(emulator, 'GET', `${path}?pageLimit=200`, { token: as.owner })).body.results
    const outsider = users.find(
      (user) => !before.some((member: any) => member.userId === user.user.userId),
    ).user
    const json = { usernamesToAdd: [outsider.username, 'ghost@nowhere.example'] }
    expect((await call(emulator, 'POST', path, { token: as.member, json })).status).toBe(403)
    expect((await call(emulator, 'POST', path, { token: as.app, json })).status).toBe(403)
    const added = await call(emulator, 'POST', path, { token: as.admin, json })
    expect(added.status).toBe(200)
    expect(added.body).toEqual({ succeeded: [outsider.username], failed: ['ghost@nowhere.example'] })
    const after = (await call(emulator, 'GET', `${path}?pageLimit=200`, { token: as.owner })).body.results
    expect(after.map((member: any) => member.userId)).toContain(outsider.userId)
    const removed = await call(emulator, 'DELETE', path, {
      token: as.owner,
      json: { ids: [outsider.userId, 'x:y'] },
    })
    expect(removed.status).toBe(200)
    expect(removed.body).toEqual({ succeeded: [outsider.userId], failed: ['x:y'] })
    const tooMany = { ids: Array.from({ length: 21 }, (_, i) => `x:${i}`) }
    expect((await call(emulator, 'DELETE', path, { token: as.owner, json: tooMany })).status).toBe(400)
  })
})
