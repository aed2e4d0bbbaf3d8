// The one transport policy every request follows, against real servers on loopback: redirects never
// carry a credential to another host (nor the token exchange anywhere), a server that accepts and
// never answers ends in a one-line timeout error naming it, auth's follow-up calls get the CSP
// client's retries, and HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured for every request.
import { afterEach, describe, expect, it } from 'vitest'
import { connect } from '../../src/auth/index.js'
import { httpTimeouts, redirectTarget } from '../../src/auth/http-policy.js'
import { startEmulator } from '../../src/emulator/index.js'
import { RecordingHost, RemoteError, Session, UsageError } from '../../src/engine/index.js'
import {
  startConnectProxy,
  startCspStandIn,
  startSilentServer,
  fakeAccessToken,
  tokenAnswer,
  type Loopback,
  type Script,
} from './loopback-servers.js'

const API_TOKEN = 'transport-test-api-token-0123456789'
const ORG_PATH = '/csp/gateway/am/api/orgs/org-1'
const open: Loopback[] = []
const track = <T extends Loopback>(server: T): T => (open.push(server), server)
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()))
})

const session = () => new Session({ host: new RecordingHost() })
const standIn = async (script: Script) => track(await startCspStandIn(script))
/** A second server on another loopback address: another host as far as any URL is concerned. */
const otherHost = async () => track(await startCspStandIn(() => ({ status: 200, body: {} }), '127.0.0.2'))
const hostOf = (server: Loopback) => new URL(server.url).host
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

describe('redirects', () => {
  it('never sends the API token of the exchange to another host, and names both hosts', async () => {
    const target = await otherHost()
    const server = await standIn(() => ({ status: 307, headers: { location: `${target.url}/steal` } }))
    const attempt = connect({ server: server.url, apiToken: API_TOKEN, credentialStore: 'Memory' }, session())
    await expect(attempt).rejects.toBeInstanceOf(RemoteError)
    await expect(attempt).rejects.toMatchObject({
      message: expect.stringMatching(
        new RegExp(`^${escaped(hostOf(server))} redirected the request to ${escaped(hostOf(target))};`),
      ),
    })
    expect(target.seen).toHaveLength(0)
    // Not taken for a transient failure: asked once.
    expect(server.seen).toHaveLength(1)
  })

  it('never follows a redirect of the token exchange, even on the same host', async () => {
    const server = await standIn((request) =>
      request.url.endsWith('/authorize')
        ? { status: 308, headers: { location: '/elsewhere' } }
        : { status: 200, body: {} },
    )
    const attempt = connect({ server: server.url, apiToken: API_TOKEN, credentialStore: 'Memory' }, session())
    await expect(attempt).rejects.toMatchObject({ message: expect.stringMatching(/never follow redirects/) })
    expect(server.seen.map((request) => request.url)).toEqual([
      '/csp/gateway/am/api/auth/api-tokens/authorize',
    ])
  })

  it('never sends the access token or the API token of a follow-up call to another host', async () => {
    const target = await otherHost()
    const server = await standIn(
      (request) =>
        tokenAnswer(request) ?? { status: 307, headers: { location: `${target.url}${request.url}` } },
    )
    const connection = await connect(
      { server: server.url, apiToken: API_TOKEN, credentialStore: 'Memory' },
      session(),
    )
    expect(connection.orgName).toBeUndefined()
    await expect(connection.fetchOrgName()).rejects.toMatchObject({
      message: expect.stringContaining(`redirected the request to ${hostOf(target)}`),
    })
    await expect(connection.apiTokenDetails()).rejects.toMatchObject({
      message: expect.stringContaining(`redirected the request to ${hostOf(target)}`),
    })
    expect(target.seen).toHaveLength(0)
  })

  it('follows a redirect that stays on the same origin', async () => {
    const server = await standIn((request) =>
      request.url === ORG_PATH
        ? { status: 302, headers: { location: '/csp/gateway/am/api/orgs/moved' } }
        : (tokenAnswer(request) ?? { status: 200, body: { displayName: 'Moved Org' } }),
    )
    const connection = await connect(
      { server: server.url, apiToken: API_TOKEN, credentialStore: 'Memory' },
      session(),
    )
    expect(connection.orgName).toBe('Moved Org')
  })

  it('refuses https → http on the same host as a scheme change', () => {
    expect(() =>
      redirectTarget(new URL('https://csp.example/a'), 'http://csp.example/b', true, 0, 307),
    ).toThrow(
      /^csp\.example redirected the request to http:\/\/csp\.example \(plain http\); .*no credential was sent there\.$/,
    )
  })
})

describe('timeouts', () => {
  it('ends the token exchange against a server that never answers with a one-line error naming it', async () => {
    const silent = track(await startSilentServer())
    const attempt = connect(
      { server: silent.url, apiToken: API_TOKEN, credentialStore: 'Memory', timeoutSec: 0.3 },
      session(),
    )
    await expect(attempt).rejects.toMatchObject({
      code: 'Timeout',
      message: `${hostOf(silent)} accepted the request but did not answer within 0.3 s (response timeout).`,
    })
  })

  it('takes the timeout from VCS_HTTP_TIMEOUT', async () => {
    const silent = track(await startSilentServer())
    const attempt = connect(
      {
        server: silent.url,
        apiToken: API_TOKEN,
        credentialStore: 'Memory',
        env: { VCS_HTTP_TIMEOUT: '0.2' },
      },
      session(),
    )
    await expect(attempt).rejects.toMatchObject({
      code: 'Timeout',
      message: expect.stringMatching(/within 0\.2 s/),
    })
  })

  it('ends a follow-up call whose answer stalls mid-body, without retrying it', async () => {
    const server = await standIn((request, response) => {
      const token = tokenAnswer(request)
      if (token) return token
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{"displayName":')
      return 'hang'
    })
    const connection = await connect(
      { server: server.url, apiToken: API_TOKEN, credentialStore: 'Memory', timeoutSec: 0.3 },
      session(),
    )
    await expect(connection.fetchOrgName()).rejects.toMatchObject({
      code: 'Timeout',
      message: `${hostOf(server)} stopped sending its answer for 0.3 s (idle-body timeout).`,
    })
    expect(server.seen.filter((request) => request.url === ORG_PATH)).toHaveLength(2) // connect's, then ours
  })

  it('refuses a timeout that is not a positive number before sending anything', () => {
    expect(() => httpTimeouts({ VCS_HTTP_TIMEOUT: 'soon' })).toThrow(UsageError)
    expect(() => httpTimeouts({ VCS_HTTP_TIMEOUT: '-1' })).toThrow(/not a positive number of seconds/)
    expect(httpTimeouts({})).toEqual({ connectMs: 10_000, headersMs: 60_000, bodyIdleMs: 60_000 })
  })
})

describe("auth's follow-up calls use the CSP client's policy", () => {
  it('retries the org lookup after a 503 and a 429', async () => {
    let lookups = 0
    const server = await standIn((request) => {
      const token = tokenAnswer(request)
      if (token) return token
      lookups++
      if (lookups === 1) return { status: 503, body: { message: 'busy' } }
      if (lookups === 2) return { status: 429, headers: { 'retry-after': '0' }, body: {} }
      return { status: 200, body: { displayName: 'Patient Org' } }
    })
    const connection = await connect(
      { server: server.url, apiToken: API_TOKEN, credentialStore: 'Memory' },
      session(),
    )
    expect(connection.orgName).toBe('Patient Org')
    expect(lookups).toBe(3)
    // The client's header, not a second dialect beside it.
    expect(server.seen.at(-1)!.headers.authorization).toMatch(/^Bearer ey/)
  })
})

describe('proxies', () => {
  /** Requests the proxy saw inside its tunnels (plain http targets only). */
  const proxiedRequests = (proxy: Awaited<ReturnType<typeof startConnectProxy>>) => proxy.requests.length

  it('sends every request through HTTP_PROXY, and none for NO_PROXY hosts', async () => {
    const proxy = track(await startConnectProxy())
    const server = await standIn(
      (request) => tokenAnswer(request) ?? { status: 200, body: { displayName: 'Org' } },
    )
    const env = { HTTP_PROXY: proxy.url }
    const connection = await connect(
      { server: server.url, apiToken: API_TOKEN, credentialStore: 'Memory', env },
      session(),
    )
    await connection.apiTokenDetails()
    expect(server.seen).toHaveLength(3)
    expect(proxiedRequests(proxy)).toBe(server.seen.length)
    expect(new Set(proxy.tunnels)).toEqual(new Set([hostOf(server)]))

    const direct = await standIn(
      (request) => tokenAnswer(request) ?? { status: 200, body: { displayName: 'Org' } },
    )
    await connect(
      {
        server: direct.url,
        apiToken: API_TOKEN,
        credentialStore: 'Memory',
        env: { ...env, NO_PROXY: '127.0.0.1' },
      },
      session(),
    )
    expect(direct.seen).toHaveLength(2)
    expect(proxy.tunnels.filter((tunnel) => tunnel === hostOf(direct))).toHaveLength(0)
  })

  it('tunnels https through HTTPS_PROXY and still verifies the server', async () => {
    const secure = await startEmulator({ port: 0, seed: 'demo', tls: true, quiet: true })
    try {
      const proxy = track(await startConnectProxy())
      const connection = await connect(
        {
          server: secure.url,
          apiToken: secure.credentials.apiToken,
          caFile: secure.caFile,
          credentialStore: 'Memory',
          env: { HTTPS_PROXY: proxy.url },
        },
        session(),
      )
      expect(connection.orgName).toBe('Demo Org')
      expect(proxy.tunnels).toContain(new URL(secure.url).host)
      const untrusted = connect(
        {
          server: secure.url,
          apiToken: secure.credentials.memberApiToken,
          credentialStore: 'Memory',
          env: { HTTPS_PROXY: proxy.url },
        },
        session(),
      )
      await expect(untrusted).rejects.toMatchObject({ message: expect.stringMatching(/not trusted/) })
    } finally {
      await secure.close()
    }
  })
})

describe('OAuth discovery is pinned to the configured host', () => {
  // Discovery is kept, but it never decides where the app secret goes: a token endpoint on another
  // host (or plain http, or none at all) falls back to /csp/gateway/am/api/auth/authorize on the
  // connected host, where every public client posts client credentials (csp-api.md §1.2, §10).
  const DISCOVERY = '/csp/gateway/am/api/.well-known/openid-configuration'
  const FALLBACK = '/csp/gateway/am/api/auth/authorize'
  const tokenService = async () =>
    track(
      await startCspStandIn(
        () => ({
          status: 200,
          body: { access_token: fakeAccessToken(), token_type: 'bearer', expires_in: 1799 },
        }),
        '127.0.0.2',
      ),
    )
  const discoveryNaming = (tokenEndpoint: unknown, fallbackStatus = 200) =>
    standIn((request) => {
      if (request.url === DISCOVERY)
        return {
          status: 200,
          body: { issuer: 'https://gaz.csp-vidm-prod.com', token_endpoint: tokenEndpoint },
        }
      if (request.method === 'POST' && request.url === FALLBACK)
        return fallbackStatus === 200
          ? {
              status: 200,
              body: { access_token: fakeAccessToken(), token_type: 'bearer', expires_in: 1799 },
            }
          : { status: fallbackStatus, body: { message: 'invalid_client' } }
      return { status: 200, body: { displayName: 'Org' } }
    })
  const discoveryPointingTo = (tokens: Loopback) => discoveryNaming(`${tokens.url}${FALLBACK}`)
  const app = {
    appId: 'app-id',
    appSecret: 'app-secret-pinned-0123',
    orgId: 'org-1',
    credentialStore: 'Memory' as const,
  }
  const basicOf = (server: Loopback) => {
    const post = server.seen.find((request) => request.method === 'POST' && request.url === FALLBACK)
    const header = String(post?.headers.authorization ?? '')
    return Buffer.from(header.replace(/^Basic /, ''), 'base64').toString()
  }

  it('sends the app secret to /auth/authorize on the connected host when discovery names another host', async () => {
    const tokens = await tokenService()
    const server = await discoveryPointingTo(tokens)
    const connection = await connect({ server: server.url, ...app }, session())
    expect(connection.orgId).toBe('org-1')
    expect(tokens.seen).toHaveLength(0)
    expect(server.seen.map((request) => `${request.method} ${request.url}`).slice(0, 2)).toEqual([
      `GET ${DISCOVERY}`,
      `POST ${FALLBACK}`,
    ])
    expect(basicOf(server)).toBe('app-id:app-secret-pinned-0123')
  })

  it('says where discovery pointed when the connected host refuses the fallback', async () => {
    const tokens = await tokenService()
    const server = await discoveryNaming(`${tokens.url}${FALLBACK}`, 401)
    const attempt = connect({ server: server.url, ...app }, session())
    await expect(attempt).rejects.toMatchObject({
      code: 'AuthenticationFailed',
      message: `The OAuth app credentials were refused by ${hostOf(server)}: invalid_client`,
      hint: `Its OpenID configuration names the token endpoint ${tokens.url}${FALLBACK}, which was not used: the app secret went to ${hostOf(server)}${FALLBACK} instead. If ${hostOf(tokens)} is CSP's own token service, allow it with VCS_ALLOW_TOKEN_HOST=${hostOf(tokens)}.`,
    })
    expect(tokens.seen).toHaveLength(0)
  })

  it.each([
    ['no token endpoint', undefined],
    ['a token endpoint that is no URL', 'not a url'],
  ])('falls back to the connected host when discovery names %s', async (_case, endpoint) => {
    const server = await discoveryNaming(endpoint)
    const connection = await connect({ server: server.url, ...app }, session())
    expect(connection.orgId).toBe('org-1')
    expect(basicOf(server)).toBe('app-id:app-secret-pinned-0123')
  })

  it('uses it when VCS_ALLOW_TOKEN_HOST names it', async () => {
    const tokens = await tokenService()
    const server = await discoveryPointingTo(tokens)
    const connection = await connect(
      { server: server.url, ...app, env: { VCS_ALLOW_TOKEN_HOST: hostOf(tokens) } },
      session(),
    )
    expect(connection.orgId).toBe('org-1')
    expect(tokens.seen).toHaveLength(1)
  })
})
