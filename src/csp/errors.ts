// The one place where CSP's HTTP answers and network failures become the product's error family
// (style.md: foreign errors are converted at the HTTP client boundary and nowhere else).
import {
  AuthError,
  isAbortError,
  InterruptedError,
  RemoteError,
  ThrottledError,
  VcsError,
  redact,
} from '../engine/index.js'
import type { CspErrorResponse } from '../wire/csp.js'

/** What went wrong on the wire, before it is mapped: the request, and the answer when there was one. */
export interface FailedExchange {
  method: string
  /** Path without the query string (never carries a secret, but is redacted anyway). */
  path: string
  status?: number
  body?: unknown
  cause?: unknown
}

/** CSP's message from an error body, or a plain-words fallback for the status. */
export function cspMessage(status: number, body: unknown): string {
  const message = (body as Partial<CspErrorResponse> | undefined)?.message
  if (typeof message === 'string' && message.trim()) return redact(message.trim())
  return FALLBACK[status] ?? `CSP answered ${status}.`
}

const FALLBACK: Record<number, string> = {
  400: 'CSP refused the request as invalid.',
  401: 'The user is not authorized to use the API.',
  403: 'The user is forbidden to use the API.',
  404: 'Not found.',
  409: 'The request conflicts with the current state.',
  429: 'The user has sent too many requests.',
  500: 'An unexpected error has occurred while processing the request.',
  502: 'CSP is unavailable (bad gateway).',
  503: 'CSP is unavailable.',
  504: 'CSP did not answer in time (gateway timeout).',
}

/**
 * Maps a failed exchange to one error class: 400 → UsageError InvalidParameterValue, 401 → AuthError,
 * 403 → AuthError Forbidden, 404 → NotFound, 409 → Conflict, 429 → ThrottledError, 5xx and network
 * failures → RemoteError.
 */
export function toCspError(exchange: FailedExchange): VcsError {
  const { status, body, cause } = exchange
  const where = `${exchange.method} ${redact(exchange.path)}`
  if (status === undefined) {
    if (isAbortError(cause)) return new InterruptedError(undefined, { cause })
    if (cause instanceof VcsError) return cause
    const detail = cause instanceof Error ? describeNetworkError(cause) : String(cause)
    const timedOut = /timed? ?out/i.test(detail)
    return new RemoteError(timedOut ? 'Timeout' : 'NetworkError', `${where} failed: ${detail}`, {
      cause,
      hint: 'Check the server address and your network; the request may be retried.',
    })
  }
  const message = cspMessage(status, body)
  const options = { status, cause }
  switch (true) {
    // The request went out and CSP refused it: exit 1, never the usage code that says nothing was sent.
    case status === 400:
      return new RemoteError('BadRequest', message, { ...options, category: 'InvalidArgument' })
    case status === 401:
      return new AuthError('AuthenticationFailed', message, {
        ...options,
        hint: 'Connect again with Connect-Vcs; the token may have been revoked.',
      })
    case status === 403:
      return new AuthError('Forbidden', message, {
        ...options,
        category: 'PermissionDenied',
        hint: 'This needs the org_owner or org_admin role in the organization.',
      })
    case status === 404:
      return new RemoteError('NotFound', message, { ...options, category: 'ObjectNotFound' })
    case status === 409:
      return new RemoteError('Conflict', message, { ...options, category: 'ResourceExists' })
    case status === 429:
      return new ThrottledError(`CSP kept refusing requests as too many (429): ${message}`, {
        ...options,
        hint: 'Lower -ThrottleLimit, or try again later.',
      })
    case status >= 500:
      return new RemoteError('ServerError', `${where}: ${message} (HTTP ${status})`, options)
    default:
      return new RemoteError('ServerError', `${where}: unexpected HTTP ${status}: ${message}`, options)
  }
}

/** Node's fetch hides the real reason (ECONNRESET, ...) in `cause`; say it in one line. */
function describeNetworkError(error: Error): string {
  const inner = (error as { cause?: { code?: string; message?: string } }).cause
  if (inner?.code) return `${inner.code}${inner.message ? ` (${redact(inner.message)})` : ''}`
  return redact(error.message)
}

/**
 * A write whose outcome is unknown: the request may or may not have taken effect (connection reset,
 * timeout, 5xx after the body was sent). Callers check the server's state before sending it again.
 */
export class OutcomeUnknownError extends RemoteError {
  constructor(
    readonly underlying: VcsError,
    method: string,
    path: string,
  ) {
    super(
      underlying instanceof RemoteError ? underlying.code : 'ServerError',
      `${method} ${redact(path)}: outcome unknown (${underlying.message})`,
      {
        cause: underlying,
        status: underlying.status,
      },
    )
  }
}
