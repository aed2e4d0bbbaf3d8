// Test helpers: a tiny CSP client over real HTTP (fetch), so tests read like the requests real
// clients send. Deliberately independent of src/csp: the emulator is checked against the document.
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js'
import type { EmulatorOptions } from '../../src/emulator/types.js'

export const AM = '/csp/gateway/am/api'

/** A response with its parsed JSON body (undefined when empty). */
export interface Answer<T = any> {
  status: number
  headers: Headers
  body: T
  text: string
}

/** Starts a quiet emulator on a free loopback port. */
export function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, quiet: true, ...options })
}

/** Sends a request and parses the answer. */
export async function call<T = any>(
  emulator: RunningEmulator,
  method: string,
  path: string,
  options: {
    token?: string
    json?: unknown
    form?: Record<string, string>
    /** A body sent as is. */
    raw?: string
    headers?: Record<string, string>
  } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers['csp-auth-token'] = options.token
  let body: string | undefined = options.raw
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.json)
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(options.form).toString()
  }
  const response = await fetch(`${emulator.url}${path}`, { method, headers, body })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
    text,
  }
}

/** Exchanges an API token for an access token. */
export async function accessToken(emulator: RunningEmulator, apiToken: string): Promise<string> {
  const answer = await call(emulator, 'POST', `${AM}/auth/api-tokens/authorize`, {
    form: { api_token: apiToken },
  })
  if (answer.status !== 200) throw new Error(`token exchange failed: ${answer.status} ${answer.text}`)
  return answer.body.access_token
}

/** Access tokens for every seeded credential. */
export async function tokens(emulator: RunningEmulator) {
  const { credentials } = emulator
  const app = await call(emulator, 'POST', `${AM}/auth/authorize`, {
    form: { grant_type: 'client_credentials' },
    headers: {
      authorization: `Basic ${Buffer.from(`${credentials.appId}:${credentials.appSecret}`).toString('base64')}`,
    },
  })
  return {
    owner: await accessToken(emulator, credentials.apiToken),
    admin: await accessToken(emulator, credentials.adminApiToken),
    member: await accessToken(emulator, credentials.memberApiToken),
    other: await accessToken(emulator, credentials.otherOrgApiToken),
    app: app.body.access_token as string,
  }
}

/** A control API call. */
export function control<T = any>(emulator: RunningEmulator, method: string, path: string, json?: unknown) {
  return call<T>(emulator, method, `/emulator/api/${path}`, json === undefined ? {} : { json })
}

/** Every user of the main org, all pages. */
export async function allUsers(emulator: RunningEmulator, token: string): Promise<any[]> {
  const users: any[] = []
  let path: string | undefined = `${AM}/v2/orgs/${emulator.orgId}/users?pageLimit=200`
  while (path) {
    const answer: Answer = await call(emulator, 'GET', path, { token })
    if (answer.status !== 200) throw new Error(`list failed: ${answer.status}`)
    users.push(...answer.body.results)
    path = answer.body.nextLink
  }
  return users
}

/** Decodes a JWT part without verifying it. */
export function decodeJwt(token: string): { header: any; claims: any } {
  const [header, claims] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')))
  return { header, claims }
}
