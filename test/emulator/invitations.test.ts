// Contract tests of the invitation endpoints (csp-api.md §4, §9) and of the invitee's link.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../../src/emulator/index.js'
import { AM, allUsers, call, control, start, tokens } from './helpers.js'

let emulator: RunningEmulator
let as: Awaited<ReturnType<typeof tokens>>
let invitations: string
const VMC_LINK = '/csp/gateway/slc/api/definitions/external/ybUdoTC05kYFC9ZG560kpsn0I8M_'

beforeAll(async () => {
  emulator = await start()
  as = await tokens(emulator)
  invitations = `${AM}/orgs/${emulator.orgId}/invitations`
})
afterAll(async () => {
  await emulator.close()
})
beforeEach(async () => {
  await control(emulator, 'POST', 'reset')
})

const invite = (json: unknown, token = as.owner, query = '') =>
  call(emulator, 'POST', `${invitations}${query}`, { token, json })
const list = async () => (await call(emulator, 'GET', invitations, { token: as.owner })).body as any[]
const byName = async (username: string) =>
  (await list()).filter((invitation) => invitation.username === username)

describe('POST /csp/gateway/am/api/orgs/{orgId}/invitations', () => {
  it('answers 202 with no body and creates one AVAILABLE invitation per username', async () => {
    const now = Date.now()
    const answer = await invite({
      usernames: ['new.one@example.com', 'New.Two@Example.com'],
      organizationRoles: [{ name: 'org_member' }, { name: 'developer' }],
      serviceRolesDtos: [{ serviceDefinitionLink: VMC_LINK, serviceRoleNames: ['vmc-user:full'] }],
    })
    expect(answer.status).toBe(202)
    expect(answer.text).toBe('')
    const [created] = await byName('new.one@example.com')
    expect(created).toMatchObject({
      status: 'AVAILABLE',
      orgRoleNames: ['org_member', 'developer'],
      serviceRolesDtos: [{ serviceDefinitionLink: VMC_LINK, serviceRoleNames: ['vmc-user:full'] }],
      invitedByUsername: 'ava.thompson@demo.example',
      customGroupsIds: [],
      redeemedAt: null,
      revokedAt: null,
    })
    expect(created.refLink).toMatch(new RegExp(`^${invitations}/[0-9a-f-]{36}$`))
    expect(created.generatedAt).toBeGreaterThanOrEqual(now)
    expect(created.expirationTime - created.generatedAt).toBe(7 * 86_400_000)
    expect(await byName('new.two@example.com')).toHaveLength(1)
  })

  it('accepts legacy role fields, serviceRoles objects, nulls and unknown keys', async () => {
    const answer = await invite({
      usernames: ['legacy@example.com'],
      orgRoleName: 'org_member',
      orgRoleNames: ['support_user'],
      organizationRoles: null,
      serviceRolesDtos: [
        {
          serviceDefinitionLink: VMC_LINK,
          serviceRoles: [{ name: 'nsx:cloud_auditor' }],
          serviceRoleNames: null,
        },
      ],
      customGroupsIds: null,
      skipNotify: null,
      invitationExpirationInDays: 30,
      somethingNew: { nested: true },
    })
    expect(answer.status).toBe(202)
    const [created] = await byName('legacy@example.com')
    expect(created.orgRoleNames.sort()).toEqual(['org_member', 'support_user'])
    expect(created.serviceRolesDtos[0].serviceRoleNames).toEqual(['nsx:cloud_auditor'])
    expect(created.expirationTime - created.generatedAt).toBe(30 * 86_400_000)
  })

  it('gives org_member when no base role is named', async () => {
    await invite({ usernames: ['dev@example.com'], orgRoleNames: ['developer'] })
    expect((await byName('dev@example.com'))[0].orgRoleNames).toEqual(['org_member', 'developer'])
  })

  it.each([
    ['no usernames', {}],
    ['empty usernames', { usernames: [] }],
    ['a non-e-mail', { usernames: ['not-an-email'] }],
    ['101 usernames', { usernames: Array.from({ length: 101 }, (_, index) => `u${index}@example.com`) }],
    ['an unknown org role', { usernames: ['a@example.com'], orgRoleNames: ['org_superuser'] }],
    [
      'an unknown service',
      {
        usernames: ['a@example.com'],
        serviceRolesDtos: [
          {
            serviceDefinitionLink: '/csp/gateway/slc/api/definitions/external/nope',
            serviceRoleNames: ['x'],
          },
        ],
      },
    ],
    [
      'a role of another service',
      {
        usernames: ['a@example.com'],
        serviceRolesDtos: [{ serviceDefinitionLink: VMC_LINK, serviceRoleNames: ['tmc:admin'] }],
      },
    ],
    ['an unknown group', { usernames: ['a@example.com'], customGroupsIds: ['nope'] }],
    [
      '16 groups',
      {
        usernames: ['a@example.com'],
        customGroupsIds: Array.from({ length: 16 }, (_, index) => `g${index}`),
      },
    ],
    ['0 days', { usernames: ['a@example.com'], invitationExpirationInDays: 0 }],
    ['91 days', { usernames: ['a@example.com'], invitationExpirationInDays: 91 }],
    ['a string body field', { usernames: 'a@example.com' }],
  ])('answers 400 for %s and creates nothing', async (_name, body) => {
    const before = (await list()).length
    const answer = await invite(body)
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ statusCode: 400, moduleCode: 340, message: expect.any(String) })
    expect((await list()).length).toBe(before)
  })

  it('answers 400 for a body that is not JSON, or empty', async () => {
    for (const raw of ['{"usernames": [', '']) {
      const answer = await call(emulator, 'POST', invitations, {
        token: as.owner,
        raw,
        headers: { 'content-type': 'application/json' },
      })
      expect(answer.status).toBe(400)
      expect(answer.body.statusCode).toBe(400)
    }
  })

  it('answers 409 naming members and pending invitees, and creates nothing', async () => {
    const before = (await list()).length
    const answer = await invite({
      usernames: ['fresh@example.com', 'maya.patel@demo.example', 'samuel.reid@demo.example'],
    })
    expect(answer.status).toBe(409)
    expect(answer.body.message).toContain('maya.patel@demo.example')
    expect(answer.body.message).toContain('samuel.reid@demo.example')
    expect(await byName('fresh@example.com')).toEqual([])
    expect((await list()).length).toBe(before)
  })

  it('invites again someone whose invitation expired or was revoked', async () => {
    expect(
      (await invite({ usernames: ['oscar.lindqvist@demo.example', 'victor.hale@demo.example'] })).status,
    ).toBe(202)
    expect((await byName('oscar.lindqvist@demo.example')).map((invitation) => invitation.status)).toEqual([
      'AVAILABLE',
      'AVAILABLE',
    ])
  })

  it('adds an existing CSP account at once, with no pending invitation', async () => {
    const answer = await invite({ usernames: ['liam.oconnor@partner.example'], orgRoleNames: ['org_member'] })
    expect(answer.status).toBe(202)
    expect(await byName('liam.oconnor@partner.example')).toEqual([])
    const member = (await allUsers(emulator, as.owner)).find(
      (item) => item.user.username === 'liam.oconnor@partner.example',
    )
    expect(member.user.lastName).toBe("O'Connor")
    const mail = (await control(emulator, 'GET', 'mailbox?to=liam.oconnor@partner.example')).body
    expect(mail).toEqual([expect.objectContaining({ invitationId: null, link: null })])
  })

  it('adds an account registered through the control API at once', async () => {
    const registered = await control(emulator, 'POST', 'accounts', {
      email: 'Outside@Example.org',
      firstName: 'Out',
      lastName: 'Side',
    })
    expect(registered.status).toBe(201)
    expect(
      (
        await control(emulator, 'POST', 'accounts', {
          email: 'outside@example.org',
          firstName: 'A',
          lastName: 'B',
        })
      ).status,
    ).toBe(409)
    await invite({ usernames: ['outside@example.org'] })
    const names = (await allUsers(emulator, as.owner)).map((item) => item.user.username)
    expect(names).toContain('outside@example.org')
  })

  it('sends an e-mail with a link unless notifications are off', async () => {
    await invite({ usernames: ['mailed@example.com'] })
    await invite({ usernames: ['silent@example.com'], skipNotify: true })
    await invite({ usernames: ['quiet@example.com'], notifyUsersOfRegistration: false })
    const [mail] = (await control(emulator, 'GET', 'mailbox?to=mailed@example.com')).body
    const [invitation] = await byName('mailed@example.com')
    expect(mail).toMatchObject({ to: 'mailed@example.com', subject: expect.stringContaining('Demo Org') })
    expect(invitation.refLink.endsWith(mail.invitationId)).toBe(true)
    expect(mail.link).toBe(`${emulator.url}/emulator/api/invitations/${mail.invitationId}`)
    expect((await control(emulator, 'GET', 'mailbox?to=silent@example.com')).body).toEqual([])
    expect((await control(emulator, 'GET', 'mailbox?to=quiet@example.com')).body).toEqual([])
    expect(await byName('silent@example.com')).toHaveLength(1)
  })
})

describe('listing and getting invitations', () => {
  it('lists a plain array with every state and the documented fields', async () => {
    const all = await list()
    expect(Array.isArray(all)).toBe(true)
    expect(new Set(all.map((invitation) => invitation.status))).toEqual(
      new Set(['AVAILABLE', 'REDEEMED', 'REVOKED']),
    )
    for (const field of [
      'refLink',
      'username',
      'status',
      'expirationTime',
      'generatedAt',
      'generatedBy',
      'invitedByUsername',
      'orgRoleNames',
      'serviceRolesDtos',
      'customRoles',
      'customGroupsIds',
      'redeemedAt',
      'redeemedBy',
      'revokedAt',
      'revokedBy',
    ]) {
      expect(all[0]).toHaveProperty(field)
    }
    const expired = all.find((invitation) => invitation.username === 'oscar.lindqvist@demo.example')
    expect(expired.status).toBe('AVAILABLE')
    expect(expired.expirationTime).toBeLessThan(Date.now())
  })

  it('adds role details with expand and groups with expandCustomGroups', async () => {
    const plain = (await list()).find((invitation) => invitation.username === 'grace.kim@demo.example')
    expect(plain).not.toHaveProperty('organizationRoles')
    const expanded = (
      await call(emulator, 'GET', `${invitations}?expand=True&expandCustomGroups=true`, { token: as.owner })
    ).body.find((invitation: any) => invitation.username === 'grace.kim@demo.example')
    expect(expanded.organizationRoles).toEqual([{ name: 'org_member' }, { name: 'developer' }])
    expect(expanded.customGroups[0]).toMatchObject({ displayName: 'Platform Engineering' })
    const byGroup = await call(emulator, 'GET', `${invitations}?customGroupId=${plain.customGroupsIds[0]}`, {
      token: as.owner,
    })
    expect(byGroup.body.map((invitation: any) => invitation.username)).toEqual(['grace.kim@demo.example'])
  })

  it('gets one by id, 404 for an unknown id', async () => {
    const [first] = await list()
    const id = first.refLink.split('/').pop()
    const one = await call(emulator, 'GET', `${invitations}/${id}`, { token: as.admin })
    expect(one.body).toEqual(first)
    expect(
      (
        await call(emulator, 'GET', `${invitations}/00000000-0000-4000-8000-000000000000`, {
          token: as.owner,
        })
      ).status,
    ).toBe(404)
  })
})

describe('revoking', () => {
  it('revokes by id with 200 and no body, recording who and when', async () => {
    const [pending] = await byName('samuel.reid@demo.example')
    const answer = await call(emulator, 'DELETE', pending.refLink, { token: as.admin })
    expect(answer.status).toBe(200)
    expect(answer.text).toBe('')
    const [after] = await byName('samuel.reid@demo.example')
    expect(after).toMatchObject({ status: 'REVOKED', revokedBy: 'adrian.kowalski@demo.example' })
    expect(after.revokedAt).toBeGreaterThan(0)
    expect((await call(emulator, 'DELETE', pending.refLink, { token: as.admin })).status).toBe(200)
  })

  it('refuses to revoke a redeemed invitation', async () => {
    const [redeemed] = await byName('olivia.clarke@demo.example')
    expect((await call(emulator, 'DELETE', redeemed.refLink, { token: as.owner })).status).toBe(400)
  })

  it('revokes by usernames with ?action=revoke (202)', async () => {
    const answer = await invite(
      { usernames: ['grace.kim@demo.example', 'alex.turner@demo.example'] },
      as.owner,
      '?action=revoke',
    )
    expect(answer.status).toBe(202)
    expect((await byName('grace.kim@demo.example'))[0].status).toBe('REVOKED')
    expect((await byName('alex.turner@demo.example'))[0].status).toBe('REVOKED')
    expect((await byName('samuel.reid@demo.example'))[0].status).toBe('AVAILABLE')
  })
})

describe('the invitation link', () => {
  const linkOf = async (username: string) => {
    const [invitation] = await byName(username)
    return `/emulator/api/invitations/${invitation.refLink.split('/').pop()}`
  }

  it('shows the offer, redeems with names, and the invitee becomes a user in the groups', async () => {
    await invite({ usernames: ['jane.doe@example.com'], orgRoleNames: ['org_member'], customGroupsIds: [] })
    const link = await linkOf('grace.kim@demo.example')
    const offer = await call(emulator, 'GET', link)
    expect(offer.status).toBe(200)
    expect(offer.body).toMatchObject({
      username: 'grace.kim@demo.example',
      orgId: emulator.orgId,
      orgRoleNames: ['org_member', 'developer'],
    })
    const redeemed = await call(emulator, 'POST', link, { json: { firstName: 'Grace', lastName: 'Kim' } })
    expect(redeemed.status).toBe(200)
    expect(redeemed.body.user.user).toMatchObject({
      username: 'grace.kim@demo.example',
      firstName: 'Grace',
      lastName: 'Kim',
    })
    const [invitation] = await byName('grace.kim@demo.example')
    expect(invitation).toMatchObject({ status: 'REDEEMED', redeemedBy: 'grace.kim@demo.example' })
    expect(invitation.redeemedAt).toBeGreaterThan(0)
    const search = await call(
      emulator,
      'GET',
      `${AM}/orgs/${emulator.orgId}/users/search?userSearchTerm=grace`,
      { token: as.owner },
    )
    expect(search.body.results[0].organizationRoles.map((role: any) => role.name)).toEqual([
      'org_member',
      'developer',
    ])
    const group = await call(
      emulator,
      'GET',
      `${AM}/orgs/${emulator.orgId}/groups/${invitation.customGroupsIds[0]}/users`,
      {
        token: as.owner,
      },
    )
    expect(group.body.results.map((user: any) => user.username)).toContain('grace.kim@demo.example')
  })

  it('derives names from the e-mail when none are given', async () => {
    await invite({ usernames: ['john.q.public@example.com'] })
    const answer = await call(emulator, 'POST', await linkOf('john.q.public@example.com'))
    expect(answer.body.user.user).toMatchObject({ firstName: 'John', lastName: 'Q Public' })
  })

  it.each([
    ['revoked', 'victor.hale@demo.example', 'invitation.revoked'],
    ['expired', 'oscar.lindqvist@demo.example', 'invitation.expired'],
    ['redeemed', 'rafael.costa@demo.example', 'invitation.redeemed'],
  ])('refuses a %s invitation with CSP error body and changes nothing', async (_state, username, code) => {
    const link = await linkOf(username)
    const usersBefore = (await allUsers(emulator, as.owner)).length
    const [before] = await byName(username)
    for (const method of ['GET', 'POST']) {
      const answer = await call(emulator, method, link)
      expect(answer.status).toBe(400)
      expect(answer.body).toMatchObject({
        statusCode: 400,
        cspErrorCode: code,
        requestId: expect.any(String),
      })
    }
    expect((await allUsers(emulator, as.owner)).length).toBe(usersBefore)
    expect((await byName(username))[0]).toEqual(before)
  })

  it('answers 404 for an unknown invitation', async () => {
    expect((await call(emulator, 'GET', '/emulator/api/invitations/nope')).status).toBe(404)
  })
})
