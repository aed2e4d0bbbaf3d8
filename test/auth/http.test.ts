// TLS settings of a connection's fetch against a real https server with its own CA (the emulator's
// --tls, whose CA it generates): trusted with that CA, refused (with a hint) without it or with
// another CA, accepted with verification off.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnectionFetch } from '../../src/auth/http.js'
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js'
import { RemoteError } from '../../src/engine/index.js'

const DISCOVERY = '/csp/gateway/am/api/.well-known/openid-configuration'

describe('connection fetch and TLS', () => {
  let server: RunningEmulator
  let other: RunningEmulator
  let url: string
  let ca: string
  let otherCa: string

  beforeAll(async () => {
    server = await startEmulator({ port: 0, seed: 'empty', quiet: true, tls: true })
    other = await startEmulator({ port: 0, seed: 'empty', quiet: true, tls: true })
    url = `${server.url}${DISCOVERY}`
    ca = readFileSync(server.caFile!, 'utf8')
    otherCa = readFileSync(other.caFile!, 'utf8')
  })
  afterAll(async () => {
    await server?.close()
    await other?.close()
  })

  it('trusts a server signed by the given CA', async () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//)
    const response = await createConnectionFetch({ ca }, '127.0.0.1')(url)
    expect(response.status).toBe(200)
    expect(((await response.json()) as { issuer: string }).issuer).toEqual(expect.any(String))
  })

  it.each([
    ['no CA', () => ({})],
    ['the CA of another server', () => ({ ca: otherCa })],
  ])('refuses the server with %s: a one-line error that says how to trust it', async (_name, tls) => {
    expect(otherCa).not.toBe(ca)
    const attempt = createConnectionFetch(tls(), '127.0.0.1')(url)
    await expect(attempt).rejects.toBeInstanceOf(RemoteError)
    await expect(attempt).rejects.toMatchObject({
      code: 'NetworkError',
      message: expect.stringMatching(/^The TLS certificate of 127\.0\.0\.1 is not trusted \([A-Z_]+\)\.$/),
      hint: expect.stringMatching(/-CaFile/),
    })
  })

  it('accepts it with verification off', async () => {
    const response = await createConnectionFetch({ skipCertificateCheck: true }, '127.0.0.1')(url)
    expect(response.status).toBe(200)
  })
})
