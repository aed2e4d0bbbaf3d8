// One fetch per connection, bound to its TLS settings, timeouts, proxy and redirect policy
// (http-policy.ts), turning low-level network failures into one-line RemoteErrors that name the
// server. openid-client gets it too (exchange.ts), so discovery and the token endpoint get the same
// treatment as every CSP call.
import { isAbortError, RemoteError, VcsError } from '../engine/index.js'
import {
  DEFAULT_HTTP_TIMEOUTS,
  proxySettings,
  REDIRECT_STATUSES,
  redirectTarget,
  timeoutError,
  type HttpTimeouts,
} from './http-policy.js'
import {
  DECODING_FAILED,
  NULL_BODY,
  USER_AGENT,
  nodeSender,
  plainHeaders,
  type ConnectionFetch,
  type HttpRequestInit,
  type HttpResponse,
  type Sender,
  type Sent,
} from './node-transport.js'
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
  EPROTO: 'the TLS handshake failed (is it an https port?)',
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
 * `node`: Node's http/https modules (node-transport.ts), for every connection without a proxy;
 * `undici`: the undici package's fetch with a dispatcher that carries the proxy, TLS settings and
 * timeouts.
 */
export type Transport = 'node' | 'undici'

/**
 * node:http where it can keep the connection's policy, which is everywhere but behind a proxy: it is
 * part of Node's start-up snapshot, so a one-shot command's first request comes tens of milliseconds
 * sooner than with Node's fetch (which loads its own undici on first use) or the undici package (400 kB
 * parsed on every run). A proxy from the environment needs the undici package's EnvHttpProxyAgent.
 */
export function chooseTransport(env: NodeJS.ProcessEnv): Transport {
  return proxySettings(env) === undefined ? 'node' : 'undici'
}

/**
 * The fetch of one connection, and the only way vcs-shell talks to a CSP server: node:http/https, or
 * behind a proxy undici's fetch with a dispatcher, either carrying the TLS settings (a CA trusted in
 * addition to the system's, or verification off), the connect / response / idle-body timeouts and
 * the proxy from the environment (see {@link chooseTransport}); redirects are followed by hand, to the same origin only
 * (never for `redirect: 'error'` or `'manual'`, which the token exchange uses); the body is read
 * before the response is handed back, so a stalled body is a timeout error here too. Failures
 * become one-line RemoteErrors that name the server.
 */
export function createConnectionFetch(
  tls: TlsOptions,
  server: string,
  options: TransportOptions = {},
): ConnectionFetch {
  const timeouts = options.timeouts ?? DEFAULT_HTTP_TIMEOUTS
  const transport = options.transport ?? chooseTransport(options.env ?? process.env)
  const send: Sender =
    transport === 'node'
      ? nodeSender(tls, timeouts, trustedCertificates(tls))
      : undiciSender(tls, timeouts, options.env)
  const connectionFetch: ConnectionFetch = async (input, init = {}) => {
    let url = new URL(input)
    let request: HttpRequestInit = init
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
          const headers = Object.fromEntries(
            Object.entries(plainHeaders(request.headers)).filter(([name]) => name !== 'content-type'),
          )
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
      if (code === DECODING_FAILED)
        throw new RemoteError(
          'ServerError',
          `${server} sent an answer that could not be decoded (${(error as Error).message}).`,
          { cause: error, target: server },
        )
      throw (code && timeoutError(code, server, timeouts)) || toNetworkError(error, server)
    }
  }
  return connectionFetch
}

/** Sends with the undici package's fetch and a dispatcher of this connection (loaded on first use). */
function undiciSender(tls: TlsOptions, timeouts: HttpTimeouts, env: NodeJS.ProcessEnv | undefined): Sender {
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
    const headers = { 'user-agent': USER_AGENT, ...plainHeaders(init.headers) }
    const response = (await undiciFetch(
      url as never,
      { ...(init as object), headers, redirect: 'manual', dispatcher } as never,
    )) as unknown as Response
    // The dispatcher's bodyTimeout ends a stalled body; undici's Response, not the global one (see above).
    const readBody = () => readChunks(response.body)
    const discard = async () => {
      await response.body?.cancel().catch(() => undefined)
    }
    // The chunks go into the new Response as they came, so the body is copied once, by its reader;
    // undici's Response, not the global one (which would load Node's own undici as well).
    const build = (chunks: Uint8Array[] | null) =>
      new (UndiciResponse as unknown as typeof Response)(
        chunks &&
          new ReadableStream<Uint8Array>({
            start(controller) {
              for (const chunk of chunks) controller.enqueue(chunk)
              controller.close()
            },
          }),
        { status: response.status, statusText: response.statusText, headers: response.headers },
      )
    return { response, readBody, discard, build }
  }
}

/** Every chunk of a body stream, in order. */
async function readChunks(body: ReadableStream<Uint8Array> | null): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = []
  if (!body) return chunks
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return chunks
    chunks.push(value)
  }
}

/**
 * The response with its body read: a body that stalls fails here, where the error can name it.
 */
async function buffered({ response, readBody, discard, build }: Sent): Promise<HttpResponse> {
  if (NULL_BODY.has(response.status)) {
    await discard()
    return build(null)
  }
  return build(await readBody())
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
