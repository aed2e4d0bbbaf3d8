// Connecting against the emulator over real HTTP: both credential kinds, wrong credentials, expiry
// and refresh with short-lived tokens, a real 401, single-flight, the shared token cache, prompts,
// saved tokens and the environment.
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  cachedTokenKey,
  connect,
  connectFromEnvironment,
  createMemoryStore,
  disconnect,
  getConnection,
  parseServer,
  VcsOAuthSecurityContext,
} from '../../src/auth/index.js'
import { AuthError, RecordingHost, redact, RemoteError, Session, UsageError } from '../../src/engine/index.js'
import { startEmulator } from '../../src/emulator/index.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>
let emulator: Emulator

async function control(path: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(`${emulator.url}/emulator/api/${path}`, init)
  expect(response.ok).toBe(true)
  return (await response.json().catch(() => ({}))) as Record<string, unknown>
}
const tokensIssued = async () => Number((await control('stats')).tokensIssued)
const setLifetime = (seconds: number) =>
  control('config', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tokenLifetimeSeconds: seconds }),
  })
const session = (host = new RecordingHost()) => new Session({ host })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo' })
})
afterAll(async () => {
  await emulator?.close()
})
afterEach(async () => {
  await setLifetime(1800)
})

describe('connect with an API token', () => {
  it('returns a connection with org, user and token expiry, and makes it the default', async () => {
    const s = session()
    const connection = await connect(
      { server: emulator.url, apiToken: emulator.credentials.apiToken, credentialStore: 'Memory' },
      s,
    )
    expect(connection).toMatchObject({ orgId: emulator.orgId, authType: 'ApiToken', baseUrl: emulator.url })
    // The token's account and the org's display name (not a fallback such as 'unknown').
    expect(connection.user).toBe('ava.thompson@demo.example')
    expect(connection.orgName).toBe('Demo Org')
    expect(connection.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 60_000)
    expect(getConnection(s)).toBe(connection)
    expect(getConnection(s, parseServer(emulator.url).server)).toBe(connection)
    const record = connection.toRecord(true)
    expect(JSON.stringify(record)).not.toContain(emulator.credentials.apiToken)
    expect(record).toMatchObject({
      Server: parseServer(emulator.url).server,
      AuthType: 'ApiToken',
      IsDefault: true,
    })
  })

  it('refuses a wrong API token with a clear message, exit code 3, and never the token itself', async () => {
    const wrong = 'wrong-api-token-0123456789'
    const attempt = connect({ server: emulator.url, apiToken: wrong, credentialStore: 'Memory' }, session())
    await expect(attempt).rejects.toBeInstanceOf(AuthError)
    const error = (await attempt.catch((e: unknown) => e)) as AuthError
    expect(error.code).toBe('AuthenticationFailed')
    expect(error.exitCode).toBe(3)
    expect(error.message).toMatch(/^The API token was refused by 127\.0\.0\.1:\d+/)
    expect(`${error.message} ${error.hint}`).not.toContain(wrong)
  })

  it('says which server it could not reach', async () => {
    const attempt = connect({ server: 'http://127.0.0.1:9', apiToken: 'abcdef-123456' }, session())
    await expect(attempt).rejects.toBeInstanceOf(RemoteError)
    await expect(attempt).rejects.toMatchObject({ code: 'NetworkError', message: /127\.0\.0\.1:9.*refused/ })
  })

  it('trusts an https emulator through -CaFile, and warns when verification is skipped', async () => {
    const secure = await startEmulator({ port: 0, seed: 'demo', tls: true })
    try {
      const apiToken = secure.credentials.apiToken
      const withCa = await connect(
        { server: secure.url, apiToken, caFile: secure.caFile, credentialStore: 'Memory' },
        session(),
      )
      expect(withCa.orgId).toBe(secure.orgId)
      // Other tokens than the first: a cached token would (rightly) need no request at connect time.
      await expect(
        connect(
          { server: secure.url, apiToken: secure.credentials.memberApiToken, credentialStore: 'Memory' },
          session(),
        ),
      ).rejects.toMatchObject({
        code: 'NetworkError',
        message: expect.stringMatching(/TLS certificate .* is not trusted/),
      })
      const host = new RecordingHost()
      await connect(
        {
          server: secure.url,
          apiToken: secure.credentials.adminApiToken,
          skipCertificateCheck: true,
          credentialStore: 'Memory',
        },
        session(host),
      )
      expect(host.warnings.join('\n')).toMatch(/TLS certificate verification is off/)
    } finally {
      await secure.close()
    }
  })

  it('refuses plain http to a remote host before sending anything', async () => {
    await expect(
      connect({ server: 'http://example.com', apiToken: 'abcdef-123456' }, session()),
    ).rejects.toThrow(UsageError)
  })
})

describe('connect with a server-to-server OAuth app (openid-client)', () => {
  it('discovers the token endpoint and uses the client-credentials grant', async () => {
    const { appId, appSecret, orgId } = emulator.credentials
    const context = new VcsOAuthSecurityContext({ kind: 'OAuthApp', appId, appSecret, orgId }, emulator.url)
    const connection = await connect({ oauthSecurityContext: context, credentialStore: 'Memory' }, session())
    expect(connection).toMatchObject({ authType: 'OAuthApp', orgId, baseUrl: emulator.url })
    expect(connection.user).toBe(appId)
  })

  it('refuses a wrong app secret without showing it', async () => {
    const secret = 'not-the-right-secret-42'
    const attempt = connect(
      {
        server: emulator.url,
        appId: emulator.credentials.appId,
        appSecret: secret,
        orgId: emulator.credentials.orgId,
        credentialStore: 'Memory',
      },
      session(),
    )
    const error = (await attempt.catch((e: unknown) => e)) as AuthError
    expect(error).toBeInstanceOf(AuthError)
    expect(error.code).toBe('AuthenticationFailed')
    expect(error.message).toMatch(/OAuth app credentials were refused/)
    expect(redact(error.hint!)).toBe(error.hint)
    expect(`${error.message} ${error.hint}`).not.toContain(secret)
  })
})

describe('tokens that just work', () => {
  it('refreshes a short-lived token before it expires', async () => {
    await setLifetime(4)
    const connection = await connect(
      { server: emulator.url, apiToken: emulator.credentials.memberApiToken, credentialStore: 'Memory' },
      session(),
    )
    const first = await connection.getAccessToken()
    expect(await connection.getAccessToken()).toBe(first)
    const before = await tokensIssued()
    await sleep(2200) // inside the refresh margin (half of a 4 s lifetime)
    const second = await connection.getAccessToken()
    expect(second).not.toBe(first)
    expect((await tokensIssued()) - before).toBe(1)
  })

  it('shares one exchange among concurrent callers after a 401', async () => {
    const connection = await connect(
      { server: emulator.url, apiToken: emulator.credentials.apiToken, credentialStore: 'Memory' },
      session(),
    )
    const before = await tokensIssued()
    await sleep(1100)
    const tokens = await Promise.all(
      Array.from({ length: 10 }, () => connection.getAccessToken({ forceRefresh: true })),
    )
    expect(new Set(tokens).size).toBe(1)
    expect((await tokensIssued()) - before).toBe(1)
  })

  it('replaces a cached token that the server refuses (a real 401), once', async () => {
    // A real token that the server will refuse: issued with a 1 s lifetime, then expired.
    await setLifetime(1)
    const store = createMemoryStore()
    const apiToken = emulator.credentials.adminApiToken
    const donor = await connect({ server: emulator.url, apiToken, credentialStore: 'Memory' }, session())
    const stale = await donor.getAccessToken()
    await setLifetime(1800)
    await sleep(1500)
    // Make it look fresh in the shared cache, as a clock-skewed process might have left it.
    await store.set(
      cachedTokenKey(parseServer(emulator.url), donor.fingerprint),
      JSON.stringify({ accessToken: stale, issuedAt: Date.now(), expiresAt: Date.now() + 3_600_000 }),
    )
    const before = await tokensIssued()
    const connection = await connect({ server: emulator.url, apiToken, credentialStore: 'Memory' }, session())
    expect(connection.orgName).toBe('Demo Org') // the org lookup got a 401, refreshed, retried
    expect(await connection.getAccessToken()).not.toBe(stale)
    expect((await tokensIssued()) - before).toBe(1)
  })

  it('50 connections in a row with one credential cost one exchange (shared cache)', async () => {
    const apiToken = emulator.credentials.otherOrgApiToken
    const before = await tokensIssued()
    for (let run = 0; run < 50; run++) {
      await connect({ server: emulator.url, apiToken, credentialStore: 'Memory' }, session())
    }
    expect((await tokensIssued()) - before).toBe(1)
  })
})

describe('credentials from the store, the prompt and the environment', () => {
  it('saves an API token, reuses it with no credential given, and forgets it', async () => {
    const store = 'Memory' as const
    const server = emulator.url
    await connect(
      { server, apiToken: emulator.credentials.apiToken, saveApiToken: true, credentialStore: store },
      session(),
    )
    const again = await connect({ server, credentialStore: store }, session())
    expect(again.orgId).toBe(emulator.orgId)
    const { forgetSavedCredential } = await import('../../src/auth/index.js')
    expect(await forgetSavedCredential(server, { credentialStore: store })).toBe(true)
    const error = (await connect({ server, credentialStore: store }, session()).catch(
      (e: unknown) => e,
    )) as AuthError
    expect(error).toMatchObject({ code: 'NotConnected', hint: expect.stringMatching(/VCS_API_TOKEN/) })
    expect(error.message).toMatch(/no API token or security context was given and none is saved/)
    expect(redact(`${error.message} ${error.hint}`)).toBe(`${error.message} ${error.hint}`)
  })

  it('-SaveApiToken without a usable store fails and says what to do; plain connects just skip the cache', async () => {
    const config = mkdtempSync(join(tmpdir(), 'vcs-nostore-'))
    const env = { PATH: process.env.PATH, XDG_CONFIG_HOME: config } // no D-Bus, no store chosen
    const apiToken = emulator.credentials.memberApiToken
    const host = new RecordingHost()
    const plain = new Session({ host, variables: { VerbosePreference: 'Continue' } })
    await expect(connect({ server: emulator.url, apiToken, env }, plain)).resolves.toMatchObject({
      orgId: emulator.orgId,
    })
    expect(host.verbose.join('\n')).toMatch(/not cached between runs: The OS keychain is not usable/)
    await expect(
      connect({ server: emulator.url, apiToken, saveApiToken: true, env }, session()),
    ).rejects.toMatchObject({
      code: 'CredentialStoreUnavailable',
      hint: expect.stringMatching(/VCS_CREDENTIAL_STORE=file/),
    })
    expect(existsSync(join(config, 'vcs-shell'))).toBe(false)
  })

  it('saves to a 0600 file only when the user chose the file store, and warns', async () => {
    const config = mkdtempSync(join(tmpdir(), 'vcs-filestore-'))
    const env = { PATH: process.env.PATH, XDG_CONFIG_HOME: config, VCS_CREDENTIAL_STORE: 'file' }
    const host = new RecordingHost()
    const apiToken = emulator.credentials.apiToken
    await connect({ server: emulator.url, apiToken, saveApiToken: true, env }, session(host))
    const file = join(config, 'vcs-shell/credentials.json')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(host.warnings.filter((w) => /plaintext file/.test(w))).toEqual([expect.stringContaining(file)])
    const again = await connect({ server: emulator.url, env }, session())
    expect(again.orgId).toBe(emulator.orgId)
  })

  it('refuses an unreadable CA file before any request', async () => {
    await expect(
      connect({ server: emulator.url, apiToken: 'abcdef-123456', caFile: '/nonexistent/ca.pem' }, session()),
    ).rejects.toThrow(/Cannot read the CA file \/nonexistent\/ca.pem \(ENOENT\)/)
  })

  it('prompts with hidden input in an interactive host', async () => {
    const prompts: string[] = []
    const host = Object.assign(new RecordingHost(true), {
      readSecret: async (prompt: string) => {
        prompts.push(prompt)
        return emulator.credentials.apiToken
      },
    })
    const connection = await connect(
      { server: `${emulator.url}/`, credentialStore: 'Memory', name: 'prompted' },
      session(host),
    )
    expect(connection.name).toBe('prompted')
    expect(prompts).toEqual([`API token for ${parseServer(emulator.url).server}: `])
  })

  it('connects scheduled jobs from the environment, token or app, secrets from files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcs-env-'))
    writeFileSync(join(dir, 'token'), `${emulator.credentials.apiToken}\n`)
    writeFileSync(join(dir, 'secret'), emulator.credentials.appSecret)
    const base = { VCS_SERVER: emulator.url, VCS_CREDENTIAL_STORE: 'memory' }
    const byToken = await connectFromEnvironment(session(), {
      ...base,
      VCS_API_TOKEN_FILE: join(dir, 'token'),
    })
    expect(byToken).toMatchObject({ authType: 'ApiToken', orgId: emulator.orgId })
    const byApp = await connectFromEnvironment(session(), {
      ...base,
      VCS_APP_ID: emulator.credentials.appId,
      VCS_APP_SECRET_FILE: join(dir, 'secret'),
      VCS_ORG_ID: emulator.credentials.orgId,
    })
    expect(byApp).toMatchObject({ authType: 'OAuthApp', orgId: emulator.credentials.orgId })
    expect(await connectFromEnvironment(session(), base)).toBeUndefined()
    await connect(
      {
        server: emulator.url,
        apiToken: emulator.credentials.apiToken,
        saveApiToken: true,
        credentialStore: 'Memory',
      },
      session(),
    )
    expect(await connectFromEnvironment(session(), base)).toMatchObject({
      authType: 'ApiToken',
      orgId: emulator.orgId,
    })
    await expect(connectFromEnvironment(session(), { ...base, VCS_APP_ID: 'x' })).rejects.toThrow(
      /VCS_APP_SECRET/,
    )
  })

  it('disconnect closes the default or a named connection, and forgets on request', async () => {
    const s = session()
    const apiToken = emulator.credentials.apiToken
    await connect({ server: emulator.url, apiToken, credentialStore: 'Memory', name: 'one' }, s)
    await connect(
      { server: emulator.url, apiToken, credentialStore: 'Memory', name: 'two', saveApiToken: true },
      s,
    )
    expect((await disconnect({}, s)).map((c) => c.name)).toEqual(['two'])
    expect(getConnection(s).name).toBe('one')
    await expect(disconnect({ server: 'nope' }, s)).rejects.toMatchObject({ code: 'NotConnected' })
    expect(
      (await disconnect({ server: 'one', forget: true, credentialStore: 'Memory' }, s)).map((c) => c.name),
    ).toEqual(['one'])
    await expect(connect({ server: emulator.url, credentialStore: 'Memory' }, s)).rejects.toMatchObject({
      code: 'NotConnected',
    })
  })

  it('getConnection says how to connect when there is no connection', () => {
    expect(() => getConnection(session())).toThrow(/You are not connected to a CSP organization/)
    try {
      getConnection(session())
    } catch (error) {
      expect((error as AuthError).hint).toMatch(/Connect-Vcs -Server <host> with an API token/)
      expect(redact((error as AuthError).hint!)).toBe((error as AuthError).hint)
    }
  })
})
