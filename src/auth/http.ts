// One fetch per connection, bound to its TLS settings, timeouts, proxy and redirect policy
// (http-policy.ts), turning low-level network failures into one-line RemoteErrors that name the
// server. The same function is handed to openid-client, so discovery and the token endpoint get the
// same treatment as every CSP call.
import { isAbortError, RemoteError, VcsError } from '../engine/index.js'
import {
  DEFAULT_HTTP_TIMEOUTS,
  proxySettings,
  REDIRECT_STATUSES,
  redirectTarget,
  timeoutError,
  type HttpTimeouts,
} from './http-policy.js'
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

/** What a connection's fetch follows besides TLS: timeouts and the environment's proxy variables. */
export interface TransportOptions {
  timeouts?: HttpTimeouts
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read; default process.env. */
  env?: NodeJS.ProcessEnv
  /**
   * Which fetch sends the requests; default {@link chooseTransport}'s choice. Tests name one to
   * check that both keep the same policy.
   */
  transport?: Transport
}

/**
 * `builtin`: Node's own fetch, with the response and idle-body timeouts kept here by hand; `undici`:
 * the undici package's fetch with a dispatcher that carries TLS settings, the connect timeout and the
 * proxy.
 */
export type Transport = 'builtin' | 'undici'

/** The connect timeout of Node's own fetch (undici's default), which cannot be changed per request. */
const BUILTIN_CONNECT_TIMEOUT_MS = 10_000

/**
 * Node's own fetch where it can keep the connection's policy: no proxy, no CA of our own, certificates
 * checked, and the default connect timeout. It is part of Node (compiled into its start-up snapshot),
 * so a one-shot command's first request comes tens of milliseconds sooner than with the undici package,
 * whose 400 kB are parsed on every run. Everything else needs the undici package's dispatcher.
 */
export function chooseTransport(tls: TlsOptions, timeouts: HttpTimeouts, env: NodeJS.ProcessEnv): Transport {
  const plain =
    tls.ca === undefined &&
    tls.skipCertificateCheck !== true &&
    timeouts.connectMs === BUILTIN_CONNECT_TIMEOUT_MS &&
    proxySettings(env) === undefined
  return plain ? 'builtin' : 'undici'
}

/** What send() hands back: the response, and how to read its body within the idle-body timeout. */
interface Sent {
  response: Response
  /** The body's chunks, read to the end; a silence longer than the idle timeout rejects. */
  readBody(): Promise<Uint8Array[]>
  /** Drops the body unread (a redirect, a null-body status) and lets go of the caller's signal. */
  discard(): Promise<void>
  /** The Response class to rebuild the buffered response with (the one that fetched). */
  Response: typeof Response
}

/**
 * The fetch of one connection, and the only way vcs-shell talks to a CSP server: Node's own fetch
 * or undici's with a dispatcher carrying the TLS settings (a CA trusted in addition to the system's,
 * or verification off), the connect / response / idle-body timeouts and the proxy from the
 * environment (see {@link chooseTransport}); redirects are followed by hand, to the same origin only
 * (never for `redirect: 'error'` or `'manual'`, which the token exchange uses); the body is read
 * before the response is handed back, so a stalled body is a timeout error here too. Failures
 * become one-line RemoteErrors that name the server.
 */
export function createConnectionFetch(
  tls: TlsOptions,
  server: string,
  options: TransportOptions = {},
): typeof fetch {
  const timeouts = options.timeouts ?? DEFAULT_HTTP_TIMEOUTS
  const transport = options.transport ?? chooseTransport(tls, timeouts, options.env ?? process.env)
  const send = transport === 'builtin' ? builtinSender(timeouts) : undiciSender(tls, timeouts, options.env)
  const connectionFetch = async (input: Parameters<typeof fetch>[0], init: RequestInit = {}) => {
    // Strings and URLs first: touching the global Request (or Response) makes Node load its own copy
    // of undici, which the undici transport would pay for on top of the package's.
    let url = new URL(
      typeof input === 'string' || input instanceof URL
        ? input
        : input instanceof Request
          ? input.url
          : String(input),
    )
    let request: RequestInit = init
    const followAllowed = init.redirect === undefined || init.redirect === 'follow'
    try {
      for (let hops = 0; ; hops++) {
        const sent = await send(url, request)
        const { response } = sent
        if (!REDIRECT_STATUSES.has(response.status)) return await buffered(sent)
        await sent.discard()
        url = redirectTarget(url, response.headers.get('location'), followAllowed, hops, response.status)
        const method = (request.method ?? 'GET').toUpperCase()
        if (
          response.status === 303 ||
          ((response.status === 301 || response.status === 302) && method === 'POST')
        ) {
          const headers = new Headers(request.headers)
          headers.delete('content-type')
          request = { ...request, method: 'GET', body: undefined, headers }
        }
      }
    } catch (error) {
      // Cancelled (Ctrl+C aborts with the run's InterruptedError as the reason) or timed out by the
      // caller: not a network failure, and not to be reported as one.
      if (init.signal?.aborted || isAbortError(error) || (error as { name?: string }).name === 'TimeoutError')
        throw error
      if (error instanceof VcsError) throw error
      const { code } = networkCode(error)
      throw (code && timeoutError(code, server, timeouts)) || toNetworkError(error, server)
    }
  }
  return connectionFetch as typeof fetch
}

/** An error carrying one of undici's timeout codes, so both transports report timeouts alike. */
function timeoutCode(code: 'UND_ERR_HEADERS_TIMEOUT' | 'UND_ERR_BODY_TIMEOUT'): Error {
  return Object.assign(new Error(code), { code })
}

/**
 * Sends with Node's own fetch. The response timeout runs from the request sent until the headers
 * are in (Node's 10 s connect timeout, which equals ours, ends a connect that hangs first); the idle
 * timeout restarts with every chunk of the body. Either aborts the request with undici's code.
 */
function builtinSender(timeouts: HttpTimeouts): (url: URL, init: RequestInit) => Promise<Sent> {
  return async (url, init) => {
    const controller = new AbortController()
    const caller = init.signal
    const forward = () => controller.abort(caller?.reason)
    if (caller?.aborted) forward()
    else caller?.addEventListener('abort', forward, { once: true })
    const release = () => caller?.removeEventListener('abort', forward)
    const headersTimer = setTimeout(
      () => controller.abort(timeoutCode('UND_ERR_HEADERS_TIMEOUT')),
      timeouts.headersMs,
    )
    let response: Response
    try {
      response = await fetch(url, { ...init, redirect: 'manual', signal: controller.signal })
    } catch (error) {
      release()
      // An abort by our timer rejects with its reason; by the caller, with the caller's.
      throw controller.signal.aborted && !caller?.aborted ? controller.signal.reason : error
    } finally {
      clearTimeout(headersTimer)
    }
    const readBody = async (): Promise<Uint8Array[]> => {
      const idle = setTimeout(
        () => controller.abort(timeoutCode('UND_ERR_BODY_TIMEOUT')),
        timeouts.bodyIdleMs,
      )
      try {
        return await readChunks(response.body, () => idle.refresh())
      } catch (error) {
        throw controller.signal.aborted && !caller?.aborted ? controller.signal.reason : error
      } finally {
        clearTimeout(idle)
        release()
      }
    }
    const discard = async () => {
      release()
      await response.body?.cancel().catch(() => undefined)
    }
    return { response, readBody, discard, Response }
  }
}

/** Sends with the undici package's fetch and a dispatcher of this connection (loaded on first use). */
function undiciSender(
  tls: TlsOptions,
  timeouts: HttpTimeouts,
  env: NodeJS.ProcessEnv | undefined,
): (url: URL, init: RequestInit) => Promise<Sent> {
  let bound: Promise<Pick<Undici, 'fetch' | 'Response'> & { dispatcher: unknown }> | undefined
  const load = () =>
    (bound ??= import('undici').then((loaded) => {
      const undici = undiciExports(loaded)
      return {
        fetch: undici.fetch,
        Response: undici.Response,
        dispatcher: createDispatcher(undici, tls, timeouts, env),
      }
    }))
  return async (url, init) => {
    const { fetch: undiciFetch, Response: UndiciResponse, dispatcher } = await load()
    const response = (await undiciFetch(
      url as never,
      { ...(init as object), redirect: 'manual', dispatcher } as never,
    )) as unknown as Response
    // The dispatcher's bodyTimeout ends a stalled body; undici's Response, not the global one (see above).
    const readBody = () => readChunks(response.body)
    const discard = async () => {
      await response.body?.cancel().catch(() => undefined)
    }
    return { response, readBody, discard, Response: UndiciResponse as unknown as typeof Response }
  }
}

/** Every chunk of a body stream, in order; `onChunk` runs after each. */
async function readChunks(
  body: ReadableStream<Uint8Array> | null,
  onChunk?: () => void,
): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = []
  if (!body) return chunks
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return chunks
    chunks.push(value)
    onChunk?.()
  }
}

/** Null-body statuses (fetch spec): a Response with a body for them cannot be built. */
const NULL_BODY = new Set([101, 204, 205, 304])

/**
 * The response with its body read: a body that stalls fails here, where the error can name it. The
 * chunks go into the new Response as they came, so the body is copied once, by whoever reads it.
 */
async function buffered({ response, readBody, discard, Response: ResponseClass }: Sent): Promise<Response> {
  let body: ReadableStream<Uint8Array> | null = null
  if (NULL_BODY.has(response.status)) await discard()
  else {
    const chunks = await readBody()
    body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk)
        controller.close()
      },
    })
  }
  return new ResponseClass(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
}

/**
 * The CAs a connection trusts: undefined (Node's defaults) without a CA of our own; with one, that CA
 * in addition to Node's bundled roots, as the README promises (`ca` alone would replace them).
 */
export function trustedCertificates(tls: TlsOptions): string[] | undefined {
  if (tls.ca === undefined) return undefined
  const { rootCertificates } = process.getBuiltinModule('node:tls')
  return [...rootCertificates, tls.ca]
}

let proxyWarningFiltered = false

function createDispatcher(
  undici: Pick<Undici, 'Agent' | 'EnvHttpProxyAgent'>,
  tls: TlsOptions,
  timeouts: HttpTimeouts,
  env: NodeJS.ProcessEnv = process.env,
): unknown {
  const ca = trustedCertificates(tls)
  const targetTls = {
    ...(ca ? { ca } : {}),
    rejectUnauthorized: tls.skipCertificateCheck !== true,
  }
  const common = { headersTimeout: timeouts.headersMs, bodyTimeout: timeouts.bodyIdleMs }
  const proxy = proxySettings(env)
  if (!proxy) return new undici.Agent({ ...common, connect: { ...targetTls, timeout: timeouts.connectMs } })
  if (!proxyWarningFiltered) {
    // undici marks EnvHttpProxyAgent experimental with a process warning on first use; a user who
    // set HTTPS_PROXY should not see it on every command.
    proxyWarningFiltered = true
    const emit = process.emitWarning.bind(process)
    process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
      const code = (rest[0] as { code?: string } | undefined)?.code
      if (code === 'UNDICI-EHPA') return
      emit(warning as string, ...(rest as []))
    }) as typeof process.emitWarning
  }
  return new undici.EnvHttpProxyAgent({
    ...common,
    ...proxy,
    // The tunnel through the proxy carries the TLS session with the server: verify it the same way.
    requestTls: targetTls,
    proxyTls: { timeout: timeouts.connectMs },
    connect: { timeout: timeouts.connectMs },
  } as never)
}

type Undici = typeof import('undici')

/**
 * undici's exports whichever way the module was loaded: named from Node's ESM loader (and vitest),
 * only as `default` from the esbuild bundle, where undici is CommonJS wrapped in a chunk.
 */
export function undiciExports(
  loaded: Undici | { default?: Undici },
): Pick<Undici, 'Agent' | 'EnvHttpProxyAgent' | 'fetch' | 'Response'> {
  const named = loaded as Partial<Undici>
  const wrapped = (loaded as { default?: Partial<Undici> }).default
  const Agent = named.Agent ?? wrapped?.Agent
  const EnvHttpProxyAgent = named.EnvHttpProxyAgent ?? wrapped?.EnvHttpProxyAgent
  const undiciFetch = named.fetch ?? wrapped?.fetch
  const UndiciResponse = named.Response ?? wrapped?.Response
  if (
    typeof Agent !== 'function' ||
    typeof EnvHttpProxyAgent !== 'function' ||
    typeof undiciFetch !== 'function' ||
    typeof UndiciResponse !== 'function'
  )
    throw new Error('the undici module has no Agent, EnvHttpProxyAgent, fetch or Response export')
  return { Agent, EnvHttpProxyAgent, fetch: undiciFetch, Response: UndiciResponse }
}
