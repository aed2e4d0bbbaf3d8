// The two transports of a connection's fetch (node:http/https without a proxy, the undici package's
// behind one) against real loopback servers: which one a connection gets, and that both end a silent
// server or a stalled body with the same one-line timeout errors, pass a caller's abort through as an
// abort, and hand back the whole body.
import { execFile } from 'node:child_process'
import { getEventListeners } from 'node:events'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { chooseTransport, createConnectionFetch, type Transport } from '../../src/auth/http.js'
import { RemoteError } from '../../src/engine/index.js'
import { startCspStandIn, startSilentServer, type Loopback } from './loopback-servers.js'

const open: Loopback[] = []
const track = <T extends Loopback>(server: T): T => (open.push(server), server)
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()))
})

const SHORT = { connectMs: 10_000, headersMs: 300, bodyIdleMs: 300 }

describe('which transport a connection gets', () => {
  it('takes node:http/https unless the environment names a proxy', () => {
    expect(chooseTransport({})).toBe('node')
    expect(chooseTransport({ NO_PROXY: '*' })).toBe('node')
    expect(chooseTransport({ HTTPS_PROXY: 'http://proxy:3128' })).toBe('undici')
    expect(chooseTransport({ http_proxy: 'http://proxy:3128' })).toBe('undici')
  })

  it("never loads Node's fetch (its internal undici) for a request without a proxy", async () => {
    const server = track(await startCspStandIn(() => ({ status: 200, body: { ok: true } })))
    // A child process: this one has loaded fetch already. The transport is bundled as the CLI bundles it.
    const { build } = await import('esbuild')
    const bundled = await build({
      entryPoints: [fileURLToPath(new URL('../../src/auth/http.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      external: ['undici'],
    })
    const program = `${bundled.outputFiles[0]!.text}
      const loaded = () => process.moduleLoadList.filter((m) => m.includes('undici')).length
      const before = loaded()
      module.exports.createConnectionFetch({}, 'x', { env: {} })(process.argv[1])
        .then((r) => r.json())
        .then((body) => console.log(JSON.stringify({ before, after: loaded(), body })))`
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', program, `${server.url}/x`])
    expect(JSON.parse(stdout)).toEqual({ before: 0, after: 0, body: { ok: true } })
  })
})

describe.each<Transport>(['node', 'undici'])('the %s transport', (transport) => {
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

  it.each(['gzip', 'deflate'])(
    'asks for compressed answers (as fetch: gzip, deflate) and undoes %s',
    async (coding) => {
      const rows = Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `user ${i} — ü` }))
      const encode = { gzip: gzipSync, deflate: deflateSync }[coding]!
      const server = track(
        await startCspStandIn((_request, response) => {
          response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding })
          response.end(encode(JSON.stringify({ rows })))
          return 'hang'
        }),
      )
      const response = await fetchFor(server)(`${server.url}/x`)
      expect(server.seen[0]!.headers['accept-encoding']).toMatch(new RegExp(`\\b${coding}\\b`))
      expect(await response.json()).toEqual({ rows })
    },
  )

  it('ends a connect whose TLS session never comes up with the connect-timeout error', async () => {
    const silent = track(await startSilentServer())
    const host = new URL(silent.url).host
    const connectFetch = createConnectionFetch({}, host, {
      timeouts: { connectMs: 300, headersMs: 5_000, bodyIdleMs: 5_000 },
      transport,
      env: {},
    })
    await expect(connectFetch(`https://${host}/x`)).rejects.toMatchObject({
      code: 'Timeout',
      message: `Could not connect to ${host} within 0.3 s (connect timeout).`,
    })
  })

  it('names a connect that never completes a connect timeout, also when both limits are equal', async () => {
    // VCS_HTTP_TIMEOUT of 10 s or less sets the connect and response limits alike; the response
    // clock starts once connected, so an unreachable host is not reported as a slow answer.
    const silent = track(await startSilentServer())
    const host = new URL(silent.url).host
    const equal = createConnectionFetch({}, host, {
      timeouts: { connectMs: 300, headersMs: 300, bodyIdleMs: 300 },
      transport,
      env: {},
    })
    await expect(equal(`https://${host}/x`)).rejects.toMatchObject({
      message: `Could not connect to ${host} within 0.3 s (connect timeout).`,
    })
  })

  it("closes a redirect's connection whose body never ends (nothing is left open)", async () => {
    let redirectClosed!: () => void
    const closed = new Promise<void>((resolve) => (redirectClosed = resolve))
    const server = track(
      await startCspStandIn((request, response) => {
        if (request.url !== '/moved') return { status: 200, body: { ok: true } }
        response.socket!.once('close', () => redirectClosed())
        response.writeHead(302, { location: '/x', 'content-length': '100' })
        response.write('12345678')
        return 'hang'
      }),
    )
    const response = await fetchFor(server)(`${server.url}/moved`)
    expect(await response.json()).toEqual({ ok: true })
    await closed
  })

  it('sends a User-Agent that names vcs-shell', async () => {
    const server = track(await startCspStandIn(() => ({ status: 200, body: {} })))
    await fetchFor(server)(`${server.url}/x`)
    expect(server.seen[0]!.headers['user-agent']).toMatch(/^vcs-shell\/\d+\.\d+\.\d+ node\/\d+/)
  })

  it.each([
    ['an empty gzip body (a 201 with nothing in it)', 'gzip', Buffer.alloc(0), ''],
    ['raw deflate (no zlib header), as some servers send', 'deflate', deflateRawSync('{"a":1}'), '{"a":1}'],
    ['two codings, the last applied first', 'deflate, gzip', gzipSync(deflateSync('{"a":2}')), '{"a":2}'],
    ['a coding it does not know, as it came', 'constructor', Buffer.from('{"a":3}'), '{"a":3}'],
  ])('hands back %s', async (_name, coding, body, text) => {
    const server = track(
      await startCspStandIn((_request, response) => {
        response.writeHead(201, { 'content-type': 'application/json', 'content-encoding': coding })
        response.end(body)
        return 'hang'
      }),
    )
    expect(await (await fetchFor(server)(`${server.url}/x`)).text()).toBe(text)
  })

  // undici keeps its own keep-alive rules: the node transport's agent is what is checked here.
  it.runIf(transport === 'node')(
    "opens a new connection once the server's Keep-Alive hint has run out (less a second)",
    async () => {
      const ports: number[] = []
      const server = track(
        await startCspStandIn((_request, response) => {
          ports.push(response.socket!.remotePort!)
          return { status: 200, headers: { connection: 'keep-alive', 'keep-alive': 'timeout=2' }, body: {} }
        }),
      )
      const fetchOnce = fetchFor(server)
      await fetchOnce(`${server.url}/x`)
      await fetchOnce(`${server.url}/x`)
      // Past the hint less its second of margin: a socket the server may be closing is not used.
      await new Promise((resolve) => setTimeout(resolve, 1_200))
      await fetchOnce(`${server.url}/x`)
      expect(ports[1]).toBe(ports[0])
      expect(ports[2]).not.toBe(ports[0])
    },
  )

  it('hands back an empty answer (204) with no body', async () => {
    const server = track(await startCspStandIn(() => ({ status: 204 })))
    const response = await fetchFor(server)(`${server.url}/x`, { method: 'DELETE' })
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
  })

  it.runIf(transport === 'node')(
    'says an answer that cannot be decoded is one, naming the server',
    async () => {
      const server = track(
        await startCspStandIn((_request, response) => {
          response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
          response.end(Buffer.from('not gzip at all'))
          return 'hang'
        }),
      )
      const host = new URL(server.url).host
      await expect(fetchFor(server)(`${server.url}/x`)).rejects.toMatchObject({
        code: 'ServerError',
        message: expect.stringMatching(
          new RegExp(`^${host} sent an answer that could not be decoded \\(gzip: .+\\)\\.$`),
        ),
      })
    },
  )

  it.runIf(transport === 'node')(
    'says an https request to a plain-http port failed its TLS handshake',
    async () => {
      const server = track(await startCspStandIn(() => ({ status: 200, body: {} })))
      const host = new URL(server.url).host
      await expect(fetchFor(server)(`https://${host}/x`)).rejects.toMatchObject({
        message: `Could not reach ${host}: the TLS handshake failed (is it an https port?).`,
      })
    },
  )

  // undici's own fetch keeps its listener on the signal until the request is collected: only the
  // node transport's own bookkeeping is checked here.
  it.runIf(transport === 'node')(
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
