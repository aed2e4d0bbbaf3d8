// `runEmulatorCommand`, the body of `vcs emulator`: the --json line, the banner, and small helpers.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { runEmulatorCommand, startEmulator } from '../../src/emulator/entry.js'
import { Router } from '../../src/emulator/http/router.js'
import { redactUrl } from '../../src/emulator/http/server.js'
import { namesFromEmail } from '../../src/emulator/routes/invitation-link.js'

function capture() {
  const stream = new PassThrough()
  let text = ''
  stream.on('data', (chunk) => (text += chunk))
  return { stream, text: () => text }
}

describe('runEmulatorCommand', () => {
  it('prints the --json line first, with the CA file under --tls', async () => {
    const out = capture()
    const emulator = await runEmulatorCommand({
      json: true,
      tls: true,
      quiet: true,
      stdout: out.stream,
      handleSignals: false,
    })
    try {
      const [first] = out.text().split('\n')
      const line = JSON.parse(first)
      expect(Object.keys(line)).toEqual(['url', 'orgId', 'apiToken', 'appId', 'appSecret', 'caFile'])
      expect(line).toMatchObject({
        url: emulator.url,
        orgId: emulator.orgId,
        apiToken: emulator.credentials.apiToken,
        caFile: emulator.caFile,
      })
    } finally {
      await emulator.close()
    }
  })

  it('prints a banner without secrets, and logs requests to stderr', async () => {
    const out = capture()
    const err = capture()
    const emulator = await runEmulatorCommand({
      stdout: out.stream,
      stderr: err.stream,
      handleSignals: false,
    })
    try {
      await fetch(
        `${emulator.url}/csp/gateway/am/api/auth/api-tokens/authorize?api_token=${emulator.credentials.apiToken}`,
        {
          method: 'POST',
        },
      )
      expect(out.text()).toContain(`CSP emulator listening on ${emulator.url}`)
      expect(out.text()).toContain(emulator.orgId)
      for (const secret of [emulator.credentials.apiToken, emulator.credentials.appSecret]) {
        expect(out.text()).not.toContain(secret)
        expect(err.text()).not.toContain(secret)
      }
      expect(err.text()).toContain('POST /csp/gateway/am/api/auth/api-tokens/authorize?api_token=*** 200')
    } finally {
      await emulator.close()
    }
  })
})

describe('startEmulator', () => {
  it('fails on a port in use and releases the data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vcs-emulator-port-'))
    const first = await startEmulator({ quiet: true, seed: 'empty' })
    try {
      const port = Number(new URL(first.url).port)
      await expect(startEmulator({ port, dataDir, quiet: true, seed: 'empty' })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      })
      const reopened = await startEmulator({ dataDir, quiet: true })
      expect(reopened.orgName).toBe('Demo Org')
      await reopened.close()
    } finally {
      await first.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('helpers', () => {
  it('routes literal segments before parameters, ignoring a trailing slash', () => {
    const router = new Router([
      { method: 'GET', path: '/orgs/{orgId}/groups/{groupId}' },
      { method: 'GET', path: '/orgs/{orgId}/groups/search' },
    ] as const)
    expect(router.match('GET', '/orgs/o1/groups/search/').route.path).toBe('/orgs/{orgId}/groups/search')
    expect(router.match('GET', '/orgs/o1/groups/g%2F1').params).toEqual({ orgId: 'o1', groupId: 'g/1' })
    expect(() => router.match('POST', '/orgs/o1/groups/g1')).toThrow(
      expect.objectContaining({ statusCode: 405 }),
    )
    expect(() => router.match('GET', '/orgs/o1')).toThrow(expect.objectContaining({ statusCode: 404 }))
  })

  it('redacts secrets in logged URLs', () => {
    const url = new URL('http://x/p?api_token=a&refresh_token=b&client_secret=c&orgId=keep')
    expect(redactUrl(url)).toBe('/p?api_token=***&refresh_token=***&client_secret=***&orgId=keep')
  })

  it.each([
    ['jane.doe@example.com', 'Jane', 'Doe'],
    ['john_q-public@example.com', 'John', 'Q Public'],
    ['x@example.com', 'X', ''],
  ])('names %s', (email, firstName, lastName) => {
    expect(namesFromEmail(email)).toEqual({ firstName, lastName })
  })
})
