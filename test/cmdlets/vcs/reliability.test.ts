// Bulk invitations when CSP misbehaves, against the emulator: 10% injected faults (including resets
// after a write was processed), 429s with and without Retry-After, a job interrupted and resumed from
// its result file, and access tokens that expire during the job. Every e-mail ends exactly once:
// one invitation, or reported failed, never both and never two.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { input, RecordingHost, ThrottledError } from '../../../src/engine/index.js'
import {
  getVcsService,
  getVcsUser,
  getVcsUserInvitation,
  newVcsUserInvitation,
  removeVcsUserInvitation,
} from '../../../src/library/vcs.js'
import {
  configure,
  connectSession,
  control,
  errorMessages,
  requestsTo,
  resetStats,
  stats,
  useEmulator,
} from './emulator.js'

const bed = useEmulator()

function resultFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'vcs-reliability-')), 'results.csv')
}

function rows(prefix: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({ Email: `${prefix}${i}@newcomer.example` }))
}

/** The result file's rows per e-mail. */
function resultRows(path: string): Map<string, string[]> {
  const byEmail = new Map<string, string[]>()
  for (const line of readFileSync(path, 'utf8').trim().split('\n').slice(1)) {
    const [email, result] = line.split(',')
    byEmail.set(email, [...(byEmail.get(email) ?? []), result])
  }
  return byEmail
}

describe('bulk invitations under faults', () => {
  it('invites every row exactly once or reports it failed, under 10% faults and a rate limit', async () => {
    await configure(bed, {
      faults: { rate: 0.1, kinds: ['500', '503', 'reset'], slowMs: 0, seed: 7 },
      rateLimit: { requestsPerSecond: 60, retryAfter: false, burst: 10 },
    })
    const path = resultFile()
    const out = await input(rows('fault', 300))
      .pipe(newVcsUserInvitation({ batchSize: 10, resultPath: path }))
      .in(bed.session)
    const counters = await stats(bed)
    await configure(bed, { faults: null, rateLimit: null })
    expect(counters.faultsInjected).toBeGreaterThan(0)

    const invitations = await getVcsUserInvitation({ email: ['fault*'] }).in(bed.session)
    const invited = new Set(invitations.map((invitation) => invitation.Email))
    expect(invited.size).toBe(invitations.length) // no e-mail invited twice
    const failed = errorMessages(bed.host).length
    expect(invitations.length + failed).toBe(300)
    expect(out).toHaveLength(invitations.length)
    const byEmail = resultRows(path)
    expect(byEmail.size).toBe(300)
    for (const [email, results] of byEmail) {
      expect(results).toHaveLength(1)
      expect(results[0]).toBe(invited.has(email) ? 'Invited' : 'Failed')
    }
  })

  it('waits out 429s with backoff, losing nothing', async () => {
    const seeded = (await control(bed, 'seed', {
      method: 'POST',
      body: JSON.stringify({ users: 1000 }),
    })) as {
      users: number
    }
    await configure(bed, { rateLimit: { requestsPerSecond: 8, retryAfter: false, burst: 1 } })
    const users = await getVcsUser().in(bed.session)
    expect(users.length).toBe(seeded.users)
    expect(seeded.users).toBeGreaterThan(1000)
    expect(new Set(users.map((user) => user.Id)).size).toBe(users.length)
    expect((await stats(bed)).rateLimited).toBeGreaterThan(0)
  })

  it('waits out 429s with Retry-After, pausing the connection, losing nothing', async () => {
    await configure(bed, { rateLimit: { requestsPerSecond: 10, retryAfter: true, burst: 4 } })
    const out = await input(rows('limited', 40))
      .pipe(newVcsUserInvitation({ batchSize: 5 }))
      .in(bed.session)
    expect(out).toHaveLength(40)
    expect(errorMessages(bed.host)).toEqual([])
    expect((await stats(bed)).rateLimited).toBeGreaterThan(0)
  })

  it('gives up with ThrottledError when CSP keeps refusing beyond the retry budget', async () => {
    await configure(bed, { rateLimit: { requestsPerSecond: 0.001, retryAfter: true, burst: 1 } })
    const host = new RecordingHost()
    const session = await connectSession(bed, host, { errorAction: 'Stop' })
    await getVcsService().in(session) // takes the one request the bucket holds
    const error = await getVcsUser()
      .in(session)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      )
    expect(error).toBeInstanceOf(ThrottledError)
    expect((error as ThrottledError).exitCode).toBe(4)
    expect((error as Error).message).toMatch(/too many/)
  })
})

describe('resume', () => {
  it('reruns an interrupted job without inviting anyone twice; every e-mail gets one row', async () => {
    const path = resultFile()
    const people = rows('resume', 60)
    await configure(bed, { latencyMs: 80 })
    await resetStats(bed)
    const first = input(people)
      .pipe(newVcsUserInvitation({ batchSize: 5, throttleLimit: 1, resultPath: path }))
      .in(bed.session)
    // Ctrl+C once a couple of batches went out (polled, so a slow machine does not change the test).
    const interrupt = (async () => {
      while (requestsTo(await stats(bed), 'POST', '/orgs/{orgId}/invitations') < 2)
        await new Promise((resolve) => setTimeout(resolve, 10))
      bed.session.abortController.abort()
    })()
    const firstRun = await first.then(
      () => 'finished',
      (error: unknown) => (error as Error).name,
    )
    await interrupt
    expect(firstRun).not.toBe('finished')
    const sentBefore = requestsTo(await stats(bed), 'POST', '/orgs/{orgId}/invitations')
    expect(sentBefore).toBeGreaterThan(0)
    expect(sentBefore).toBeLessThan(12)

    await configure(bed, { latencyMs: 0 })
    await resetStats(bed)
    await input(people)
      .pipe(newVcsUserInvitation({ batchSize: 5, resultPath: path }))
      .in(bed.session)
    expect(errorMessages(bed.host)).toEqual([])
    // Batches that landed before the interrupt are not sent again.
    expect(requestsTo(await stats(bed), 'POST', '/orgs/{orgId}/invitations')).toBeLessThanOrEqual(
      12 - sentBefore + 1,
    )
    const invitations = await getVcsUserInvitation({ email: ['resume*'] }).in(bed.session)
    expect(invitations).toHaveLength(60)
    expect(new Set(invitations.map((invitation) => invitation.Email)).size).toBe(60)
    const byEmail = resultRows(path)
    expect(byEmail.size).toBe(60)
    for (const results of byEmail.values()) expect(results).toHaveLength(1)
  })

  it('skips the e-mails its result file finished, even when CSP no longer shows them pending', async () => {
    const path = resultFile()
    const people = rows('again', 12)
    await input(people)
      .pipe(newVcsUserInvitation({ batchSize: 5, resultPath: path }))
      .in(bed.session)
    const firstRows = readFileSync(path, 'utf8')
    expect(resultRows(path).size).toBe(12)
    // Revoked since: only the result file knows these were done.
    await getVcsUserInvitation({ email: ['again*'] })
      .pipe(removeVcsUserInvitation({ confirm: false }))
      .in(bed.session)
    await resetStats(bed)
    const more = [...people, { Email: 'again-new@newcomer.example' }]
    const out = await input(more)
      .pipe(newVcsUserInvitation({ resultPath: path }))
      .in(bed.session)
    expect(out.map((invitation) => invitation.Email)).toEqual(['again-new@newcomer.example'])
    expect(requestsTo(await stats(bed), 'POST', '/orgs/{orgId}/invitations')).toBe(1)
    const text = readFileSync(path, 'utf8')
    expect(text.startsWith(firstRows)).toBe(true)
    expect(text.slice(firstRows.length).trim().split('\n')).toHaveLength(1)
  })
})

describe('token expiry', () => {
  it('refreshes short-lived tokens during a long job; no 401 reaches the user', async () => {
    // Tanzu's rules: console CSP refuses the app invitations.
    await configure(bed, { tokenLifetimeSeconds: 2, latencyMs: 60, profile: 'tanzu' })
    const host = new RecordingHost()
    // The app's credential: the owner's token from beforeEach is cached with its 30-minute lifetime.
    const session = await connectSession(bed, host, { as: 'app' })
    const issuedBefore = (await stats(bed)).tokensIssued
    const started = Date.now()
    const out = await input(rows('token', 40))
      .pipe(newVcsUserInvitation({ batchSize: 1, throttleLimit: 1 }))
      .in(session)
    expect(Date.now() - started).toBeGreaterThan(2000) // outlived at least one token
    expect(out).toHaveLength(40)
    expect(errorMessages(host)).toEqual([])
    expect((await stats(bed)).tokensIssued).toBeGreaterThan(issuedBefore)
  })
})
