// Who may use the control API (/emulator/api/: reseed, reset, config, accounts). It has no CSP auth
// by design, so a web page the developer visits must not reach it: a request whose Host is not a
// loopback name (DNS rebinding) or whose Origin is another site is refused; and when the emulator is
// bound to a non-loopback address, every control request must carry the control token it printed.
import type { IncomingHttpHeaders } from 'node:http'
import { isIP } from 'node:net'
import { timingSafeEqual } from 'node:crypto'
import { ForbiddenError, UnauthorizedError } from '../errors.js'

/** How the control API is guarded; `token` is required only when bound beyond loopback. */
export interface ControlGuard {
  loopbackOnly: boolean
  token?: string
}

/** True for 127.0.0.0/8, ::1, localhost and *.localhost. */
export function isLoopbackName(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (isIP(host) === 4) return host.startsWith('127.')
  return host === '::1'
}

function hostnameOf(value: string | undefined, withScheme: boolean): string | undefined {
  if (!value) return undefined
  try {
    return new URL(withScheme ? value : `http://${value}`).hostname
  } catch {
    return ''
  }
}

/** Throws 403 (or 401 without the token) when a control request must not be served. */
export function checkControlRequest(headers: IncomingHttpHeaders, guard: ControlGuard): void {
  const origin = headers.origin
  if (headers['sec-fetch-site'] === 'cross-site' || (origin !== undefined && !sameSite(origin, guard))) {
    throw new ForbiddenError('The control API does not accept cross-site requests')
  }
  if (guard.loopbackOnly) {
    const host = hostnameOf(headers.host, false)
    if (host === undefined || !isLoopbackName(host)) {
      throw new ForbiddenError('The control API answers only requests addressed to a loopback host name')
    }
    return
  }
  const given = headers['x-emulator-token']
  if (!guard.token || typeof given !== 'string' || !same(given, guard.token)) {
    throw new UnauthorizedError(
      'The control API needs the control token (X-Emulator-Token) when the emulator listens beyond loopback',
    )
  }
}

/** An Origin on a loopback host (any origin, when bound beyond loopback: the token guards then). */
function sameSite(origin: string, guard: ControlGuard): boolean {
  const host = hostnameOf(origin, true)
  return host !== undefined && host !== '' && (isLoopbackName(host) || !guard.loopbackOnly)
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
