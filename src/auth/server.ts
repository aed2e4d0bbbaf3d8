// Turns what a user types after -Server into a base URL, and refuses plain http to anything but this
// machine before a single byte is sent: a token sent in clear over the network is a leaked token.
import { UsageError } from '../engine/index.js'

/** The default CSP server, as in PowerCLI. */
export const DEFAULT_SERVER = 'console.cloud.vmware.com'

/** A validated server address. */
export interface ServerAddress {
  /** `https://host[:port]` or `http://loopback[:port]`, no trailing slash, no path. */
  baseUrl: string
  /** `host[:port]` as shown to users. */
  server: string
  /** True for 127.0.0.0/8, ::1 and localhost. */
  loopback: boolean
  /** True when the scheme is https. */
  secure: boolean
}

/** True for addresses that never leave this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  // node:net on demand: loading it costs every command a few milliseconds at start-up.
  const { isIP } = process.getBuiltinModule('node:net')
  if (isIP(host) === 4) return host.startsWith('127.')
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1'
  return false
}

/**
 * Parses `-Server`: a bare host (`console.cloud.vmware.com`, `host:8443`) means https; a URL may be
 * https anywhere or http to loopback only. Anything else is a UsageError (exit 2).
 */
export function parseServer(input: string | undefined): ServerAddress {
  const text = (input ?? DEFAULT_SERVER).trim()
  if (!text) throw new UsageError('InvalidParameterValue', 'The server name is empty.', { target: input })
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
  let url: URL
  try {
    url = new URL(hasScheme ? text : `https://${text}`)
  } catch {
    throw new UsageError('InvalidParameterValue', `"${text}" is not a valid server name or URL.`, {
      target: text,
      hint: 'Give a host name such as console.cloud.vmware.com, or a URL such as https://host:8443.',
    })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(
      'InvalidParameterValue',
      `"${text}": only https (or http to loopback addresses) is supported.`,
      { target: text },
    )
  }
  if (url.username || url.password) {
    throw new UsageError('InvalidParameterValue', 'The server URL must not carry a user name or password.', {
      target: url.host,
    })
  }
  if (url.pathname !== '/' && url.pathname !== '' && !/^\/csp\/?$/.test(url.pathname)) {
    throw new UsageError('InvalidParameterValue', `"${text}": give the server without a path.`, {
      target: text,
    })
  }
  const loopback = isLoopbackHost(url.hostname)
  if (url.protocol === 'http:' && !loopback) {
    throw new UsageError(
      'InvalidParameterValue',
      `"${text}": plain http is only allowed to loopback addresses (127.0.0.1, ::1, localhost).`,
      { target: text, hint: `Use https://${url.host}.` },
    )
  }
  return {
    baseUrl: `${url.protocol}//${url.host}`,
    server: url.host,
    loopback,
    secure: url.protocol === 'https:',
  }
}

/** Resolves a host name to its addresses (node:dns lookup, all families). */
export type HostLookup = (host: string) => Promise<{ address: string }[]>

const systemLookup: HostLookup = async (host) => {
  const { lookup } = await import('node:dns/promises')
  return lookup(host, { all: true })
}

/**
 * `localhost` and `*.localhost` count as loopback (plain http allowed), but they are resolved like
 * any name, by DNS or /etc/hosts that someone else may control: before a plain-http request, check
 * that every address they resolve to is loopback (RFC 6761 6.3). Literal addresses need no lookup.
 */
export async function checkLoopbackName(
  address: ServerAddress,
  lookup: HostLookup = systemLookup,
): Promise<void> {
  const host = new URL(address.baseUrl).hostname.toLowerCase()
  if (!address.loopback || address.secure || (host !== 'localhost' && !host.endsWith('.localhost'))) return
  let addresses: { address: string }[]
  try {
    addresses = await lookup(host)
  } catch {
    return // Unresolvable: the request fails with "host not found", naming it.
  }
  const outside = addresses.find(({ address: ip }) => !isLoopbackHost(ip))
  if (outside) {
    throw new UsageError(
      'InvalidParameterValue',
      `${address.server} resolves to ${outside.address}, not a loopback address: plain http to it is refused.`,
      { target: address.server, hint: 'Use http://127.0.0.1:PORT, or https.' },
    )
  }
}
