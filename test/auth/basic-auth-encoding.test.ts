// Client credentials in HTTP Basic, encoded and decoded the same way on both sides: RFC 6749 section
// 2.3.1 has the client application/x-www-form-urlencode the id and the secret before base64, and the
// server decode them so. Before, the client sent them raw and the emulator percent-decoded them, so a
// secret with `%41` in it reached the emulator as `A` (401), and one with `+` or `:` could not match.
// The client is checked against a capturing server, the emulator with hand-built headers.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../src/auth/index.js'
import { clearDiscoveryCache, formEncode } from '../../src/auth/exchange.js'
import { startEmulator } from '../../src/emulator/index.js'
import { RecordingHost, Session } from '../../src/engine/index.js'

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
const accessToken = () =>
  `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'app', context_name: 'org-1', exp: Math.floor(Date.now() / 1000) + 1800 })}.c2ln`
const basic = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`
/** The id and secret a server gets back from a Basic header by form-decoding (RFC 6749 2.3.1). */
function decodeBasic(header: string): [string, string] {
  const pair = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8')
  const colon = pair.indexOf(':')
  const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '))
  return [decode(pair.slice(0, colon)), decode(pair.slice(colon + 1))]
}

describe('the client', () => {
  const seen: string[] = []
  let server: Server
  let url: string

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      request.resume()
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' })
        response.end(JSON.stringify(body))
      }
      if (request.method === 'POST' && request.url === '/csp/gateway/am/api/auth/authorize') {
        seen.push(request.headers.authorization ?? '')
        json(200, { access_token: accessToken(), token_type: 'bearer', expires_in: 1799, id_token: null })
      } else if (request.url?.startsWith('/csp/gateway/am/api/orgs/')) json(200, { displayName: 'Org One' })
      else json(404, { statusCode: 404, message: 'Not found' })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
  })

  async function headerFor(appId: string, appSecret: string): Promise<string> {
    clearDiscoveryCache()
    seen.length = 0
    const session = new Session({ host: new RecordingHost() })
    await connect({ server: url, appId, appSecret, orgId: 'org-1', credentialStore: 'memory' }, session)
    expect(seen).toHaveLength(1)
    return seen[0]
  }

  it.each([
    ['%, + and : in both', 'my app:1%', 'p%41ss+w:rd'],
    ['quotes, backslash, non-ASCII', 'app"\\ü', 'sé cret/?&='],
  ])(
    'form-encodes id and secret before base64 (%s), so a server decodes exactly them',
    async (_, id, secret) => {
      const header = await headerFor(id, secret)
      expect(header).toBe(basic(`${formEncode(id)}:${formEncode(secret)}`))
      expect(decodeBasic(header)).toEqual([id, secret])
    },
  )

  it('spells out the encoding: space +, % %25, + %2B, : %3A', async () => {
    expect(await headerFor('my app:2%', 'p%41ss+w:rd')).toBe(basic('my+app%3A2%25:p%2541ss%2Bw%3Ard'))
  })

  it('sends what CSP generates (letters, digits, -) byte for byte as clients that skip the encoding do', async () => {
    const header = await headerFor('demo-automation-abc123', 'Zq9-xY7wVb3')
    expect(header).toBe(basic('demo-automation-abc123:Zq9-xY7wVb3'))
  })
})

describe('the emulator', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'empty', quiet: true })
  })
  afterAll(async () => {
    await emulator.close()
  })

  async function authorize(authorization: string): Promise<number> {
    const response = await fetch(`${emulator.url}/csp/gateway/am/api/auth/authorize`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    })
    await response.arrayBuffer()
    return response.status
  }

  /** Every character as %XX: a valid (if unusual) form-encoding of the same value. */
  const everyByte = (value: string) =>
    [...Buffer.from(value)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')

  it('form-decodes the id and the secret: the same credentials, however they are encoded, are accepted', async () => {
    const { appId, appSecret } = emulator.credentials
    expect(await authorize(basic(`${appId}:${appSecret}`))).toBe(200)
    expect(await authorize(basic(`${formEncode(appId)}:${formEncode(appSecret)}`))).toBe(200)
    expect(await authorize(basic(`${everyByte(appId)}:${everyByte(appSecret)}`))).toBe(200)
  })

  it('does not take an encoded value for another: %41 is A, + is a space, and neither matches the secret', async () => {
    const { appId, appSecret } = emulator.credentials
    expect(await authorize(basic(`${appId}:${appSecret}%41`))).toBe(401)
    expect(await authorize(basic(`${appId}:${appSecret}+`))).toBe(401)
    expect(await authorize(basic(`${appId}:${appSecret}%zz`))).toBe(401)
  })
})
