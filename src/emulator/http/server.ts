// The request pipeline: route, count, delay, rate-limit, inject faults, handle, answer in CSP's
// error shape, log without secrets. Control API requests skip the limits and faults.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import type { EmulatorContext } from '../context.js'
import {
  CspHttpError,
  InternalServerError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  TooManyRequestsError,
} from '../errors.js'
import type { Route } from '../routes/route.js'
import { checkControlRequest, type ControlGuard } from './control-guard.js'
import { RequestContext, type Reply } from './request.js'
import { Router } from './router.js'
import type { Traffic } from './traffic.js'

/** Largest request body accepted (100 invitations with roles fit many times over). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024

const CONTROL_PREFIX = '/emulator/api'
const SECRET_PARAMETERS =
  /^(api_token|refresh_token|access_token|id_token|client_secret|code|passcode|tokenValue)$/i

/** The path and query of a URL with secret-bearing parameters replaced, for logs. */
export function redactUrl(url: URL): string {
  const query = new URLSearchParams(url.search)
  for (const key of [...query.keys()]) {
    if (SECRET_PARAMETERS.test(key)) query.set(key, '***')
  }
  const search = query.toString()
  return search === '' ? url.pathname : `${url.pathname}?${search}`
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

function send(response: ServerResponse, reply: Reply): void {
  if (response.headersSent || response.destroyed) return
  if (reply.body === undefined) {
    response.writeHead(reply.status, { ...reply.headers, 'content-length': '0' })
    response.end()
    return
  }
  const data = JSON.stringify(reply.body)
  response.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(data)),
    ...reply.headers,
  })
  response.end(data)
}

function errorReply(error: unknown, requestId: string): Reply {
  const failure = error instanceof CspHttpError ? error : new InternalServerError(undefined, { cause: error })
  failure.requestId = requestId
  return { status: failure.statusCode, body: failure.toJSON(), headers: failure.headers }
}

/** Drops the connection abruptly (a TCP reset where the socket allows it). */
function resetConnection(response: ServerResponse): void {
  const socket = response.socket
  if (!socket) return
  try {
    socket.resetAndDestroy()
  } catch {
    socket.destroy()
  }
}

/** Options of the request listener. */
export interface ListenerOptions {
  emulator: EmulatorContext
  traffic: Traffic
  cspRoutes: Route[]
  controlRoutes: Route[]
  /** Host/Origin checks and the token for the control API (control-guard.ts); default loopback only. */
  controlGuard?: ControlGuard
  log?: (line: string) => void
}

/** The `request` listener of the emulator's http(s) server. */
export function createRequestListener(
  options: ListenerOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const { emulator, traffic, log } = options
  const cspRouter = new Router(options.cspRoutes)
  const controlRouter = new Router(options.controlRoutes)

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<number | 'reset'> {
    const requestId = randomBytes(8).toString('hex')
    const method = request.method ?? 'GET'
    const url = new URL(request.url ?? '/', 'http://emulator.invalid')
    const control = url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)
    let resetAfter = false
    try {
      const body = await readBody(request)
      let route: Route
      let params: Record<string, string>
      if (control) {
        checkControlRequest(request.headers, options.controlGuard ?? { loopbackOnly: true })
        emulator.stats.control()
        ;({ route, params } = controlRouter.match(method, url.pathname))
      } else {
        try {
          ;({ route, params } = cspRouter.match(method, url.pathname))
        } catch (error) {
          emulator.stats.request(method, '(unknown route)')
          throw error
        }
        emulator.stats.request(method, route.path)
        if (emulator.config.latencyMs > 0) await sleep(emulator.config.latencyMs)
        const decision = traffic.decide(emulator.config, route.write === true, `${method} ${route.path}`)
        if (decision.action === 'limit') {
          emulator.stats.rateLimited()
          throw new TooManyRequestsError(decision.retryAfterSeconds)
        }
        if (decision.action === 'fault') {
          emulator.stats.fault(decision.kind)
          if (decision.kind === '500') throw new InternalServerError('Injected fault')
          if (decision.kind === '503') throw new ServiceUnavailableError()
          if (decision.kind === 'slow') await sleep(emulator.config.faults?.slowMs ?? 0)
          if (decision.kind === 'reset') {
            if (!decision.resetAfterProcessing) {
              resetConnection(response)
              return 'reset'
            }
            resetAfter = true
          }
        }
      }
      const context = new RequestContext(
        method,
        url.pathname,
        url.searchParams,
        request.headers,
        body,
        params,
        requestId,
      )
      const reply = await route.handle(context, emulator)
      if (resetAfter) {
        resetConnection(response)
        return 'reset'
      }
      send(response, reply)
      return reply.status
    } catch (error) {
      if (resetAfter) {
        // The write was attempted (and refused): the client still sees only a dropped connection.
        resetConnection(response)
        return 'reset'
      }
      const reply = errorReply(error, requestId)
      if (reply.status === 500 && !(error instanceof CspHttpError) && log) {
        log(`error ${requestId}: ${error instanceof Error ? error.message : String(error)}`)
      }
      send(response, reply)
      return reply.status
    }
  }

  return (request, response) => {
    const started = performance.now()
    void handle(request, response).then((status) => {
      const control = (request.url ?? '').startsWith(CONTROL_PREFIX)
      if (!control) emulator.stats.response(status)
      if (log) {
        const url = new URL(request.url ?? '/', 'http://emulator.invalid')
        log(`${request.method} ${redactUrl(url)} ${status} ${Math.round(performance.now() - started)}ms`)
      }
    })
  }
}
