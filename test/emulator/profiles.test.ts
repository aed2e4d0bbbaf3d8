// The access matrix of the two deployments (csp-api.md §10), pinned with literal statuses and bodies:
// console.cloud.vmware.com (`console`, the default) refuses OAuth apps the invitation POST and the
// user removal and shows other users' roles to owners only; console.tanzu.broadcom.com (`tanzu`)
// allows apps both and shows roles to admins too. Members never see roles, invitations or groups.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../../src/emulator/index.js'
import { AM, accessToken, call, control, start, tokens } from './helpers.js'

let emulator: RunningEmulator
let as: Awaited<ReturnType<typeof tokens>>

beforeAll(async () => {
  emulator = await start({ profile: 'console' })
  as = await tokens(emulator)
})
afterAll(async () => {
  await emulator.close()
})
beforeEach(async () => {
  await control(emulator, 'POST', 'reset')
  await control(emulator, 'PUT', 'config', {
    profile: 'console',
    addExistingAccounts: true,
    partialPages: false,
  })
})

type Caller = 'owner' | 'admin' | 'member' | 'app'
const CALLERS: Caller[] = ['owner', 'admin', 'member', 'app']

const FORBIDDEN_ROLE = {
  statusCode: 403,
  message: 'The user is forbidden to use the API: org_owner or org_admin role required',
  requestId: expect.any(String),
  moduleCode: 340,
}
const forbiddenApp = (what: string) => ({
  statusCode: 403,
  message: `The user is forbidden to use the API: service accounts (OAuth apps) may not ${what} on this deployment`,
  requestId: expect.any(String),
  moduleCode: 340,
  cspErrorCode: 'service.account.forbidden',
})

async function idOf(firstName: string): Promise<string> {
  const search = await call(
    emulator,
    'GET',
    `${AM}/orgs/${emulator.orgId}/users/search?userSearchTerm=${firstName.toLowerCase()}`,
    { token: as.owner },
  )
  return search.body.results[0].user.userId
}

const invite = (token: string) =>
  call(emulator, 'POST', `${AM}/orgs/${emulator.orgId}/invitations`, {
    token,
    json: { usernames: ['matrix@example.com'] },
  })
const removeChloe = async (token: string) =>
  call(emulator, 'DELETE', `${AM}/v2/orgs/${emulator.orgId}/users`, {
    token,
    json: { ids: [await idOf('Chloe')] },
  })

/** Whether the first user of the list carries roles for this caller. */
async function seesRoles(caller: Caller): Promise<boolean> {
  const list = await call(emulator, 'GET', `${AM}/v2/orgs/${emulator.orgId}/users?pageLimit=1`, {
    token: as[caller],
  })
  expect(list.status).toBe(200)
  return 'organizationRoles' in list.body.results[0]
}

describe.each(['console', 'tanzu'] as const)('profile %s', (profile) => {
  beforeEach(async () => {
    await control(emulator, 'PUT', 'config', { profile })
  })

  const inviteStatus: Record<Caller, number> = {
    owner: 202,
    admin: 202,
    member: 403,
    app: profile === 'console' ? 403 : 202,
  }
  for (const caller of CALLERS) {
    it(`${caller}: POST invitations -> ${inviteStatus[caller]}`, async () => {
      const answer = await invite(as[caller])
      expect(answer.status).toBe(inviteStatus[caller])
      if (caller === 'member') expect(answer.body).toEqual(FORBIDDEN_ROLE)
      else if (inviteStatus[caller] === 403) expect(answer.body).toEqual(forbiddenApp('invite users'))
      else expect(answer.text).toBe('')
    })

    it(`${caller}: DELETE v2/orgs/{org}/users -> ${inviteStatus[caller] === 202 ? 200 : 403}`, async () => {
      const answer = await removeChloe(as[caller])
      if (caller === 'member') {
        expect(answer.status).toBe(403)
        expect(answer.body).toEqual(FORBIDDEN_ROLE)
      } else if (inviteStatus[caller] === 403) {
        expect(answer.status).toBe(403)
        expect(answer.body).toEqual(forbiddenApp('remove users'))
      } else {
        expect(answer.status).toBe(200)
        expect(answer.body).toEqual({ succeeded: [expect.any(String)], failed: [] })
      }
    })
  }

  const roleViewers: Record<Caller, boolean> = {
    owner: true,
    admin: profile === 'tanzu',
    member: false,
    app: true, // the demo app holds org_owner
  }
  for (const caller of CALLERS) {
    it(`${caller}: ${roleViewers[caller] ? 'sees' : 'does not see'} roles in the user list`, async () => {
      expect(await seesRoles(caller)).toBe(roleViewers[caller])
    })
  }

  it('lists invitations and groups for owners, admins and the (owner) app; 403 with the body for members', async () => {
    for (const path of [`${AM}/orgs/${emulator.orgId}/invitations`, `${AM}/orgs/${emulator.orgId}/groups`]) {
      expect((await call(emulator, 'GET', path, { token: as.owner })).status, path).toBe(200)
      expect((await call(emulator, 'GET', path, { token: as.admin })).status, path).toBe(200)
      expect((await call(emulator, 'GET', path, { token: as.app })).status, path).toBe(200)
      const member = await call(emulator, 'GET', path, { token: as.member })
      expect(member.status, path).toBe(403)
      expect(member.body).toEqual(FORBIDDEN_ROLE)
    }
    const one = (await call(emulator, 'GET', `${AM}/orgs/${emulator.orgId}/invitations`, { token: as.owner }))
      .body[0].refLink
    expect((await call(emulator, 'GET', one, { token: as.member })).status).toBe(403)
    const search = await call(
      emulator,
      'GET',
      `${AM}/orgs/${emulator.orgId}/groups-search?groupSearchTerm=`,
      {
        token: as.member,
      },
    )
    expect(search.status).toBe(200)
  })
})

describe('rules of both profiles', () => {
  it('answers 200 to an empty user search term, with at most 20 results', async () => {
    const answer = await call(emulator, 'GET', `${AM}/orgs/${emulator.orgId}/users/search?userSearchTerm=`, {
      token: as.owner,
    })
    expect(answer.status).toBe(200)
    expect(answer.body.results).toHaveLength(20)
  })

  it("stops a removed admin's access token at once (membership is checked on every request)", async () => {
    const admin = await accessToken(emulator, emulator.credentials.adminApiToken)
    const path = `${AM}/orgs/${emulator.orgId}/invitations`
    expect((await call(emulator, 'GET', path, { token: admin })).status).toBe(200)
    const removed = await call(emulator, 'DELETE', `${AM}/v2/orgs/${emulator.orgId}/users`, {
      token: as.owner,
      json: { ids: [await idOf('Adrian')] },
    })
    expect(removed.body.failed).toEqual([])
    const after = await call(emulator, 'GET', path, { token: admin })
    expect(after.status).toBe(401)
    expect(after.body).toEqual({
      statusCode: 401,
      message: 'The user is not authorized to use the API: the user is not a member of the organization',
      requestId: expect.any(String),
      moduleCode: 340,
    })
  })

  it('answers the documented 404 for well-formed ids of no user, and removes nobody', async () => {
    const chloe = await idOf('Chloe')
    const ghost = 'vmware.com:00000000-0000-4000-8000-000000000000'
    const answer = await call(emulator, 'DELETE', `${AM}/v2/orgs/${emulator.orgId}/users`, {
      token: as.owner,
      json: { ids: [chloe, ghost] },
    })
    expect(answer.status).toBe(404)
    expect(answer.body).toEqual({
      statusCode: 404,
      message: `Users [${ghost}] not found`,
      requestId: expect.any(String),
      moduleCode: 340,
      cspErrorCode: 'user.not.found',
    })
    expect(await idOf('Chloe')).toBe(chloe)
  })

  it('adds an existing account at once, or invites it when the config says so', async () => {
    const invitations = `${AM}/orgs/${emulator.orgId}/invitations`
    const pending = async () =>
      (await call(emulator, 'GET', invitations, { token: as.owner })).body.filter(
        (invitation: any) => invitation.username === 'liam.oconnor@partner.example',
      )
    await call(emulator, 'POST', invitations, {
      token: as.owner,
      json: { usernames: ['liam.oconnor@partner.example'] },
    })
    expect(await pending()).toEqual([])
    await control(emulator, 'POST', 'reset')
    await control(emulator, 'PUT', 'config', { addExistingAccounts: false })
    await call(emulator, 'POST', invitations, {
      token: as.owner,
      json: { usernames: ['liam.oconnor@partner.example'] },
    })
    expect(await pending()).toMatchObject([{ status: 'AVAILABLE' }])
  })

  it('starts with addExistingAccounts false when told to', async () => {
    const other = await start({ addExistingAccounts: false, profile: 'tanzu' })
    try {
      expect((await control(other, 'GET', 'config')).body).toMatchObject({
        profile: 'tanzu',
        addExistingAccounts: false,
      })
    } finally {
      await other.close()
    }
  })

  it('does not let an app choose invitedBy', async () => {
    await control(emulator, 'PUT', 'config', { profile: 'tanzu' })
    await call(emulator, 'POST', `${AM}/orgs/${emulator.orgId}/invitations`, {
      token: as.app,
      json: { usernames: ['by.app@example.com'], invitedBy: 'ceo@example.com' },
    })
    const list = (
      await call(emulator, 'GET', `${AM}/orgs/${emulator.orgId}/invitations`, { token: as.owner })
    ).body
    const invitation = list.find((item: any) => item.username === 'by.app@example.com')
    expect(invitation.invitedByUsername).toBe(emulator.credentials.appId)
  })

  it('adds errors[] to paged lists when partial pages are configured', async () => {
    await control(emulator, 'PUT', 'config', { partialPages: true })
    const page = await call(emulator, 'GET', `${AM}/v2/orgs/${emulator.orgId}/users?pageLimit=5`, {
      token: as.owner,
    })
    expect(page.body.results).toHaveLength(5)
    expect(page.body.errors).toEqual([
      {
        statusCode: 503,
        message: 'Part of the results could not be read: a backend service did not answer',
        moduleCode: 340,
      },
    ])
  })
})

describe('MFA-enforced API tokens', () => {
  const exchange = (form: Record<string, string>) =>
    call(emulator, 'POST', `${AM}/auth/api-tokens/authorize`, { form })

  it('needs the passcode: 400 without it or with a wrong one, 200 with it', async () => {
    const { mfaApiToken, mfaPasscode } = emulator.credentials
    const without = await exchange({ api_token: mfaApiToken })
    expect(without.status).toBe(400)
    expect(without.body).toEqual({
      statusCode: 400,
      message: 'invalid_grant: A passcode is required: this API token enforces MFA',
      requestId: expect.any(String),
      moduleCode: 340,
      errorCode: 'invalid_grant',
      cspErrorCode: 'mfa.passcode.required',
    })
    const wrong = await exchange({
      api_token: mfaApiToken,
      passcode: mfaPasscode === '000000' ? '111111' : '000000',
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.message).toBe('invalid_grant: Invalid passcode')
    const right = await exchange({ api_token: mfaApiToken, passcode: mfaPasscode })
    expect(right.status).toBe(200)
    expect(right.body.access_token).toEqual(expect.any(String))
    expect(mfaPasscode).toMatch(/^\d{6}$/)
  })

  it('ignores a passcode sent with a token that does not enforce MFA', async () => {
    expect((await exchange({ api_token: emulator.credentials.apiToken, passcode: '123456' })).status).toBe(
      200,
    )
  })
})
