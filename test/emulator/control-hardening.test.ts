// The control API (no CSP auth, by design) must not be reachable from a web page the developer
// visits: cross-site Origins and non-loopback Host names (DNS rebinding) are refused; bound beyond
// loopback it needs the printed token, and the command warns. The data directory is the user's
// alone, and malformed client credentials are a 401, not a server fault.
import { mkdtempSync, statSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runEmulatorCommand } from '../../src/emulator/command.js'
import { startEmulator } from '../../src/emulator/index.js'
import type { RunningEmulator } from '../../src/emulator/types.js'

/** A raw request, so the Host and Origin headers are exactly what a browser would send. */
function send(url: string, path: string, headers: Record<string, string>, method = 'POST') {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers }, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

let emulator: RunningEmulator
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', quiet: true })
})
afterAll(() => emulator?.close())

describe('control API on loopback', () => {
  it('refuses a cross-site POST and leaves the state alone', async () => {
    const host = new URL(emulator.url).host
    const before = (await (await fetch(`${emulator.url}/emulator/api/stats`)).json()) as object
    const attempt = await send(emulator.url, '/emulator/api/reset', { host, origin: 'https://evil.example' })
    expect(attempt.status).toBe(403)
    expect(attempt.body).toContain('cross-site')
    const fetchSite = await send(emulator.url, '/emulator/api/reset', {
      host,
      'sec-fetch-site': 'cross-site',
    })
    expect(fetchSite.status).toBe(403)
    expect(before).toBeDefined()
  })

  it('refuses a Host that is not a loopback name (DNS rebinding)', async () => {
    const attempt = await send(emulator.url, '/emulator/api/stats', { host: 'rebind.evil.example' }, 'GET')
    expect(attempt.status).toBe(403)
  })

  it('serves loopback Hosts and same-machine Origins', async () => {
    const port = new URL(emulator.url).port
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const ok = await send(emulator.url, '/emulator/api/stats', { host, origin: `http://${host}` }, 'GET')
      expect(ok.status).toBe(200)
    }
  })
})

describe('bound beyond loopback', () => {
  it('warns, shows the real address, and wants the control token', async () => {
    const stdout = new PassThrough()
    const stderr = new PassThrough()
    let out = ''
    let err = ''
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
    const wide = await runEmulatorCommand({
      host: '0.0.0.0',
      port: 0,
      quiet: true,
      stdout,
      stderr,
      handleSignals: false,
    })
    try {
      expect(err).toMatch(/^WARNING: the emulator listens on 0\.0\.0\.0:\d+, reachable from other machines/)
      expect(out).toMatch(
        /^CSP emulator listening on 0\.0\.0\.0:\d+ \(from this machine: http:\/\/127\.0\.0\.1:\d+\)/,
      )
      const host = new URL(wide.url).host
      expect((await send(wide.url, '/emulator/api/stats', { host }, 'GET')).status).toBe(401)
      const withToken = await send(
        wide.url,
        '/emulator/api/stats',
        { host, 'x-emulator-token': wide.controlToken! },
        'GET',
      )
      expect(withToken.status).toBe(200)
    } finally {
      await wide.close()
    }
  })
})

describe('data directory and credentials', () => {
  it('creates the data directory for its owner only', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'vcs-emu-')), 'data')
    const kept = await startEmulator({ port: 0, seed: 'empty', quiet: true, dataDir: dir })
    try {
      expect(statSync(dir).mode & 0o777).toBe(0o700)
    } finally {
      await kept.close()
    }
  })

  it('answers malformed percent-encoding in Basic client credentials with 401', async () => {
    const response = await fetch(`${emulator.url}/csp/gateway/am/api/auth/authorize`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('%zz:secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    })
    expect(response.status).toBe(401)
  })
})
