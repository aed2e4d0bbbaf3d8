// `--tls`: https with a certificate from a CA the emulator generates, checked by real TLS clients.
import { X509Certificate } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { start, AM } from './helpers.js'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** A GET over node:https; resolves with the status or rejects with the TLS error. */
function get(
  url: string,
  options: { ca?: string; servername?: string; host?: string } = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const req = request(
      {
        host: options.host ?? target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'GET',
        ca: options.ca,
        servername: options.servername,
      },
      (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('https with a generated CA', () => {
  it('serves https that verifies against the CA file, and only against it', async () => {
    const emulator = await start({ tls: true })
    try {
      expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
      expect(emulator.caFile).toBeDefined()
      const ca = readFileSync(emulator.caFile!, 'utf8')
      const discovery = `${emulator.url}${AM}/.well-known/openid-configuration`
      expect(await get(discovery, { ca })).toBe(200)
      expect(await get(discovery, { ca, host: 'localhost', servername: 'localhost' })).toBe(200)
      await expect(get(discovery)).rejects.toMatchObject({
        code: expect.stringMatching(/UNABLE_TO_VERIFY|SELF_SIGNED|UNABLE_TO_GET_ISSUER/),
      })
      const certificate = new X509Certificate(ca)
      expect(certificate.ca).toBe(true)
    } finally {
      await emulator.close()
    }
    expect(existsSync(emulator.caFile!)).toBe(false)
  })

  it('refuses a certificate for a name it does not cover', async () => {
    const emulator = await start({ tls: true })
    try {
      const ca = readFileSync(emulator.caFile!, 'utf8')
      await expect(get(emulator.url, { ca, servername: 'console.cloud.vmware.com' })).rejects.toMatchObject({
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      })
    } finally {
      await emulator.close()
    }
  })

  it('keeps the CA in the data directory across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vcs-emulator-tls-'))
    dirs.push(dataDir)
    const first = await start({ tls: true, dataDir, seed: 'empty' })
    const firstCa = readFileSync(first.caFile!, 'utf8')
    await first.close()
    const second = await start({ tls: true, dataDir })
    try {
      expect(second.caFile).toBe(join(dataDir, 'tls', 'ca.pem'))
      expect(readFileSync(second.caFile!, 'utf8')).toBe(firstCa)
      expect(await get(`${second.url}${AM}/.well-known/openid-configuration`, { ca: firstCa })).toBe(200)
    } finally {
      await second.close()
    }
  })
})
