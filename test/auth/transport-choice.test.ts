// The two transports of a connection's fetch (Node's own fetch where it can keep the policy, the
// undici package's otherwise) against real loopback servers: which one a connection gets, and that
// both end a silent server or a stalled body with the same one-line timeout errors, pass a caller's
// abort through as an abort, and hand back the whole body.
import { getEventListeners } from 'node:events'
import { afterEach, describe, expect, it } from 'vitest'
import { chooseTransport, createConnectionFetch, type Transport } from '../../src/auth/http.js'
import { DEFAULT_HTTP_TIMEOUTS, httpTimeouts } from '../../src/auth/http-policy.js'
import { RemoteError } from '../../src/engine/index.js'
import { startCspStandIn, startSilentServer, type Loopback } from './loopback-servers.js'

const open: Loopback[] = []
const track = <T extends Loopback>(server: T): T => (open.push(server), server)
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()))
})

const SHORT = { connectMs: 10_000, headersMs: 300, bodyIdleMs: 300 }

describe('which transport a connection gets', () => {
  it("takes Node's own fetch only when it can keep the TLS, proxy and connect-timeout settings", () => {
    expect(chooseTransport({}, DEFAULT_HTTP_TIMEOUTS, {})).toBe('builtin')
    expect(chooseTransport({}, httpTimeouts({ VCS_HTTP_TIMEOUT: '30' }), {})).toBe('builtin')
    // A connect timeout under Node's fixed 10 s, a CA of our own, no verification, a proxy: undici.
    expect(chooseTransport({}, httpTimeouts({ VCS_HTTP_TIMEOUT: '5' }), {})).toBe('undici')
    expect(chooseTransport({ ca: 'PEM' }, DEFAULT_HTTP_TIMEOUTS, {})).toBe('undici')
    expect(chooseTransport({ skipCertificateCheck: true }, DEFAULT_HTTP_TIMEOUTS, {})).toBe('undici')
    expect(chooseTransport({}, DEFAULT_HTTP_TIMEOUTS, { HTTPS_PROXY: 'http://proxy:3128' })).toBe('undici')
    expect(chooseTransport({}, DEFAULT_HTTP_TIMEOUTS, { http_proxy: 'http://proxy:3128' })).toBe('undici')
  })
})

describe.each<Transport>(['builtin', 'undici'])('the %s transport', (transport) => {
  const fetchFor = (server: Loopback) =>
    createConnectionFetch({}, new URL(server.url).host, { timeouts: SHORT, transport, env: {} })

  it('ends a request that gets no answer with the response-timeout error naming the server', async () => {
    const silent = track(await startSilentServer())
    const host = new URL(silent.url).host
    const attempt = fetchFor(silent)(`${silent.url}/csp/gateway/am/api/orgs/org-1`)
    await expect(attempt).rejects.toThrow(RemoteError)
    await expect(attempt).rejects.toMatchObject({
      code: 'Timeout',
      message: `${host} accepted the request but did not answer within 0.3 s (response timeout).`,
    })
  })

  it('ends an answer that stalls mid-body with the idle-body timeout error', async () => {
    const server = track(
      await startCspStandIn((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.write('{"displayName":')
        return 'hang'
      }),
    )
    await expect(fetchFor(server)(`${server.url}/x`)).rejects.toMatchObject({
      code: 'Timeout',
      message: `${new URL(server.url).host} stopped sending its answer for 0.3 s (idle-body timeout).`,
    })
  })

  it("passes the caller's abort through as an abort, not as a network failure", async () => {
    const silent = track(await startSilentServer())
    const controller = new AbortController()
    const reason = new Error('stopped by the caller')
    setTimeout(() => controller.abort(reason), 50)
    const attempt = fetchFor(silent)(`${silent.url}/x`, { signal: controller.signal })
    await expect(attempt).rejects.not.toBeInstanceOf(RemoteError)
    await expect(attempt).rejects.toBe(reason)
  })

  it('hands back the status, the headers and the whole body, however many chunks it came in', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `user ${i} — ü` }))
    const server = track(
      await startCspStandIn(() => ({ status: 201, headers: { 'x-total': '5000' }, body: { rows } })),
    )
    const response = await fetchFor(server)(`${server.url}/x`)
    expect(response.status).toBe(201)
    expect(response.headers.get('x-total')).toBe('5000')
    expect(await response.json()).toEqual({ rows })
  })

  it('hands back an empty answer (204) with no body', async () => {
    const server = track(await startCspStandIn(() => ({ status: 204 })))
    const response = await fetchFor(server)(`${server.url}/x`, { method: 'DELETE' })
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
  })

  // undici's own fetch keeps its listener on the signal until the request is collected: only the
  // built-in transport's own bookkeeping is checked here.
  it.runIf(transport === 'builtin')(
    "lets go of the caller's signal once a request is answered, redirected or empty",
    async () => {
      const server = track(
        await startCspStandIn((request) =>
          request.url === '/moved'
            ? { status: 307, headers: { location: '/x' } }
            : request.url === '/empty'
              ? { status: 204 }
              : { status: 200, body: { ok: true } },
        ),
      )
      const controller = new AbortController()
      const fetchOnce = fetchFor(server)
      for (const path of ['/x', '/moved', '/empty']) {
        const response = await fetchOnce(`${server.url}${path}`, { signal: controller.signal })
        expect(response.status, path).toBe(path === '/empty' ? 204 : 200)
      }
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    },
  )
})
