// Contract tests of the user endpoints (csp-api.md §3): paged list, search, one user, removal.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../../src/emulator/index.js'
import { AM, allUsers, call, control, start, tokens } from './helpers.js'

let emulator: RunningEmulator
let as: Awaited<ReturnType<typeof tokens>>
let users: string

beforeAll(async () => {
  emulator = await start()
  as = await tokens(emulator)
  users = `${AM}/v2/orgs/${emulator.orgId}/users`
})
afterAll(async () => {
  await emulator.close()
})

describe('GET /csp/gateway/am/api/v2/orgs/{orgId}/users', () => {
  it('answers every user on one page by default (pageLimit 200), without links', async () => {
    const answer = await call(emulator, 'GET', users, { token: as.owner })
    expect(answer.status).toBe(200)
    expect(answer.body.totalResults).toBe(34)
    expect(answer.body.results).toHaveLength(34)
    expect(answer.body).not.toHaveProperty('nextLink')
    expect(answer.body).not.toHaveProperty('prevLink')
  })

  it('answers ExpandedTypedUser items with string names and roles for an owner', async () => {
    const [first] = (await call(emulator, 'GET', `${users}?pageLimit=1`, { token: as.owner })).body.results
    expect(Object.keys(first.user).sort()).toEqual(
      [
        'username',
        'firstName',
        'lastName',
        'domain',
        'idpId',
        'accessible',
        'acct',
        'email',
        'userId',
        'userProfile',
      ].sort(),
    )
    expect(first.user.userId).toMatch(/^vmware\.com:[0-9a-f-]{36}$/)
    expect(first.orgId).toBe(emulator.orgId)
    expect(first.organizationRoles[0]).toEqual({
      id: null,
      name: 'org_owner',
      displayName: 'Organization Owner',
      resource: null,
      membershipType: 'DIRECT',
      expiresAt: null,
      orgId: emulator.orgId,
    })
    expect(first.serviceRoles[0].serviceRoles[0]).toMatchObject({
      name: 'vmc-user:full',
      roleName: 'vmc-user:full',
    })
    expect(first.customRoles).toEqual([])
    for (const item of await allUsers(emulator, as.owner)) {
      expect(typeof item.user.firstName).toBe('string')
      expect(typeof item.user.lastName).toBe('string')
    }
  })

  it('shows a member basic user info only', async () => {
    const [first] = (await call(emulator, 'GET', `${users}?pageLimit=1`, { token: as.member })).body.results
    expect(first.user.username).toBe('ava.thompson@demo.example')
    expect(first).not.toHaveProperty('organizationRoles')
    expect(first).not.toHaveProperty('serviceRoles')
  })

  it('pages by item index with relative links that keep other parameters', async () => {
    const answer = await call(emulator, 'GET', `${users}?pageStart=11&pageLimit=10&expandProfile`, {
      token: as.owner,
    })
    expect(answer.body.results).toHaveLength(10)
    expect(answer.body.results[0].user.firstName).toBe('Benjamin')
    expect(answer.body.results[0].user.userProfile).toMatchObject({ locale: expect.any(String) })
    expect(answer.body.nextLink).toBe(`${users}?expandProfile=&pageStart=21&pageLimit=10`)
    expect(answer.body.prevLink).toBe(`${users}?expandProfile=&pageStart=1&pageLimit=10`)
    const last = await call(emulator, 'GET', `${users}?pageStart=31&pageLimit=10`, { token: as.owner })
    expect(last.body.results).toHaveLength(4)
    expect(last.body).not.toHaveProperty('nextLink')
    const beyond = await call(emulator, 'GET', `${users}?pageStart=100`, { token: as.owner })
    expect(beyond.body).toMatchObject({ results: [], totalResults: 34 })
  })

  it.each(['pageLimit=201', 'pageLimit=0', 'pageStart=0', 'pageStart=x'])(
    'answers 400 for %s',
    async (query) => {
      const answer = await call(emulator, 'GET', `${users}?${query}`, { token: as.owner })
      expect(answer.status).toBe(400)
      expect(answer.body.statusCode).toBe(400)
    },
  )

  it('honours excludeRoles, includeGroupIdsInRoles and serviceDefinitionId', async () => {
    const excluded = await call(emulator, 'GET', `${users}?pageLimit=1&excludeRoles=true`, {
      token: as.owner,
    })
    expect(excluded.body.results[0]).not.toHaveProperty('organizationRoles')
    const grouped = await call(emulator, 'GET', `${users}?pageLimit=1&includeGroupIdsInRoles`, {
      token: as.owner,
    })
    expect(grouped.body.results[0].organizationRoles[0].groupIds).toEqual([])
    const tmc = await call(emulator, 'GET', `${users}?serviceDefinitionId=dEr0mqJ8nPLBcpTgGk3QxyDh5sW_`, {
      token: as.owner,
    })
    expect(tmc.body.results.map((item: any) => item.user.firstName).sort()).toEqual([
      'Aaron',
      'Alice',
      'Kenji',
    ])
  })

  it('does not list pending invitees', async () => {
    const names = (await allUsers(emulator, as.owner)).map((item) => item.user.username)
    expect(names).not.toContain('samuel.reid@demo.example')
  })
})

describe('GET /csp/gateway/am/api/orgs/{orgId}/users/search', () => {
  const search = (term: string, token = as.owner) =>
    call(
      emulator,
      'GET',
      `${AM}/orgs/${emulator.orgId}/users/search?userSearchTerm=${encodeURIComponent(term)}`,
      {
        token,
        headers: { 'content-type': 'application/json' },
      },
    )

  it('matches username, first and last name and e-mail, case-insensitively', async () => {
    expect((await search('KOWALSKI')).body.results.map((item: any) => item.user.firstName)).toEqual([
      'Adrian',
    ])
    expect((await search('maya.pat')).body.results).toHaveLength(1)
    expect((await search('aisha')).body.results[0].user.lastName).toBe('Rahman')
  })

  it('caps results at 20 with no paging fields', async () => {
    const answer = await search('a')
    expect(answer.body.results).toHaveLength(20)
    expect(Object.keys(answer.body)).toEqual(['results'])
  })

  it('never shows pending invitees', async () => {
    expect((await search('samuel.reid')).body.results).toEqual([])
  })

  it.each([['a term over 120 characters', 'x'.repeat(121)]])('answers 400 for %s', async (_name, term) => {
    expect((await search(term)).status).toBe(400)
  })
})

describe('one user', () => {
  it('answers UserInfoDto by user id and by e-mail, and the user roles', async () => {
    const [first] = (await call(emulator, 'GET', `${users}?pageLimit=1`, { token: as.owner })).body.results
    const byId = await call(
      emulator,
      'GET',
      `${AM}/v2/users/${first.user.userId}/orgs/${emulator.orgId}/info`,
      {
        token: as.member,
      },
    )
    expect(byId.status).toBe(200)
    expect(byId.body.user).toMatchObject({ userId: first.user.userId, email: 'ava.thompson@demo.example' })
    expect(byId.body.userOrgInfo[0]).toMatchObject({ name: emulator.orgId, displayName: 'Demo Org' })
    expect(byId.body.userOrgInfo[0].orgRoles.map((role: any) => role.name)).toEqual(['org_owner'])
    const byEmail = await call(
      emulator,
      'GET',
      `${AM}/v2/users/ava.thompson@demo.example/orgs/${emulator.orgId}/info`,
      {
        token: as.member,
      },
    )
    expect(byEmail.body.user.userId).toBe(first.user.userId)
    const roles = await call(
      emulator,
      'GET',
      `${AM}/v2/users/${first.user.userId}/orgs/${emulator.orgId}/roles`,
      {
        token: as.owner,
      },
    )
    expect(roles.body.map((role: any) => role.name)).toEqual(['org_owner'])
    const serviceRoles = await call(
      emulator,
      'GET',
      `${AM}/v2/users/${encodeURIComponent(first.user.userId)}/orgs/${emulator.orgId}/service-roles`,
      { token: as.owner },
    )
    expect(serviceRoles.body.serviceRoles).toHaveLength(2)
  })

  it('answers 404 for someone outside the org', async () => {
    const answer = await call(
      emulator,
      'GET',
      `${AM}/v2/users/liam.oconnor@partner.example/orgs/${emulator.orgId}/info`,
      {
        token: as.owner,
      },
    )
    expect(answer.status).toBe(404)
  })
})

describe('DELETE /csp/gateway/am/api/v2/orgs/{orgId}/users', () => {
  beforeEach(async () => {
    await control(emulator, 'POST', 'reset')
  })

  const idsOf = async (...firstNames: string[]) => {
    const all = await allUsers(emulator, as.owner)
    return firstNames.map((name) => all.find((item) => item.user.firstName === name)!.user.userId as string)
  }
  const removeIds = (ids: unknown, token = as.owner) =>
    call(emulator, 'DELETE', users, { token, json: { ids, notifyUsers: false } })

  it('removes users and answers {succeeded, failed}; non-members and malformed ids under failed', async () => {
    const [chloe, ethan] = await idsOf('Chloe', 'Ethan')
    const outsider = (
      await control(emulator, 'POST', 'accounts', { email: 'out@example.com', firstName: 'O', lastName: 'S' })
    ).body.userId
    // salt-ext's integration test removes this id from a real org and gets a 2xx.
    const answer = await removeIds([chloe, ethan, outsider, 'vmware.com:test-123'])
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ succeeded: [chloe, ethan], failed: [outsider, 'vmware.com:test-123'] })
    const remaining = (await allUsers(emulator, as.owner)).map((item) => item.user.userId)
    expect(remaining).toHaveLength(32)
    expect(remaining).not.toContain(chloe)
  })

  it('takes a removed user out of its groups', async () => {
    const [yusuf] = await idsOf('Yusuf')
    const groups = (await call(emulator, 'GET', `${AM}/orgs/${emulator.orgId}/groups`, { token: as.owner }))
      .body.results
    const contractors = groups.find((group: any) => group.displayName === 'Contractors')
    await removeIds([yusuf])
    const after = await call(emulator, 'GET', `${AM}/orgs/${emulator.orgId}/groups/${contractors.id}`, {
      token: as.owner,
    })
    expect(after.body.usersCount).toBe(contractors.usersCount - 1)
  })

  it('answers 400 for more than 20 ids and changes nothing', async () => {
    const all = (await allUsers(emulator, as.owner)).map((item) => item.user.userId).slice(3, 24)
    const answer = await removeIds(all)
    expect(answer.status).toBe(400)
    expect(answer.body.message).toBe('Cannot remove more than 20 users at the same time')
    expect(await allUsers(emulator, as.owner)).toHaveLength(34)
  })

  it('protects the last org owner', async () => {
    const [ava, daniel] = await idsOf('Ava', 'Daniel')
    const both = await removeIds([ava, daniel])
    expect(both.status).toBe(400)
    expect(both.body.message).toBe('Cannot remove the last org owner')
    expect((await removeIds([daniel])).body.succeeded).toEqual([daniel])
    expect((await removeIds([ava])).status).toBe(400)
  })

  it('lets an admin remove members but not owners', async () => {
    const [daniel, zoe] = await idsOf('Daniel', 'Zoe')
    const answer = await removeIds([daniel, zoe], as.admin)
    expect(answer.body).toEqual({ succeeded: [zoe], failed: [daniel] })
  })

  it.each([{}, { ids: [] }, { ids: 'x' }, { ids: [1] }])('answers 400 for the body %j', async (body) => {
    const answer = await call(emulator, 'DELETE', users, { token: as.owner, json: body })
    expect(answer.status).toBe(400)
  })
})
