// Shared set-up of the Vcs cmdlet tests: one demo emulator per test file, reset before each test,
// a session connected to it, and the control API (stats, config, mailbox, accounts).
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { connect } from '../../../src/auth/index.js'
import { startEmulator } from '../../../src/emulator/index.js'
import type { EmulatorConfig, EmulatorStats, MailboxMessage } from '../../../src/emulator/types.js'
import { RecordingHost, Session } from '../../../src/engine/index.js'
import { setRetryPolicy } from '../../../src/library/vcs.js'

export type Emulator = Awaited<ReturnType<typeof startEmulator>>

/** The running emulator and a fresh session per test. */
export interface TestBed {
  emulator: Emulator
  session: Session
  host: RecordingHost
}

/** Starts one demo emulator for the file; resets it and connects a new session before each test. */
export function useEmulator(
  options: { as?: 'owner' | 'app'; errorAction?: 'Continue' | 'Stop' } = {},
): TestBed {
  const bed = {} as TestBed
  beforeAll(async () => {
    bed.emulator = await startEmulator({ port: 0, seed: 'demo', quiet: true })
  })
  afterAll(async () => {
    await bed.emulator?.close()
  })
  beforeEach(async () => {
    // A reset rebuilds the data but keeps the runtime config: put that back too. Tests that act as
    // the OAuth app run against the Tanzu deployment's rules: console CSP refuses apps invitations
    // and removals (csp-api.md §10; test/cmdlets/vcs/access.test.ts covers that refusal).
    await configure(bed, {
      latencyMs: 0,
      rateLimit: null,
      faults: null,
      tokenLifetimeSeconds: 1800,
      profile: options.as === 'app' ? 'tanzu' : 'console',
      addExistingAccounts: true,
      partialPages: false,
      searchMatchesCase: false,
    })
    await control(bed, 'reset', { method: 'POST' })
    bed.host = new RecordingHost()
    bed.session = await connectSession(bed, bed.host, options)
  })
  return bed
}

/** A session connected to the emulator as the owner (API token) or as the OAuth app. */
export async function connectSession(
  bed: TestBed,
  host: RecordingHost,
  options: { as?: 'owner' | 'app'; errorAction?: 'Continue' | 'Stop' } = {},
): Promise<Session> {
  const session = new Session({ host, errorActionPreference: options.errorAction ?? 'Continue' })
  // Small backoff steps keep retry tests fast; the retry counts stay the product's.
  setRetryPolicy(session, { baseDelayMs: 20, maxDelayMs: 300 })
  const { credentials, url } = bed.emulator
  const credential =
    options.as === 'app'
      ? { appId: credentials.appId, appSecret: credentials.appSecret, orgId: credentials.orgId }
      : { apiToken: credentials.apiToken }
  await connect({ server: url, ...credential, credentialStore: 'memory' }, session)
  return session
}

/** Calls the control API; throws on a non-2xx answer. */
export async function control(bed: TestBed, path: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(`${bed.emulator.url}/emulator/api/${path}`, {
    ...init,
    headers: init?.body ? { 'content-type': 'application/json' } : undefined,
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`control ${path}: ${response.status} ${text}`)
  return text ? JSON.parse(text) : undefined
}

/** Changes the emulator's runtime config. */
export async function configure(bed: TestBed, patch: Partial<EmulatorConfig>): Promise<void> {
  await control(bed, 'config', { method: 'PUT', body: JSON.stringify(patch) })
}

/** The emulator's counters. */
export async function stats(bed: TestBed): Promise<EmulatorStats> {
  return (await control(bed, 'stats')) as EmulatorStats
}

/** Zeroes the emulator's counters. */
export async function resetStats(bed: TestBed): Promise<void> {
  await control(bed, 'stats/reset', { method: 'POST' })
}

/** CSP write requests (POST, PUT, PATCH, DELETE outside the token endpoints) counted in stats. */
export function writeRequests(counters: EmulatorStats): number {
  return Object.entries(counters.requests)
    .filter(([route]) => /^(POST|PUT|PATCH|DELETE) /.test(route) && !/\/auth\/|token/.test(route))
    .reduce((sum, [, count]) => sum + count, 0)
}

/** Requests to one route template, e.g. `POST /csp/gateway/am/api/orgs/{orgId}/invitations`. */
export function requestsTo(counters: EmulatorStats, method: string, suffix: string): number {
  return Object.entries(counters.requests)
    .filter(([route]) => route.startsWith(`${method} `) && route.endsWith(suffix))
    .reduce((sum, [, count]) => sum + count, 0)
}

/** The e-mails the emulator "sent" to an address. */
export async function mailbox(bed: TestBed, to?: string): Promise<MailboxMessage[]> {
  return (await control(bed, `mailbox${to ? `?to=${encodeURIComponent(to)}` : ''}`)) as MailboxMessage[]
}

/** Redeems an invitation link as the invitee would. */
export async function redeem(link: string, firstName: string, lastName: string): Promise<void> {
  const response = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ firstName, lastName }),
  })
  if (!response.ok) throw new Error(`redeem: ${response.status} ${await response.text()}`)
}

/** The messages of the errors a host recorded. */
export function errorMessages(host: RecordingHost): string[] {
  return host.errors.map((record) => record.error.message)
}
