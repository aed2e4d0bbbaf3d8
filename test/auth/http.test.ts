// TLS settings of a connection's fetch against a real https server with its own CA: trusted with the
// CA, refused (with a hint) without it, accepted with verification off.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnectionFetch } from '../../src/auth/http.js'
import { RemoteError } from '../../src/engine/index.js'

const hasOpenssl = spawnSync('sh', ['-c', 'command -v openssl']).status === 0

describe.skipIf(!hasOpenssl)('connection fetch and TLS', () => {
  let server: Server
  let url: string
  let ca: string

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcs-tls-'))
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' })
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=vcs test CA',
    )
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=localhost',
    )
    execFileSync('sh', ['-c', "printf 'subjectAltName=DNS:localhost,IP:127.0.0.1' > ext.cnf"], { cwd: dir })
    openssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'ext.cnf',
    )
    ca = readFileSync(join(dir, 'ca.pem'), 'utf8')
    server = createServer(
      { key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.pem')) },
      (_request, response) => response.end('{"hello":"tls"}'),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`
  })
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

  it('trusts a server signed by the given CA', async () => {
    const response = await createConnectionFetch({ ca }, '127.0.0.1')(url)
    expect(await response.json()).toEqual({ hello: 'tls' })
  })

  it('refuses an unknown CA with a one-line error that says how to trust it', async () => {
    const attempt = createConnectionFetch({}, '127.0.0.1')(url)
    await expect(attempt).rejects.toBeInstanceOf(RemoteError)
    await expect(attempt).rejects.toMatchObject({
      code: 'NetworkError',
      message: expect.stringMatching(/TLS certificate of 127\.0\.0\.1 is not trusted/),
      hint: expect.stringMatching(/-CaFile/),
    })
  })

  it('accepts it with verification off', async () => {
    const response = await createConnectionFetch({ skipCertificateCheck: true }, '127.0.0.1')(url)
    expect(response.status).toBe(200)
  })
})
