// Contract tests of the organization, roles, services and logged-in-user endpoints (csp-api.md §2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../../src/emulator/index.js'
import { AM, call, start, tokens } from './helpers.js'

let emulator: RunningEmulator
let as: Awaited<ReturnType<typeof tokens>>
const VMC = 'ybUdoTC05kYFC9ZG560kpsn0I8M_'

beforeAll(async () => {
  emulator = await start()
  as = await tokens(emulator)
})
afterAll(async () => {
  await emulator.close()
})

describe('GET /csp/gateway/am/api/orgs/{orgId}', () => {
  it('answers the OrganizationDto fields', async () => {
    const answer = await call(emulator, 'GET', `${AM}/orgs/${emulator.orgId}`, { token: as.member })
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body).sort()).toEqual(
      [
        'refLink',
        'name',
        'displayName',
        'parentRefLink',
        'metadata',
        'language',
        'locale',
        'isMfaRequired',
        'enforceUserApiTokenMfa',
        'auditLogsInstanceId',
        'maxAllowedAuthExemptedUserCount',
      ].sort(),
    )
    expect(answer.body).toMatchObject({ refLink: `${AM}/orgs/${emulator.orgId}`, displayName: 'Demo Org' })
    expect(emulator.orgId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('answers the same with Authorization: Bearer', async () => {
    const answer = await call(emulator, 'GET', `${AM}/orgs/${emulator.orgId}`, {
      headers: { authorization: `Bearer ${as.member}` },
    })
    expect(answer.status).toBe(200)
  })
})

describe('GET /csp/gateway/am/api/orgs/{orgId}/roles', () => {
  it.each(['', '?expand', '?expand=true', '?expand=True'])(
    'answers refLinks and orgRolesData (%s)',
    async (query) => {
      const answer = await call(emulator, 'GET', `${AM}/orgs/${emulator.orgId}/roles${query}`, {
        token: as.member,
      })
      expect(answer.status).toBe(200)
      const names = answer.body.orgRolesData.map((role: { name: string }) => role.name)
      expect(names).toEqual([
        'org_owner',
        'org_admin',
        'org_member',
        'support_user',
        'developer',
        'msp_admin',
      ])
      expect(answer.body.refLinks).toHaveLength(names.length)
      const owner = answer.body.orgRolesData[0]
      expect(owner).toMatchObject({
        displayName: 'Organization Owner',
        organizationLink: `${AM}/orgs/${emulator.orgId}`,
        visible: true,
      })
      for (const field of [
        'resource',
        'expiresAt',
        'createdBy',
        'createdDate',
        'lastUpdatedBy',
        'lastUpdatedDate',
      ]) {
        expect(owner).toHaveProperty(field)
      }
    },
  )

  it('filters by a comma-separated name list', async () => {
    const answer = await call(
      emulator,
      'GET',
      `${AM}/orgs/${emulator.orgId}/roles?name=org_member,developer`,
      {
        token: as.member,
      },
    )
    expect(answer.body.orgRolesData.map((role: { name: string }) => role.name)).toEqual([
      'org_member',
      'developer',
    ])
  })
})

describe('service definitions', () => {
  it.each([
    `/csp/gateway/slc/api/v2/ui/definitions/?orgId=ORG`,
    `/csp/gateway/slc/api/v2/ui/definitions?orgId=ORG`,
    `/csp/gateway/slc/api/v2/ui/definitions/`,
  ])('lists servicesList with only the documented fields at %s', async (path) => {
    const answer = await call(emulator, 'GET', path.replace('ORG', emulator.orgId), { token: as.member })
    expect(answer.status).toBe(200)
    const vmc = answer.body.servicesList.find(
      (service: { serviceDefinitionId: string }) => service.serviceDefinitionId === VMC,
    )
    // csp-api.md §10: no public source shows roles or descriptions in this list.
    expect(vmc).toEqual({
      serviceDefinitionId: VMC,
      displayName: 'VMware Cloud on AWS',
      productIdentifier: 'VMC',
      serviceAccessType: expect.any(String),
      serviceUrls: { serviceHome: expect.any(String) },
    })
    expect(answer.body.servicesList.length).toBeGreaterThanOrEqual(4)
  })

  it('lists definitions as results and resolves the link invitations carry', async () => {
    const list = await call(emulator, 'GET', '/csp/gateway/slc/api/definitions?expand=1', {
      token: as.member,
    })
    expect(list.status).toBe(200)
    const vmc = list.body.results.find(
      (service: { documentSelfLink: string }) =>
        service.documentSelfLink === `/csp/gateway/slc/api/definitions/external/${VMC}`,
    )
    expect(vmc).toMatchObject({
      displayName: 'VMware Cloud on AWS',
      descriptionShort: expect.any(String),
      descriptionLong: expect.any(String),
      visible: true,
    })
    expect(vmc).not.toHaveProperty('description')
    expect(vmc.serviceRoles.map((role: { name: string }) => role.name)).toEqual([
      'vmc-user:full',
      'nsx:cloud_admin',
      'nsx:cloud_auditor',
    ])
    expect(vmc.serviceRoles[0]).toMatchObject({
      name: 'vmc-user:full',
      displayName: expect.any(String),
      isDefault: true,
      isHidden: false,
      status: expect.any(String),
    })
    const plain = await call(emulator, 'GET', '/csp/gateway/slc/api/definitions', { token: as.member })
    expect(plain.body.results[0]).not.toHaveProperty('serviceRoles')
    const byLink = await call(
      emulator,
      'GET',
      `/csp/gateway/slc/api/definitions?expand&orgLink=/csp/gateway/am/api/orgs/${emulator.orgId}`,
      { token: as.member },
    )
    expect(byLink.body.results).toHaveLength(list.body.results.length)
    const roles = await call(
      emulator,
      'GET',
      `/csp/gateway/slc/api/definitions/external/${VMC}/service-roles`,
      { token: as.member },
    )
    expect(roles.status).toBe(200)
    expect(roles.body.serviceRoles.map((role: { name: string }) => role.name)).toEqual([
      'vmc-user:full',
      'nsx:cloud_admin',
      'nsx:cloud_auditor',
    ])
    expect(roles.body.refLinks).toHaveLength(3)
    const one = await call(emulator, 'GET', `/csp/gateway/slc/api/definitions/external/${VMC}`, {
      token: as.member,
    })
    expect(one.status).toBe(200)
    expect(one.body.documentSelfLink).toBe(`/csp/gateway/slc/api/definitions/external/${VMC}`)
    const unknown = await call(emulator, 'GET', '/csp/gateway/slc/api/definitions/external/nope', {
      token: as.member,
    })
    expect(unknown.status).toBe(404)
  })

  it('answers 404 for another org in ?orgId', async () => {
    const answer = await call(
      emulator,
      'GET',
      `/csp/gateway/slc/api/v2/ui/definitions/?orgId=${emulator.credentials.otherOrgId}`,
      {
        token: as.member,
      },
    )
    expect(answer.status).toBe(404)
  })
})

describe('the logged-in user', () => {
  it('answers the user, userinfo and the org', async () => {
    const user = await call(emulator, 'GET', `${AM}/loggedin/user`, { token: as.member })
    expect(user.body).toMatchObject({
      username: 'maya.patel@demo.example',
      firstName: 'Maya',
      lastName: 'Patel',
    })
    const info = await call(emulator, 'GET', `${AM}/userinfo`, { token: as.member })
    expect(Object.keys(info.body).sort()).toEqual(
      [
        'acct',
        'context',
        'context_name',
        'domain',
        'email',
        'email_verified',
        'family_name',
        'given_name',
        'group_ids',
        'group_names',
        'sub',
        'username',
      ].sort(),
    )
    expect(info.body).toMatchObject({
      context_name: emulator.orgId,
      given_name: 'Maya',
      group_names: ['Platform Engineering'],
    })
    const orgs = await call(emulator, 'GET', `${AM}/v2/loggedin/user/orgs`, { token: as.member })
    expect(orgs.body).toMatchObject({ totalResults: 1, results: [{ displayName: 'Demo Org' }] })
  })

  it('answers the caller roles and service roles in the documented shapes', async () => {
    const roles = await call(emulator, 'GET', `${AM}/loggedin/user/orgs/${emulator.orgId}/roles`, {
      token: as.owner,
    })
    expect(roles.body.map((role: { name: string }) => role.name)).toEqual(['org_owner'])
    const services = await call(emulator, 'GET', `${AM}/loggedin/user/orgs/${emulator.orgId}/service-roles`, {
      token: as.owner,
    })
    expect(services.body.serviceRoles).toContainEqual({
      serviceDefinitionLink: `/csp/gateway/slc/api/definitions/external/${VMC}`,
      serviceRoleNames: ['vmc-user:full'],
      serviceRoles: [{ name: 'vmc-user:full', membershipType: 'DIRECT' }],
    })
  })

  it('answers an app its roles but no user', async () => {
    const roles = await call(emulator, 'GET', `${AM}/loggedin/user/orgs/${emulator.orgId}/roles`, {
      token: as.app,
    })
    expect(roles.body.map((role: { name: string }) => role.name)).toEqual(['org_owner'])
    expect((await call(emulator, 'GET', `${AM}/loggedin/user`, { token: as.app })).status).toBe(404)
  })

  it('answers 404 for roles in another org', async () => {
    const answer = await call(
      emulator,
      'GET',
      `${AM}/loggedin/user/orgs/${emulator.credentials.otherOrgId}/roles`,
      {
        token: as.owner,
      },
    )
    expect(answer.status).toBe(404)
  })
})
