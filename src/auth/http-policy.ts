// The transport policy every request to a CSP server follows, whoever sends it (the CSP client, the
// token exchange, openid-client's discovery and token calls): how long to wait for each stage, where
// a redirect may lead, and which proxy to go through. src/auth/http.ts applies it.
import { RemoteError, UsageError } from '../engine/index.js'

/** How long each stage of a request may take (ms). */
export interface HttpTimeouts {
  /** TCP (and TLS) connect. */
  connectMs: number
  /** From the request sent to the response's status line and headers. */
  headersMs: number
  /** Longest silence while the response body arrives. */
  bodyIdleMs: number
}

/**
 * Defaults in the range the AWS and Azure SDKs use (botocore: 60 s connect and read; AWS SDK for
 * Java v2: 2 s connect, 30 s socket; Azure .NET: 100 s network timeout), with a 10 s connect: a CSP
 * endpoint that takes longer to accept a connection is not there.
 */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  connectMs: 10_000,
  headersMs: 60_000,
  bodyIdleMs: 60_000,
}

/**
 * The timeouts of a connection: `seconds` (Connect-Vcs -TimeoutSec) or VCS_HTTP_TIMEOUT sets the
 * response and idle-body timeouts, and caps the connect timeout. A value that is not a positive
 * number is a UsageError before anything is sent.
 */
export function httpTimeouts(env: NodeJS.ProcessEnv = process.env, seconds?: number): HttpTimeouts {
  const raw = seconds ?? env.VCS_HTTP_TIMEOUT?.trim()
  if (raw === undefined || raw === '') return DEFAULT_HTTP_TIMEOUTS
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(
      'InvalidParameterValue',
      `The HTTP timeout "${String(raw)}" is not a positive number of seconds.`,
      { hint: 'Set VCS_HTTP_TIMEOUT (or -TimeoutSec) to seconds, e.g. 30.' },
    )
  }
  const ms = Math.round(value * 1000)
  return { connectMs: Math.min(DEFAULT_HTTP_TIMEOUTS.connectMs, ms), headersMs: ms, bodyIdleMs: ms }
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`

/** The one-line error for a stage that timed out, or undefined when `code` is not a timeout. */
export function timeoutError(code: string, server: string, timeouts: HttpTimeouts): RemoteError | undefined {
  const hint = 'The server may be overloaded or the network path broken; VCS_HTTP_TIMEOUT sets the limit.'
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return new RemoteError(
        'Timeout',
        `Could not connect to ${server} within ${seconds(timeouts.connectMs)} (connect timeout).`,
        { target: server, hint },
      )
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new RemoteError(
        'Timeout',
        `${server} accepted the request but did not answer within ${seconds(timeouts.headersMs)} (response timeout).`,
        { target: server, hint },
      )
    case 'UND_ERR_BODY_TIMEOUT':
      return new RemoteError(
        'Timeout',
        `${server} stopped sending its answer for ${seconds(timeouts.bodyIdleMs)} (idle-body timeout).`,
        { target: server, hint },
      )
    default:
      return undefined
  }
}

/** Redirect statuses; every other status is an answer. */
export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
/** Same-origin redirects followed in a row before giving up. */
export const MAX_REDIRECTS = 5

/**
 * Where a redirect may go: only to the same origin (scheme, host and port), so a credential in a
 * header or body never reaches another host or drops from https to http (node-fetch CVE-2022-0235 is
 * the same class); and nowhere at all for requests that forbid it (the token exchange, whose body is
 * the long-lived API token). Returns the URL to follow, or throws a one-line error naming both hosts (with the 3xx status, so
 * no retry loop takes it for a transient network failure).
 */
export function redirectTarget(
  from: URL,
  location: string | null,
  followAllowed: boolean,
  hops: number,
  status: number,
): URL {
  let to: URL
  try {
    if (!location) throw new Error('no Location')
    to = new URL(location, from)
  } catch {
    throw new RemoteError(
      'NetworkError',
      `${from.host} answered with a redirect that names no valid target.`,
      {
        target: from.host,
        status,
      },
    )
  }
  if (to.origin !== from.origin) {
    const downgrade = from.protocol === 'https:' && to.protocol === 'http:'
    throw new RemoteError(
      'NetworkError',
      `${from.host} redirected the request to ${to.protocol === from.protocol ? '' : `${to.protocol}//`}${to.host}${downgrade ? ' (plain http)' : ''}; vcs-shell does not follow redirects to another host or scheme, so no credential was sent there.`,
      {
        target: from.host,
        status,
        hint: `If ${to.host} is the right server, connect to it with -Server ${to.host}.`,
      },
    )
  }
  if (!followAllowed) {
    throw new RemoteError(
      'NetworkError',
      `${from.host} answered a token request with a redirect (to ${to.pathname}); token requests never follow redirects.`,
      {
        target: from.host,
        status,
        hint: 'Check -Server: it should name the CSP console, not a proxy or load balancer page.',
      },
    )
  }
  if (hops >= MAX_REDIRECTS) {
    throw new RemoteError(
      'NetworkError',
      `${from.host} redirected the request more than ${MAX_REDIRECTS} times.`,
      {
        target: from.host,
        status,
      },
    )
  }
  return to
}

/** The proxy settings a connection's requests follow (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, either case). */
export interface ProxySettings {
  httpProxy?: string
  httpsProxy?: string
  noProxy?: string
}

/** Reads the proxy variables as curl does: the lowercase name first. */
export function proxySettings(env: NodeJS.ProcessEnv = process.env): ProxySettings | undefined {
  const pick = (name: string) => (env[name.toLowerCase()] ?? env[name])?.trim() || undefined
  const settings = {
    httpProxy: pick('HTTP_PROXY'),
    httpsProxy: pick('HTTPS_PROXY'),
    noProxy: pick('NO_PROXY'),
  }
  return settings.httpProxy || settings.httpsProxy ? settings : undefined
}
