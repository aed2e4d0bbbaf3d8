// The transport of every connection that goes through no proxy: Node's own http/https modules.
// Node's global fetch (and even its Headers or Response classes) loads Node's internal copy of undici
// on first use, ~40 ms of CPU before the first request of a one-shot command or a script; node:http
// is part of Node's start-up snapshot. It also takes the connection's CA, certificate check and
// connect timeout directly, so only a proxy needs the undici package (http.ts).
import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http'
import pkg from '../../package.json' with { type: 'json' }
import type { HttpTimeouts } from './http-policy.js'
import type { TlsOptions } from './types.js'

/** The part of a fetch Response vcs-shell reads: what every transport hands back. */
export interface HttpResponse {
  readonly status: number
  readonly statusText: string
  readonly ok: boolean
  /** The URL answered (after redirects). */
  readonly url: string
  readonly headers: { get(name: string): string | null }
  text(): Promise<string>
  json(): Promise<unknown>
}

/** The request options vcs-shell sends: a subset of fetch's RequestInit. */
export interface HttpRequestInit {
  method?: string
  /** A plain object, [name, value] pairs or a Headers-like object (openid-client passes Headers). */
  headers?: RequestInit['headers']
  /** A string, URLSearchParams (openid-client's form bodies) or bytes. */
  body?: RequestInit['body']
  redirect?: RequestInit['redirect']
  signal?: AbortSignal | null
}

/** A connection's fetch: fetch's calling convention, a {@link HttpResponse} back. */
export type ConnectionFetch = (input: string | URL, init?: HttpRequestInit) => Promise<HttpResponse>

/** What a sender hands back: the head of the answer, and how to read or drop its body. */
export interface Sent {
  readonly response: Pick<HttpResponse, 'status' | 'headers'>
  /** The body's chunks, read to the end; a silence longer than the idle timeout rejects. */
  readBody(): Promise<Uint8Array[]>
  /** Drops the body unread (a redirect, a null-body status) and lets go of the caller's signal. */
  discard(): Promise<void>
  /** The response handed to the caller, with the body read (null for a null-body status). */
  build(chunks: Uint8Array[] | null): HttpResponse
}

export type Sender = (url: URL, init: HttpRequestInit) => Promise<Sent>

/**
 * How long a kept-alive socket may sit unused (undici's default): a server's shorter `Keep-Alive:
 * timeout` hint wins, less a second, so a request is not sent on a socket the server is closing.
 */
const IDLE_SOCKET_MS = 4_000

/** An error carrying one of undici's timeout codes, so every transport reports timeouts alike. */
function timeoutCode(
  code: 'UND_ERR_CONNECT_TIMEOUT' | 'UND_ERR_HEADERS_TIMEOUT' | 'UND_ERR_BODY_TIMEOUT',
): Error {
  return Object.assign(new Error(code), { code })
}

/** A finished answer: status, headers and the whole (decoded) body. */
class BufferedResponse implements HttpResponse {
  readonly ok: boolean
  readonly headers: { get(name: string): string | null }
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly url: string,
    private readonly raw: IncomingMessage['headers'],
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status <= 299
    this.headers = { get: (name) => headerValue(this.raw, name) }
  }

  // TextDecoder drops a leading byte-order mark, as fetch's text() does.
  text(): Promise<string> {
    return Promise.resolve(new TextDecoder().decode(this.body))
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown
  }
}

function headerValue(headers: IncomingMessage['headers'], name: string): string | null {
  const value = headers[name.toLowerCase()]
  if (value === undefined) return null
  return Array.isArray(value) ? value.join(', ') : value
}

/** The request's headers as a plain object, whichever of fetch's forms they came in. */
export function plainHeaders(headers: HttpRequestInit['headers']): Record<string, string> {
  const plain: Record<string, string> = {}
  if (!headers) return plain
  if (Array.isArray(headers)) {
    for (const [name, value] of headers) plain[name.toLowerCase()] = value
  } else if (typeof (headers as { forEach?: unknown }).forEach === 'function') {
    // A Headers object (checked by shape: naming the global class would load fetch).
    ;(headers as Headers).forEach((value, name) => (plain[name] = value))
  } else {
    for (const [name, value] of Object.entries(headers as Record<string, string>))
      plain[name.toLowerCase()] = value
  }
  return plain
}

function requestBody(body: HttpRequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string' || body instanceof Uint8Array) return body
  if (body instanceof URLSearchParams) return body.toString()
  throw new TypeError('a connection sends only string, URLSearchParams or byte bodies')
}

/** Statuses whose answer has no body (fetch spec's null-body statuses). */
export const NULL_BODY = new Set([101, 204, 205, 304])

/** Who is asking: CSP's logs and a WAF see vcs-shell (Node's fetch sent `node`). */
export const USER_AGENT = `vcs-shell/${pkg.version} node/${process.versions.node}`

/** The codings asked for, as fetch asks (zlib loads on the first coded answer). */
const ACCEPT_ENCODING = 'gzip, deflate'

/** A body whose content coding cannot be undone: the server answered, but not readably. */
export const DECODING_FAILED = 'VCS_CONTENT_DECODING_FAILED'

type Inflate = (body: Buffer, done: (error: Error | null, result: Buffer) => void) => void

/** The zlib function that undoes one coding, as fetch undoes it; undefined for one it does not know. */
function inflaterFor(coding: string, body: Buffer): Inflate | undefined {
  const zlib = process.getBuiltinModule('node:zlib')
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzip
    case 'deflate':
      // Some servers send raw deflate under this name; fetch (undici) tells them apart by the header.
      return (body[0]! & 0x0f) === 0x08 ? zlib.inflate : zlib.inflateRaw
    case 'br':
      return zlib.brotliDecompress
    default:
      return undefined
  }
}

/**
 * Undoes the body's content codings, last applied first (`Content-Encoding: gzip, br`). An empty body
 * stays empty (a 201 with a gzip header and nothing in it), as with fetch; a coding not known leaves
 * the body as it came; one that fails to decode is an error with the {@link DECODING_FAILED} code.
 */
async function decodeBody(body: Buffer, contentEncoding: string | null): Promise<Buffer> {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
  let decoded = body
  for (const coding of codings.reverse()) {
    if (decoded.length === 0) return decoded
    const inflate = inflaterFor(coding, decoded)
    if (!inflate) return decoded
    decoded = await new Promise<Buffer>((resolve, reject) =>
      inflate(decoded, (error, result) =>
        error
          ? reject(Object.assign(new Error(`${coding}: ${error.message}`), { code: DECODING_FAILED }))
          : resolve(result),
      ),
    )
  }
  return decoded
}

/**
 * Sends with node:http / node:https over one keep-alive agent per scheme. Timeouts as undici keeps
 * them, with its error codes: connect (until the socket, and for https the TLS session, is up),
 * response (from the request sent until the headers are in) and idle body (restarted by every chunk).
 * A caller's abort rejects with the caller's reason, as fetch does.
 */
export function nodeSender(tls: TlsOptions, timeouts: HttpTimeouts, ca: string[] | undefined): Sender {
  const agents: { http?: Agent; https?: Agent } = {}
  const agentFor = (secure: boolean): Agent => {
    if (secure) {
      const https = process.getBuiltinModule('node:https')
      return (agents.https ??= new https.Agent({
        keepAlive: true,
        ...(ca ? { ca } : {}),
        rejectUnauthorized: tls.skipCertificateCheck !== true,
        timeout: IDLE_SOCKET_MS,
      }))
    }
    return (agents.http ??= new (process.getBuiltinModule('node:http').Agent)({
      keepAlive: true,
      timeout: IDLE_SOCKET_MS,
    }))
  }
  return (url, init) =>
    new Promise<Sent>((resolve, reject) => {
      const caller = init.signal ?? undefined
      if (caller?.aborted) return reject(caller.reason)
      const secure = url.protocol === 'https:'
      const body = requestBody(init.body)
      const headers = plainHeaders(init.headers)
      headers['accept-encoding'] ??= ACCEPT_ENCODING
      headers['user-agent'] ??= USER_AGENT
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body))
      const options: RequestOptions = { method: init.method ?? 'GET', headers, agent: agentFor(secure) }
      const request: ClientRequest = process
        .getBuiltinModule(secure ? 'node:https' : 'node:http')
        .request(url, options)
      let answered: IncomingMessage | undefined
      /** Where a failure goes: the pending send, then the body read; kept if neither is waiting. */
      let failure: { error: unknown } | undefined
      let failed: (error: unknown) => void = reject
      const timers = new Set<NodeJS.Timeout>()
      const stop = (timer: NodeJS.Timeout | undefined) => {
        if (timer) {
          clearTimeout(timer)
          timers.delete(timer)
        }
      }
      const after = (ms: number, error: () => Error) => {
        const timer = setTimeout(() => fail(error()), ms)
        timers.add(timer)
        return timer
      }
      const release = () => {
        for (const timer of timers) clearTimeout(timer)
        timers.clear()
        caller?.removeEventListener('abort', onAbort)
      }
      const fail = (error: unknown) => {
        if (failure) return
        failure = { error }
        release()
        request.destroy()
        answered?.destroy()
        failed(error)
      }
      const onAbort = () => fail(caller?.reason)
      caller?.addEventListener('abort', onAbort, { once: true })
      request.on('error', fail)
      // The response timeout runs once the connection is up (as undici's): a host that cannot be
      // reached is a connect timeout even when both limits are equal (VCS_HTTP_TIMEOUT of 10 s or less).
      let headersTimer: NodeJS.Timeout | undefined
      const awaitHeaders = () => {
        headersTimer = after(timeouts.headersMs, () => timeoutCode('UND_ERR_HEADERS_TIMEOUT'))
      }
      request.on('socket', (socket) => {
        if (!socket.connecting) return awaitHeaders()
        const connectTimer = after(timeouts.connectMs, () => timeoutCode('UND_ERR_CONNECT_TIMEOUT'))
        socket.once(secure ? 'secureConnect' : 'connect', () => {
          stop(connectTimer)
          awaitHeaders()
        })
      })
      request.on('response', (response) => {
        answered = response
        stop(headersTimer)
        failed = () => undefined
        response.on('error', fail)
        const head = {
          status: response.statusCode ?? 0,
          headers: { get: (name: string) => headerValue(response.headers, name) },
        }
        const readBody = () =>
          new Promise<Uint8Array[]>((done, bodyFailed) => {
            if (failure) return bodyFailed(failure.error)
            failed = bodyFailed
            const chunks: Uint8Array[] = []
            const idle = after(timeouts.bodyIdleMs, () => timeoutCode('UND_ERR_BODY_TIMEOUT'))
            response.on('data', (chunk: Buffer) => {
              chunks.push(chunk)
              idle.refresh()
            })
            response.on('end', () => {
              release()
              failure = { error: new Error('the body was read already') }
              done(chunks)
            })
          })
        // A body not wanted (a redirect's) goes with its socket: draining it could wait on a server
        // that never sends the rest, with no timer left to stop it.
        const discard = async () => {
          release()
          if (NULL_BODY.has(head.status)) response.resume()
          else response.destroy()
        }
        const build = (chunks: Uint8Array[] | null) =>
          new BufferedResponse(
            head.status,
            response.statusMessage ?? '',
            url.href,
            response.headers,
            chunks ? Buffer.concat(chunks) : Buffer.alloc(0),
          )
        resolve({ response: head, readBody, discard, build })
      })
      request.end(body)
    }).then((sent) => {
      // Undo the content codings once the body is in: the idle timeout watched the coded bytes.
      const contentEncoding = sent.response.headers.get('content-encoding')
      if (!contentEncoding) return sent
      return {
        ...sent,
        readBody: async () => [await decodeBody(Buffer.concat(await sent.readBody()), contentEncoding)],
      }
    })
}
