// One fetch per connection, bound to its TLS settings (custom CA or verification off) and turning
// low-level network failures into one-line RemoteErrors that name the server. The same function is
// handed to openid-client, so discovery and the token endpoint get the same TLS treatment.
import { isAbortError, RemoteError } from '../engine/index.js'
import type { TlsOptions } from './types.js'

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
])

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
}

/** The error code hidden in a fetch failure (`TypeError: fetch failed` with a cause chain). */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && code !== 'ABORT_ERR') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/** Converts a failed fetch into a RemoteError('NetworkError') naming the server. */
export function toNetworkError(error: unknown, server: string): RemoteError {
  const code = networkCode(error)
  if (code && TLS_CODES.has(code)) {
    return new RemoteError('NetworkError', `The TLS certificate of ${server} is not trusted (${code}).`, {
      cause: error,
      target: server,
      hint: 'Trust its CA with -CaFile <pem> (or VCS_CA_FILE); -SkipCertificateCheck turns verification off.',
    })
  }
  const words = code ? (NETWORK_WORDS[code] ?? code) : 'network error'
  return new RemoteError('NetworkError', `Could not reach ${server}: ${words}.`, {
    cause: error,
    target: server,
    hint: 'Check the server name, the network and any proxy.',
  })
}

/**
 * A fetch bound to TLS settings. Without custom settings it is the global fetch; with a CA or
 * skipCertificateCheck it is undici's fetch with an Agent carrying them, loaded only then.
 */
export function createConnectionFetch(tls: TlsOptions, server: string): typeof fetch {
  const custom = tls.ca !== undefined || tls.skipCertificateCheck === true
  let bound: Promise<typeof fetch> | undefined
  const resolveFetch = (): Promise<typeof fetch> => {
    if (!custom) return Promise.resolve(globalThis.fetch)
    bound ??= import('undici').then(({ Agent, fetch: undiciFetch }) => {
      const dispatcher = new Agent({
        connect: { ca: tls.ca, rejectUnauthorized: tls.skipCertificateCheck !== true },
      })
      return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
        undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch
    })
    return bound
  }
  const connectionFetch = async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const fetchImpl = await resolveFetch()
    try {
      return await fetchImpl(input, init)
    } catch (error) {
      if (isAbortError(error) || (error as { name?: string }).name === 'TimeoutError') throw error
      throw toNetworkError(error, server)
    }
  }
  return connectionFetch as typeof fetch
}
