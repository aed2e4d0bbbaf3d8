// The control API (stats, reset, seed, config, mailbox, accounts), rate limiting, fault injection,
// routing edge cases and log redaction.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../../src/emulator/index.js'
import { AM, call, control, start, tokens } from './helpers.js'

let emulator: RunningEmulator
let as: Awaited<ReturnType<typeof tokens>>
const logLines: string[] = []

beforeAll(async () => {
  emulator = await start({ quiet: false, log: (line) => logLines.push(line) })
  as = await tokens(emulator)
})
afterAll(async () => {
  await emulator.close()
})
beforeEach(async () => {
  await control(emulator, 'PUT', 'config', { latencyMs: 0, rateLimit: null, faults: null })
})

const orgPath = () => `${AM}/orgs/${emulator.orgId}`

describe('stats', () => {
  it('counts CSP requests per route template and responses per status, not control calls', async () => {
    await control(emulator, 'POST', 'stats/reset')
    await call(emulator, 'GET', orgPath(), { token: as.owner })
    await call(emulator, 'GET', orgPath(), { token: as.owner })
    await call(emulator, 'GET', `${AM}/no/such/thing`, { token: as.owner })
    await control(emulator, 'GET', 'config')
    const stats = (await control(emulator, 'GET', 'stats')).body
    expect(stats.requests).toEqual({ 'GET /csp/gateway/am/api/orgs/{orgId}': 2, 'GET (unknown route)': 1 })
    expect(stats.responses).toEqual({ '200': 2, '404': 1 })
    expect(stats.controlRequests).toBeGreaterThanOrEqual(2)
    expect(emulator.stats().requests['GET /csp/gateway/am/api/orgs/{orgId}']).toBe(2)
  })
})

describe('reset and seed', () => {
  it('reset restores the initial seed with the same org and credentials', async () => {
    await call(emulator, 'POST', `${orgPath()}/invitations`, {
      token: as.owner,
      json: { usernames: ['temp@example.com'] },
    })
    const answer = await control(emulator, 'POST', 'reset')
    expect(answer.body).toEqual({ orgId: emulator.orgId, users: 34, invitations: 9, groups: 5 })
    const invitations = await call(emulator, 'GET', `${orgPath()}/invitations`, { token: as.owner })
    expect(invitations.body.map((invitation: any) => invitation.username)).not.toContain('temp@example.com')
    expect((await call(emulator, 'GET', orgPath(), { token: as.owner })).status).toBe(200)
  })

  it('seeds N users and invitations in every state, then resets back', async () => {
    const seeded = await control(emulator, 'POST', 'seed', { seed: 'empty', users: 500, invitations: 8 })
    expect(seeded.body).toMatchObject({
      orgId: emulator.orgId,
      users: 3 + 500 + 2,
      invitations: 8,
      groups: 0,
    })
    const invitations = (await call(emulator, 'GET', `${orgPath()}/invitations`, { token: as.owner }))
      .body as any[]
    expect(invitations.map((invitation) => invitation.status).sort()).toEqual(
      [
        'AVAILABLE',
        'AVAILABLE',
        'AVAILABLE',
        'AVAILABLE',
        'REDEEMED',
        'REDEEMED',
        'REVOKED',
        'REVOKED',
      ].sort(),
    )
    expect(
      invitations.filter(
        (invitation) => invitation.expirationTime < Date.now() && invitation.status === 'AVAILABLE',
      ),
    ).toHaveLength(2)
    expect(
      (
        await call(emulator, 'POST', `${AM}/auth/api-tokens/authorize`, {
          form: { api_token: emulator.credentials.apiToken },
        })
      ).status,
    ).toBe(200)
    expect((await control(emulator, 'POST', 'reset')).body.users).toBe(34)
  })

  it.each([{ seed: 'big' }, { users: -1 }, { users: 1.5 }])(
    'refuses the seed request %j with 400',
    async (body) => {
      expect((await control(emulator, 'POST', 'seed', body)).status).toBe(400)
    },
  )
})

describe('config', () => {
  it('answers and merges the runtime config', async () => {
    const put = await control(emulator, 'PUT', 'config', { latencyMs: 5 })
    expect(put.body).toEqual({
      latencyMs: 5,
      rateLimit: null,
      faults: null,
      tokenLifetimeSeconds: 1800,
      profile: 'console',
      addExistingAccounts: true,
      partialPages: false,
      searchMatchesCase: false,
    })
    expect((await control(emulator, 'GET', 'config')).body.latencyMs).toBe(5)
  })

  it.each([
    { latencyMs: -1 },
    { rateLimit: { requestsPerSecond: 0 } },
    { faults: { rate: 2, kinds: ['500'] } },
    { faults: { rate: 0.5, kinds: ['teapot'] } },
    { tokenLifetimeSeconds: 0 },
    { profile: 'aws' },
    { addExistingAccounts: 'yes' },
    { partialPages: 1 },
  ])('refuses %j with 400 in CSP error shape', async (patch) => {
    const answer = await control(emulator, 'PUT', 'config', patch)
    expect(answer.status).toBe(400)
    expect(answer.body.statusCode).toBe(400)
  })
})

describe('rate limiting', () => {
  it.each([
    [true, '20'],
    [false, null],
  ])(
    'answers 429 past the limit (retryAfter %s) and never limits the control API',
    async (retryAfter, header) => {
      // One token per 20 s: no refill lands between these five requests, however slow the machine.
      await control(emulator, 'PUT', 'config', {
        rateLimit: { requestsPerSecond: 0.05, retryAfter, burst: 3 },
      })
      const statuses: number[] = []
      let limited
      for (let index = 0; index < 5; index++) {
        const answer = await call(emulator, 'GET', orgPath(), { token: as.owner })
        statuses.push(answer.status)
        if (answer.status === 429) limited = answer
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429])
      expect(limited!.body).toMatchObject({ statusCode: 429, message: 'The user has sent too many requests' })
      if (header === null) expect(limited!.headers.get('retry-after')).toBeNull()
      else expect(Number(limited!.headers.get('retry-after'))).toBe(20)
      expect((await control(emulator, 'GET', 'stats')).status).toBe(200)
      expect((await control(emulator, 'GET', 'stats')).body.rateLimited).toBeGreaterThanOrEqual(2)
    },
  )
})

describe('fault injection', () => {
  it.each([
    ['500', 500],
    ['503', 503],
  ])('injects %s with CSP error bodies', async (kind, status) => {
    await control(emulator, 'PUT', 'config', { faults: { rate: 1, kinds: [kind] } })
    const answer = await call(emulator, 'GET', orgPath(), { token: as.owner })
    expect(answer.status).toBe(status)
    expect(answer.body).toMatchObject({ statusCode: status, requestId: expect.any(String) })
    expect((await control(emulator, 'GET', 'stats')).status).toBe(200)
  })

  it('resets connections, and processes some writes before resetting (seeded)', async () => {
    await control(emulator, 'PUT', 'config', { faults: { rate: 1, kinds: ['reset'], seed: 7 } })
    await expect(
      fetch(`${emulator.url}${orgPath()}`, { headers: { 'csp-auth-token': as.owner } }),
    ).rejects.toThrow()
    const usernames = Array.from({ length: 12 }, (_, index) => `reset.${index}@example.com`)
    for (const username of usernames) {
      await expect(
        call(emulator, 'POST', `${orgPath()}/invitations`, {
          token: as.owner,
          json: { usernames: [username] },
        }),
      ).rejects.toThrow()
    }
    await control(emulator, 'PUT', 'config', { faults: null })
    const created = (
      await call(emulator, 'GET', `${orgPath()}/invitations`, { token: as.owner })
    ).body.filter((invitation: any) => usernames.includes(invitation.username))
    expect(created.length).toBeGreaterThan(0)
    expect(created.length).toBeLessThan(usernames.length)
    await control(emulator, 'POST', 'reset')
  })

  it('delays slow answers and still answers them', async () => {
    await control(emulator, 'PUT', 'config', { faults: { rate: 1, kinds: ['slow'], slowMs: 50 } })
    const before = (await control(emulator, 'GET', 'stats')).body.faultsByKind.slow
    expect((await call(emulator, 'GET', orgPath(), { token: as.owner })).status).toBe(200)
    expect((await control(emulator, 'GET', 'stats')).body.faultsByKind.slow).toBe(before + 1)
  })

  it('injects at the configured rate, reproducibly with a seed', async () => {
    const run = async () => {
      await control(emulator, 'PUT', 'config', { faults: { rate: 0.3, kinds: ['500'], seed: 42 } })
      const statuses: number[] = []
      for (let index = 0; index < 40; index++)
        statuses.push((await call(emulator, 'GET', orgPath(), { token: as.owner })).status)
      return statuses
    }
    const first = await run()
    expect(await run()).toEqual(first)
    const faults = first.filter((status) => status === 500).length
    expect(faults).toBeGreaterThan(2)
    expect(faults).toBeLessThan(25)
  })
})

describe('routing', () => {
  it('answers unknown routes and wrong methods in CSP error shape', async () => {
    const unknown = await call(emulator, 'GET', '/nothing/here')
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ statusCode: 404, moduleCode: 340 })
    const wrongMethod = await call(emulator, 'PATCH', orgPath(), { token: as.owner })
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.body.statusCode).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('GET')
    expect((await control(emulator, 'DELETE', 'stats')).status).toBe(405)
  })

  it('matches routes with or without a trailing slash', async () => {
    expect((await call(emulator, 'GET', `${orgPath()}/`, { token: as.owner })).status).toBe(200)
    expect((await call(emulator, 'GET', `${orgPath()}/roles/`, { token: as.owner })).status).toBe(200)
  })

  it('accepts GET with Content-Type: application/json and no body', async () => {
    const answer = await call(emulator, 'GET', `${orgPath()}/users/search?userSearchTerm=ava`, {
      token: as.owner,
      headers: { 'content-type': 'application/json' },
    })
    expect(answer.status).toBe(200)
  })
})

describe('logs', () => {
  it('log method, path, status and time, never tokens or secrets', async () => {
    const { apiToken, appSecret } = emulator.credentials
    await call(emulator, 'POST', `${AM}/auth/api-tokens/authorize?api_token=${apiToken}`)
    await call(emulator, 'POST', `${AM}/auth/api-tokens/authorize?refresh_token=${apiToken}`)
    await call(
      emulator,
      'POST',
      `${AM}/auth/authorize?client_secret=${appSecret}&client_id=${emulator.credentials.appId}&grant_type=client_credentials`,
    )
    await call(emulator, 'GET', orgPath(), { token: as.owner })
    const text = logLines.join('\n')
    expect(text).toMatch(
      /POST \/csp\/gateway\/am\/api\/auth\/api-tokens\/authorize\?api_token=\*\*\* 200 \d+ms/,
    )
    for (const secret of [apiToken, appSecret, as.owner, as.member, as.app])
      expect(text).not.toContain(secret)
  })
})
