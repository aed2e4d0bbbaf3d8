// Contract tests of the group endpoints (csp-api.md §8; shapes of VMC-Go-Client's group DTOs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../../src/emulator/index.js'
import { AM, call, start, tokens } from './helpers.js'

let emulator: RunningEmulator
let as: Awaited<ReturnType<typeof tokens>>
let groups: string

beforeAll(async () => {
  emulator = await start()
  as = await tokens(emulator)
  groups = `${AM}/orgs/${emulator.orgId}/groups`
})
afterAll(async () => {
  await emulator.close()
})

describe('groups', () => {
  it('lists the org groups in a paged envelope with ExpandedGroupDto items', async () => {
    const answer = await call(emulator, 'GET', groups, { token: as.owner })
    expect(answer.status).toBe(200)
    expect(answer.body.totalResults).toBe(5)
    const platform = answer.body.results.find((group: any) => group.displayName === 'Platform Engineering')
    expect(Object.keys(platform).sort()).toEqual(
      [
        'id',
        'displayName',
        'description',
        'domain',
        'groupType',
        'ownerOrgId',
        'sharedOrgIds',
        'usersCount',
        'organizationRoles',
        'serviceRoles',
        'customRoles',
      ].sort(),
    )
    expect(platform).toMatchObject({ ownerOrgId: emulator.orgId, usersCount: 6 })
    const paged = await call(emulator, 'GET', `${groups}?pageLimit=2`, { token: as.owner })
    expect(paged.body.results).toHaveLength(2)
    expect(paged.body.nextLink).toContain('pageStart=3')
  })

  it('searches groups by a name fragment', async () => {
    const answer = await call(
      emulator,
      'GET',
      `${AM}/orgs/${emulator.orgId}/groups-search?groupSearchTerm=ENG`,
      {
        token: as.owner,
      },
    )
    expect(answer.body.results.map((group: any) => group.displayName)).toEqual(['Platform Engineering'])
    // An empty term is allowed (TCSP: minimum length 0) and members may search (csp-api.md §10).
    const all = await call(emulator, 'GET', `${AM}/orgs/${emulator.orgId}/groups-search`, {
      token: as.member,
    })
    expect(all.status).toBe(200)
    expect(all.body.results).toHaveLength(5)
  })

  it('lists groups for owners and admins only: a member gets 403', async () => {
    const answer = await call(emulator, 'GET', groups, { token: as.member })
    expect(answer.status).toBe(403)
    expect(answer.body).toEqual({
      statusCode: 403,
      message: 'The user is forbidden to use the API: org_owner or org_admin role required',
      requestId: expect.any(String),
      moduleCode: 340,
    })
    expect((await call(emulator, 'GET', groups, { token: as.admin })).status).toBe(200)
  })

  it('gets one group and its members', async () => {
    const list = (await call(emulator, 'GET', groups, { token: as.owner })).body.results
    const sre = list.find((group: any) => group.displayName === 'SRE On-Call')
    const one = await call(emulator, 'GET', `${groups}/${sre.id}`, { token: as.owner })
    expect(one.body).toEqual(sre)
    const members = await call(emulator, 'GET', `${groups}/${sre.id}/users`, { token: as.owner })
    expect(members.body.totalResults).toBe(4)
    expect(members.body.results.map((user: any) => user.firstName).sort()).toEqual([
      'Benjamin',
      'Daniel',
      'Hannah',
      'Mei',
    ])
    expect(members.body.results[0]).toHaveProperty('userId')
  })

  it('answers 404 for an unknown group and for another org', async () => {
    expect((await call(emulator, 'GET', `${groups}/nope`, { token: as.owner })).status).toBe(404)
    const other = await call(emulator, 'GET', `${AM}/orgs/${emulator.credentials.otherOrgId}/groups`, {
      token: as.owner,
    })
    expect(other.status).toBe(404)
  })
})
