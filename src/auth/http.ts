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

/**
 * The error code hidden in a fetch failure (`TypeError: fetch failed` with a cause chain, and an
 * AggregateError when both IPv4 and IPv6 were tried), else the innermost message.
 */
function networkCode(error: unknown): { code?: string; detail?: string } {
  let current: unknown = error
  let detail: string | undefined
  for (let depth = 0; depth < 6 && current; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && code !== 'ABORT_ERR') return { code }
    const first = (current as { errors?: unknown[] }).errors?.[0]
    const firstCode = (first as { code?: unknown } | undefined)?.code
    if (typeof firstCode === 'string') return { code: firstCode }
    if (current instanceof Error && current.message && current.message !== 'fetch failed')
      detail = current.message
    current = (current as { cause?: unknown }).cause
  }
  return { detail }
}

/** Converts a failed fetch into a RemoteError('NetworkError') naming the server. */
export function toNetworkError(error: unknown, server: string): RemoteError {
  const { code, detail } = networkCode(error)
  if (code && TLS_CODES.has(code)) {
    return new RemoteError('NetworkError', `The TLS certificate of ${server} is not trusted (${code}).`, {
      cause: error,
      target: server,
      hint: 'Trust its CA with -CaFile <pem> (or VCS_CA_FILE); -SkipCertificateCheck turns verification off.',
    })
  }
  const words = code ? (NETWORK_WORDS[code] ?? code) : `network error${detail ? ` (${detail})` : ''}`
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
    bound ??= import('undici').then((loaded) => {
      const { Agent, fetch: undiciFetch } = undiciExports(loaded)
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
      // Cancelled (Ctrl+C aborts with the run's InterruptedError as the reason) or timed out: not a
      // network failure, and not to be reported as one.
      if (
        init?.signal?.aborted ||
        isAbortError(error) ||
        (error as { name?: string }).name === 'TimeoutError'
      )
        throw error
      throw toNetworkError(error, server)
    }
  }
  return connectionFetch as typeof fetch
}

type Undici = typeof import('undici')

/**
 * undici's exports whichever way the module was loaded: named from Node's ESM loader (and vitest),
 * only as `default` from the esbuild bundle, where undici is CommonJS wrapped in a chunk.
 */
export function undiciExports(loaded: Undici | { default?: Undici }): Pick<Undici, 'Agent' | 'fetch'> {
  const named = loaded as Partial<Undici>
  const wrapped = (loaded as { default?: Partial<Undici> }).default
  const Agent = named.Agent ?? wrapped?.Agent
  const undiciFetch = named.fetch ?? wrapped?.fetch
  if (typeof Agent !== 'function' || typeof undiciFetch !== 'function')
    throw new Error('the undici module has no Agent or fetch export')
  return { Agent, fetch: undiciFetch }
}
