// The typed HTTP client under every Vcs cmdlet: bearer auth with one forced refresh on 401, 429
// handled (Retry-After honoured for every request on the connection, jittered exponential backoff
// otherwise, a retry budget, then ThrottledError), and 5xx / resets / timeouts retried only where
// that is safe. Writes whose outcome is unknown surface as OutcomeUnknownError for the caller to check.
import { InterruptedError, redact, type Session } from '../engine/index.js'
import type { HttpResponse, VcsConnection } from '../auth/types.js'
import { OutcomeUnknownError, toCspError } from './errors.js'

/** Retry and timeout policy; the defaults suit CSP, tests shrink them. */
export interface RetryPolicy {
  /** 429 answers tolerated per request before ThrottledError. */
  throttleRetries: number
  /** Longest total wait for one request across its 429 retries (ms). */
  throttleBudgetMs: number
  /** Retries of a safe request after a 5xx, a reset or a timeout. */
  faultRetries: number
  /** First backoff step (ms); doubles each attempt, full jitter. */
  baseDelayMs: number
  /** Longest single backoff (ms). */
  maxDelayMs: number
  /** Per-attempt timeout (ms): a response slower than this counts as a fault. */
  timeoutMs: number
  /**
   * How long a server that refuses connections or answers 502/503/504 (a restart, a deploy) is
   * waited for (ms), retrying with backoff, before the request fails: an outage is ridden out, not
   * counted against faultRetries. 0 turns this off.
   */
  outageBudgetMs: number
}

/** The outage budget: `VCS_OUTAGE_SECONDS` (scheduled jobs and tests set it), else 120 s. */
export function outageBudgetFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.VCS_OUTAGE_SECONDS?.trim()
  const seconds = Number(text)
  return text && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 120_000
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  throttleRetries: 12,
  throttleBudgetMs: 120_000,
  faultRetries: 4,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  timeoutMs: 60_000,
  outageBudgetMs: outageBudgetFromEnv(),
}

/** One request. `idempotent` defaults to true for GET: only those are re-sent blindly after a fault. */
export interface CspRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH'
  path: string
  query?: Record<string, string | number | boolean | undefined>
  body?: unknown
  signal?: AbortSignal
  idempotent?: boolean
  /** Verbose log sink (secrets are redacted before it sees anything). */
  log?: (message: string) => void
  /** Told before each wait the client decides on (a server's Retry-After, a backoff), with why. */
  onWait?: (ms: number, reason: string) => void
}

export interface CspResponse<T> {
  status: number
  body: T
}

/** Counters a benchmark or a verbose run can show. */
export interface ClientStats {
  requests: number
  throttled: number
  faults: number
  refreshes: number
}

/** A CSP HTTP client bound to one connection. Share it: the 429 pause applies to all its callers. */
export class CspClient {
  readonly stats: ClientStats = { requests: 0, throttled: 0, faults: 0, refreshes: 0 }
  /** Set from a Retry-After: no request on this connection starts before this time. */
  private pausedUntil = 0
  /** Client-side pacing, learned from the server's 429s (unpaced until the first one). */
  private readonly pacer = new Pacer()
  /** Told of each wait of a second or more the server's rate limit imposes, for the session's host. */
  onHostWait?: (wait: { reason: string; until: number }) => void

  constructor(
    readonly connection: VcsConnection,
    readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  get orgId(): string {
    return this.connection.orgId
  }

  /** Sends a request, retrying as the policy allows; throws a mapped VcsError otherwise. */
  async request<T = unknown>(request: CspRequest): Promise<CspResponse<T>> {
    const idempotent = request.idempotent ?? request.method === 'GET'
    const url = this.url(request)
    let throttled = 0
    let throttledSince = 0
    let faults = 0
    let refreshed = false
    /** When the current outage (refused connections, 502/503/504) began; 0 outside one. */
    let outageSince = 0
    const inOutage = () => {
      outageSince ||= Date.now()
      return Date.now() - outageSince < this.policy.outageBudgetMs
    }
    const wait = (ms: number, reason: string) => {
      if (ms >= 1000) {
        request.onWait?.(ms, reason)
        this.onHostWait?.({ reason, until: Date.now() + ms })
      }
      return sleep(ms, request.signal)
    }
    for (;;) {
      await this.waitForPause(request)
      await wait(this.pacer.reserve(Date.now()), 'server rate limit')
      await this.waitForPause(request)
      if (request.signal?.aborted) throw new InterruptedError(undefined, { cause: request.signal.reason })
      const token = await this.connection.getAccessToken({ signal: request.signal })
      const started = Date.now()
      let response: HttpResponse
      let text: string
      const attempt = this.attempt(request.signal)
      try {
        this.stats.requests++
        response = await this.connection.fetch(url, {
          method: request.method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: attempt.signal,
        })
        text = await response.text()
      } catch (cause) {
        attempt.done()
        if (request.signal?.aborted) throw new InterruptedError(undefined, { cause })
        const error = toCspError({ method: request.method, path: request.path, cause })
        request.log?.(`${request.method} ${redact(request.path)} failed: ${error.message}`)
        // A redirect the connection refused to follow (it carries the 3xx status): nothing was done.
        if (cause === error && error.status !== undefined) throw error
        // Refused: nothing reached the server, so even a write is safe to send again.
        if (isRefused(cause) && inOutage()) {
          this.stats.faults++
          await wait(this.backoff(Math.min(++faults, 6)), 'server unreachable')
          continue
        }
        if (!idempotent) throw new OutcomeUnknownError(error, request.method, request.path)
        // The connection's own timeouts (connect, response, idle body) already waited as long as the
        // user allows: waiting that long again would multiply it.
        if (cause === error && error.code === 'Timeout') throw error
        if (isConnectionFault(cause) && inOutage()) {
          this.stats.faults++
          await wait(this.backoff(Math.min(++faults, 6)), 'server unreachable')
          continue
        }
        if (++faults > this.policy.faultRetries) throw error
        this.stats.faults++
        await sleep(this.backoff(faults), request.signal)
        continue
      }
      attempt.done()
      const body = parseBody(text)
      request.log?.(
        `${request.method} ${redact(request.path)} → ${response.status} (${Date.now() - started} ms)`,
      )
      if (response.status !== 429) this.pacer.admitted(started)
      if (response.ok) return { status: response.status, body: body as T }
      if (response.status === 401 && !refreshed) {
        // The token expired between issue and use (or was revoked): refresh once, then retry.
        refreshed = true
        this.stats.refreshes++
        await this.connection.getAccessToken({ forceRefresh: true, signal: request.signal })
        continue
      }
      if (response.status === 429) {
        this.stats.throttled++
        this.pacer.throttled(started, Date.now())
        throttledSince ||= Date.now()
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'))
        const delay = retryAfter ?? this.backoff(throttled + 1)
        const budgetLeft = this.policy.throttleBudgetMs - (Date.now() - throttledSince)
        if (++throttled > this.policy.throttleRetries || delay > budgetLeft) {
          throw toCspError({ method: request.method, path: request.path, status: 429, body })
        }
        // A server that says when to come back says it for the whole connection.
        if (retryAfter !== undefined) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + retryAfter)
        else await wait(delay, 'server rate limit')
        continue
      }
      const error = toCspError({ method: request.method, path: request.path, status: response.status, body })
      if (response.status >= 500) {
        if (!idempotent) throw new OutcomeUnknownError(error, request.method, request.path)
        if (OUTAGE_STATUSES.has(response.status) && inOutage()) {
          this.stats.faults++
          await wait(this.backoff(Math.min(++faults, 6)), `server unavailable (HTTP ${response.status})`)
          continue
        }
        if (++faults <= this.policy.faultRetries) {
          this.stats.faults++
          await sleep(this.backoff(faults), request.signal)
          continue
        }
      }
      throw error
    }
  }

  /** GET returning the body. */
  async get<T>(path: string, options: Omit<CspRequest, 'method' | 'path'> = {}): Promise<T> {
    return (await this.request<T>({ ...options, method: 'GET', path })).body
  }

  private url(request: CspRequest): string {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue
      params.set(key, String(value))
    }
    const query = params.toString()
    return `${this.connection.baseUrl}${request.path}${query ? `?${query}` : ''}`
  }

  /**
   * The signal of one attempt: aborted by the caller's signal, or with a TimeoutError after the
   * policy's timeout. One controller and a timer, where AbortSignal.timeout plus AbortSignal.any
   * would make two more signals per request (a big list makes hundreds of requests); `done`
   * clears the timer and the listener once the body is read.
   */
  private attempt(signal: AbortSignal | undefined): { signal: AbortSignal; done: () => void } {
    const controller = new AbortController()
    const timer = setTimeout(
      () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
      this.policy.timeoutMs,
    )
    // Like AbortSignal.timeout: a pending attempt alone does not keep the process alive.
    timer.unref()
    const onAbort = () => controller.abort(signal?.reason)
    if (signal?.aborted) onAbort()
    else signal?.addEventListener('abort', onAbort, { once: true })
    return {
      signal: controller.signal,
      done: () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      },
    }
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1))
    // Full jitter: concurrent callers that failed together do not come back together.
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2))
  }

  /** Waits out a Retry-After the server gave this connection (telling the request's onWait why). */
  private async waitForPause(request: Pick<CspRequest, 'signal' | 'onWait'>): Promise<void> {
    while (this.pausedUntil > Date.now()) {
      const ms = this.pausedUntil - Date.now()
      if (ms >= 1000) {
        request.onWait?.(ms, 'server rate limit')
        this.onHostWait?.({ reason: 'server rate limit', until: Date.now() + ms })
      }
      await sleep(ms, request.signal)
    }
  }
}

/**
 * Paces the requests of one connection so that a rate-limited server stops answering 429: unpaced
 * until the first 429, then one request every 1/rate s. The rate starts 15% under what the server
 * admitted in the last second, which over-estimates its rate by its burst (a token bucket's, refilled
 * during the Retry-After pause: paced at the admitted rate itself, a client empties it again a few
 * seconds later), and shrinks by the same factor on each further 429. It grows by one request/s per
 * second without a 429, but only up to just under the ceiling (the paced rate that last drew a 429;
 * after the first, what the server admitted): every 429 costs a request and a Retry-After pause of
 * the whole connection, so probing past a known limit is slow, the ceiling rising by a tenth after
 * each 30 s without a 429 (a server whose limit was raised).
 */
/** The multiplicative decrease of the Pacer's rate at a 429. */
const DECREASE = 0.85

export class Pacer {
  /** Requests per second; undefined while unpaced. */
  rate?: number
  /** The rate that last drew a 429. */
  private ceiling = Infinity
  private ceilingSince = 0
  private nextSlot = 0
  private lastChange = 0
  private lastDecrease = 0
  /** Start times of recent requests the server did not refuse as too many. */
  private recent: number[] = []

  /** Reserves the next slot; returns how long to wait (ms) before sending. */
  reserve(now: number): number {
    if (this.rate === undefined) return 0
    if (now - this.lastChange >= 1000) {
      // Additive increase: a second without 429 at this rate, try one request/s more, below the ceiling.
      const seconds = Math.floor((now - this.lastChange) / 1000)
      if (now - this.ceilingSince >= 30_000) {
        this.ceiling *= 1.1
        this.ceilingSince = now
      }
      this.rate = Math.max(this.rate, Math.min(this.rate + seconds, this.ceiling * 0.95))
      this.lastChange = now
    }
    const at = Math.max(now, this.nextSlot)
    this.nextSlot = at + 1000 / this.rate
    return at - now
  }

  /** A request started at `started` got an answer other than 429. */
  admitted(started: number): void {
    this.recent.push(started)
    if (this.recent.length > 1000) this.recent.splice(0, this.recent.length - 1000)
  }

  /** A request started at `started` got a 429 at `now`: learn (or lower) the rate. */
  throttled(started: number, now: number): void {
    // Requests sent before the last change were paced by the old rate: they teach nothing new.
    if (this.rate !== undefined && started < this.lastDecrease) return
    this.lastDecrease = now
    this.recent = this.recent.filter((time) => time > now - 1000)
    const admitted = Math.max(1, this.recent.length)
    this.ceiling = this.rate ?? admitted
    this.ceilingSince = now
    this.rate = Math.max(
      1,
      this.rate === undefined ? admitted * DECREASE : Math.min(this.rate * DECREASE, admitted),
    )
    this.lastChange = now
    this.nextSlot = Math.max(this.nextSlot, now + 1000 / this.rate)
  }
}

/** A gateway or an unavailable server: what a restart or a deploy looks like from outside. */
const OUTAGE_STATUSES = new Set([502, 503, 504])

/** The system error code (ECONNREFUSED, ...) somewhere down the cause chain (fetch wraps it). */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/** The connection was refused: the request never reached a server. */
function isRefused(error: unknown): boolean {
  return errorCode(error) === 'ECONNREFUSED'
}

/** A dropped connection (a server going down mid-request). */
function isConnectionFault(error: unknown): boolean {
  const code = errorCode(error)
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'ECONNREFUSED'
}

function parseBody(text: string): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return { message: text.slice(0, 200) }
  }
}

/** Retry-After in seconds or as an HTTP date; milliseconds, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

/** Sleeps, waking early with InterruptedError when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new InterruptedError(undefined, { cause: signal.reason }))
    const onAbort = () => {
      clearTimeout(timer)
      reject(new InterruptedError(undefined, { cause: signal?.reason }))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

const POLICY = Symbol('vcs.csp.retryPolicy')
const clients = new WeakMap<VcsConnection, CspClient>()

/** Overrides the retry policy for a session (tests, impatient scripts). */
export function setRetryPolicy(session: Session, policy: Partial<RetryPolicy>): void {
  session.setSlot(POLICY, { ...DEFAULT_RETRY_POLICY, ...policy })
}

/** The shared client of a connection, so concurrent cmdlets share one 429 pause. */
export function clientFor(connection: VcsConnection, session?: Session): CspClient {
  const policy = session ? session.slot(POLICY, () => DEFAULT_RETRY_POLICY) : DEFAULT_RETRY_POLICY
  let client = clients.get(connection)
  if (!client || client.policy !== policy) {
    client = new CspClient(connection, policy)
    clients.set(connection, client)
  }
  // The session using the client now is the one whose host shows the waits.
  if (session) client.onHostWait = (wait) => session.host.writeWait?.(wait)
  return client
}
