// The OAuth app's token endpoint when a CSP host serves no OpenID discovery document: client
// credentials go to /csp/gateway/am/api/auth/authorize on the same origin, the path every public
// client posts them to (pyVMC, tanzu-cli, wavefront; csp-api.md §1.2, §10).
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { connect } from '../../src/auth/index.js'
import { clearDiscoveryCache } from '../../src/auth/exchange.js'
import { RecordingHost, Session } from '../../src/engine/index.js'

const seen: Array<{ method: string; url: string; authorization?: string }> = []
let server: Server
let url: string

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
const accessToken = () =>
  `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'app-id', context_name: 'org-1', exp: Math.floor(Date.now() / 1000) + 1800 })}.c2ln`

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    seen.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization })
    request.resume()
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    }
    if (request.method === 'POST' && request.url === '/csp/gateway/am/api/auth/authorize') {
      json(200, { access_token: accessToken(), token_type: 'bearer', expires_in: 1799, id_token: null })
    } else if (request.url?.startsWith('/csp/gateway/am/api/orgs/')) json(200, { displayName: 'Org One' })
    else json(404, { statusCode: 404, message: 'Not found', moduleCode: 340 })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  clearDiscoveryCache()
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

it('posts client credentials to /auth/authorize on the same host when discovery answers 404', async () => {
  const session = new Session({ host: new RecordingHost() })
  const connection = await connect(
    {
      server: url,
      appId: 'app-id',
      appSecret: 'app-secret-0123456789',
      orgId: 'org-1',
      credentialStore: 'memory',
    },
    session,
  )
  expect(connection.orgId).toBe('org-1')
  expect(seen.map((request) => `${request.method} ${request.url}`)).toEqual([
    'GET /csp/gateway/am/api/.well-known/openid-configuration',
    'POST /csp/gateway/am/api/auth/authorize',
    'GET /csp/gateway/am/api/orgs/org-1',
  ])
  const basic = seen[1].authorization!
  expect(Buffer.from(basic.replace(/^Basic /, ''), 'base64').toString()).toBe('app-id:app-secret-0123456789')
})
