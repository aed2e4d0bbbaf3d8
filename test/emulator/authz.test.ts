// The authorization matrix (targets.md "authorization at the emulator"): who may write, which
// tokens are refused, and that a refused request changes nothing.
import { createHmac, generateKeyPairSync, sign } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../../src/emulator/index.js'
import { AM, accessToken, call, control, decodeJwt, start, tokens } from './helpers.js'

let emulator: RunningEmulator
let as: Awaited<ReturnType<typeof tokens>>
let chloeId: string
let pendingRefLink: string

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** Forged tokens built from a real token's claims. */
function forgeries(real: string): Record<string, string> {
  const { header, claims } = decodeJwt(real)
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const body = `${b64(header)}.${b64(claims)}`
  const hmacHeader = b64({ ...header, alg: 'HS256' })
  return {
    'signed by another key': `${body}.${sign('RSA-SHA256', Buffer.from(body), privateKey).toString('base64url')}`,
    'alg none': `${b64({ ...header, alg: 'none' })}.${b64(claims)}.`,
    'HS256 with the key id as secret': `${hmacHeader}.${b64(claims)}.${createHmac('sha256', header.kid)
      .update(`${hmacHeader}.${b64(claims)}`)
      .digest('base64url')}`,
    'claims changed after signing': `${b64(header)}.${b64({ ...claims, perms: ['csp:org_owner'] })}.${real.split('.')[2]}`,
    'not a JWT': 'garbage',
  }
}

/** What the main org looks like, to prove refused writes changed nothing. */
async function snapshot() {
  const users = await call(emulator, 'GET', `${AM}/v2/orgs/${emulator.orgId}/users`, { token: as.owner })
  const invitations = await call(emulator, 'GET', `${AM}/orgs/${emulator.orgId}/invitations`, {
    token: as.owner,
  })
  return JSON.stringify([users.body, invitations.body])
}

beforeAll(async () => {
  emulator = await start()
  as = await tokens(emulator)
  const search = await call(
    emulator,
    'GET',
    `${AM}/orgs/${emulator.orgId}/users/search?userSearchTerm=chloe`,
    { token: as.owner },
  )
  chloeId = search.body.results[0].user.userId
  const invitations = await call(emulator, 'GET', `${AM}/orgs/${emulator.orgId}/invitations`, {
    token: as.owner,
  })
  pendingRefLink = invitations.body.find(
    (invitation: any) => invitation.username === 'samuel.reid@demo.example',
  ).refLink
})
afterAll(async () => {
  await emulator.close()
})

type Caller = 'owner' | 'admin' | 'member' | 'app' | 'other'
const writes: Array<{ name: string; request: () => [string, string, unknown] }> = [
  {
    name: 'invite',
    request: () => [
      'POST',
      `${AM}/orgs/${emulator.orgId}/invitations`,
      { usernames: ['matrix@example.com'] },
    ],
  },
  {
    name: 'revoke by username',
    request: () => [
      'POST',
      `${AM}/orgs/${emulator.orgId}/invitations?action=revoke`,
      { usernames: ['samuel.reid@demo.example'] },
    ],
  },
  { name: 'revoke by id', request: () => ['DELETE', pendingRefLink, undefined] },
  {
    name: 'remove users',
    request: () => ['DELETE', `${AM}/v2/orgs/${emulator.orgId}/users`, { ids: [chloeId] }],
  },
]
const expected: Record<Caller, Record<string, number>> = {
  owner: { invite: 202, 'revoke by username': 202, 'revoke by id': 200, 'remove users': 200 },
  admin: { invite: 202, 'revoke by username': 202, 'revoke by id': 200, 'remove users': 200 },
  // The default profile is console CSP, which refuses OAuth apps the invitation POST and the removal.
  app: { invite: 403, 'revoke by username': 403, 'revoke by id': 200, 'remove users': 403 },
  member: { invite: 403, 'revoke by username': 403, 'revoke by id': 403, 'remove users': 403 },
  other: { invite: 404, 'revoke by username': 404, 'revoke by id': 404, 'remove users': 404 },
}

describe('writes by role', () => {
  for (const caller of ['member', 'other', 'owner', 'admin', 'app'] as Caller[]) {
    for (const write of writes) {
      const status = expected[caller][write.name]
      it(`${caller}: ${write.name} -> ${status}`, async () => {
        await control(emulator, 'POST', 'reset')
        const before = await snapshot()
        const [method, path, json] = write.request()
        const answer = await call(emulator, method, path, {
          token: as[caller],
          ...(json === undefined ? {} : { json }),
        })
        expect(answer.status).toBe(status)
        if (status >= 400) {
          expect(answer.body).toMatchObject({
            statusCode: status,
            message: expect.any(String),
            requestId: expect.any(String),
          })
          expect(await snapshot()).toBe(before)
        } else {
          expect(await snapshot()).not.toBe(before)
        }
      })
    }
  }

  it('an admin cannot invite an owner; an owner can', async () => {
    const json = { usernames: ['boss@example.com'], orgRoleNames: ['org_owner'] }
    const path = `${AM}/orgs/${emulator.orgId}/invitations`
    expect((await call(emulator, 'POST', path, { token: as.admin, json })).status).toBe(403)
    expect((await call(emulator, 'POST', path, { token: as.owner, json })).status).toBe(202)
  })

  it('a member may read users and roles, not invitations', async () => {
    for (const path of [`${AM}/v2/orgs/${emulator.orgId}/users`, `${AM}/orgs/${emulator.orgId}/roles`]) {
      expect((await call(emulator, 'GET', path, { token: as.member })).status).toBe(200)
    }
    expect(
      (await call(emulator, 'GET', `${AM}/orgs/${emulator.orgId}/invitations`, { token: as.member })).status,
    ).toBe(403)
  })
})

describe('refused tokens', () => {
  const read = () => `${AM}/v2/orgs/${emulator.orgId}/users`

  it('refuses a request without a token with 401', async () => {
    const answer = await call(emulator, 'GET', read())
    expect(answer.status).toBe(401)
    expect(answer.body).toMatchObject({ statusCode: 401, moduleCode: 340 })
  })

  it('refuses forged tokens with 401 on reads and writes, and changes nothing', async () => {
    const before = await snapshot()
    for (const [name, token] of Object.entries(forgeries(as.owner))) {
      for (const header of [{ 'csp-auth-token': token }, { authorization: `Bearer ${token}` }] as Record<
        string,
        string
      >[]) {
        const get = await call(emulator, 'GET', read(), { headers: header })
        expect(get.status, name).toBe(401)
        const post = await call(emulator, 'POST', `${AM}/orgs/${emulator.orgId}/invitations`, {
          headers: header,
          json: { usernames: ['forged@example.com'] },
        })
        expect(post.status, name).toBe(401)
      }
    }
    expect(await snapshot()).toBe(before)
  })

  it('refuses an expired token with 401', async () => {
    await control(emulator, 'PUT', 'config', { tokenLifetimeSeconds: 1 })
    try {
      const token = await accessToken(emulator, emulator.credentials.apiToken)
      const { claims } = decodeJwt(token)
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, claims.exp * 1000 - Date.now()) + 50))
      expect((await call(emulator, 'GET', read(), { token })).status).toBe(401)
    } finally {
      await control(emulator, 'PUT', 'config', { tokenLifetimeSeconds: 1800 })
    }
  })

  it('answers 404 to a token of another org on every org path', async () => {
    for (const path of [
      `${AM}/orgs/${emulator.orgId}`,
      `${AM}/orgs/${emulator.orgId}/roles`,
      `${AM}/v2/orgs/${emulator.orgId}/users`,
      `${AM}/orgs/${emulator.orgId}/invitations`,
      `${AM}/orgs/${emulator.orgId}/groups`,
    ]) {
      expect((await call(emulator, 'GET', path, { token: as.other })).status, path).toBe(404)
    }
    expect(
      (await call(emulator, 'GET', `${AM}/orgs/${emulator.credentials.otherOrgId}`, { token: as.other }))
        .status,
    ).toBe(200)
  })

  it('stops exchanging the API token of a removed user', async () => {
    await control(emulator, 'POST', 'reset')
    const members = await call(
      emulator,
      'GET',
      `${AM}/orgs/${emulator.orgId}/users/search?userSearchTerm=maya`,
      { token: as.owner },
    )
    const removed = await call(emulator, 'DELETE', `${AM}/v2/orgs/${emulator.orgId}/users`, {
      token: as.owner,
      json: { ids: [members.body.results[0].user.userId] },
    })
    expect(removed.body.succeeded).toHaveLength(1)
    const exchange = await call(emulator, 'POST', `${AM}/auth/api-tokens/authorize`, {
      form: { api_token: emulator.credentials.memberApiToken },
    })
    expect(exchange.status).toBe(400)
    await control(emulator, 'POST', 'reset')
  })
})
