// The connection cmdlets through the engine, against the emulator: what users type and what they see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listConnections } from '../../src/auth/index.js'
import { RecordingHost, Session, toPlain, typeNameOf } from '../../src/engine/index.js'
import { startEmulator } from '../../src/emulator/index.js'
import {
  connectVcs,
  disconnectVcs,
  getVcsConnection,
  newVcsOAuthSecurityContext,
} from '../../src/library/connection.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>
let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo' })
})
afterAll(async () => {
  await emulator?.close()
})

const newSession = () => {
  const host = new RecordingHost()
  return { host, session: new Session({ host }) }
}

describe('connection cmdlets', () => {
  it('Connect-Vcs writes a VcsServer record with no secret in it', async () => {
    const { session } = newSession()
    const [record] = await connectVcs({
      server: emulator.url,
      apiToken: emulator.credentials.apiToken,
      credentialStore: 'Memory',
    }).in(session)
    expect(typeNameOf(record)).toBe('VcsServer')
    expect(record).toMatchObject({ OrgId: emulator.orgId, AuthType: 'ApiToken', IsDefault: true })
    expect(JSON.stringify(toPlain(record))).not.toContain(emulator.credentials.apiToken)
    expect(String(record)).toBe(record.Name)
  })

  it('New-VcsOAuthSecurityContext pipes into Connect-Vcs, and -NotDefault keeps the default', async () => {
    const { session } = newSession()
    await connectVcs({
      server: emulator.url,
      apiToken: emulator.credentials.apiToken,
      credentialStore: 'Memory',
    }).in(session)
    const { appId, appSecret, orgId } = emulator.credentials
    const [record] = await newVcsOAuthSecurityContext({
      vcsServer: emulator.url,
      appId,
      appSecret,
      organizationId: orgId,
    })
      .pipe(connectVcs({ name: 'app', notDefault: true, credentialStore: 'Memory' }))
      .in(session)
    expect(record).toMatchObject({ Name: 'app', AuthType: 'OAuthApp', IsDefault: false })
    const listed = listConnections(session)
    expect(listed.map((entry) => [entry.connection.name, entry.isDefault])).toEqual([
      [listed[0].connection.name, true],
      ['app', false],
    ])
  })

  it('Get-VcsConnection shows access-token and API-token expiry', async () => {
    const { session } = newSession()
    await connectVcs({
      server: emulator.url,
      apiToken: emulator.credentials.apiToken,
      credentialStore: 'Memory',
    }).in(session)
    const [record] = await getVcsConnection().in(session)
    // The access token lives 30 minutes at most from now; the API token's expiry is the server's.
    expect(record.TokenExpiresAt).toBeInstanceOf(Date)
    expect((record.TokenExpiresAt as Date).getTime()).toBeGreaterThan(Date.now())
    expect((record.TokenExpiresAt as Date).getTime()).toBeLessThanOrEqual(Date.now() + 1_800_000)
    const details = await fetch(`${emulator.url}/csp/gateway/am/api/auth/api-tokens/details`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tokenValue: emulator.credentials.apiToken }),
    })
    const { expiresAt } = (await details.json()) as { expiresAt: number }
    expect(record.ApiTokenExpiresAt).toBeInstanceOf(Date)
    expect((record.ApiTokenExpiresAt as Date).getTime()).toBe(expiresAt)
  })

  it('Disconnect-Vcs closes the default connection; with nothing left it reports not connected', async () => {
    const { host, session } = newSession()
    await connectVcs({
      server: emulator.url,
      apiToken: emulator.credentials.apiToken,
      credentialStore: 'Memory',
    }).in(session)
    await disconnectVcs().in(session)
    expect(listConnections(session)).toEqual([])
    await expect(disconnectVcs().in(session)).rejects.toMatchObject({ code: 'NotConnected' })
    expect(host.errors).toEqual([])
  })

  it('Get-VcsConnection pipes into Disconnect-Vcs', async () => {
    const { session } = newSession()
    const { apiToken, appId, appSecret, orgId } = emulator.credentials
    await connectVcs({ server: emulator.url, apiToken, credentialStore: 'Memory' }).in(session)
    await newVcsOAuthSecurityContext({ vcsServer: emulator.url, appId, appSecret, organizationId: orgId })
      .pipe(connectVcs({ name: 'app', credentialStore: 'Memory' }))
      .in(session)
    expect(listConnections(session)).toHaveLength(2)
    await getVcsConnection({ name: ['app'] })
      .pipe(disconnectVcs())
      .in(session)
    expect(listConnections(session).map((entry) => entry.connection.name)).toEqual([
      new URL(emulator.url).host,
    ])
  })

  it('Disconnect-Vcs -Forget deletes the saved API token', async () => {
    const { session } = newSession()
    const store = 'Memory'
    await connectVcs({
      server: emulator.url,
      apiToken: emulator.credentials.apiToken,
      saveApiToken: true,
      credentialStore: store,
    }).in(session)
    await connectVcs({ server: emulator.url, credentialStore: store }).in(session)
    await disconnectVcs({ server: [emulator.url], forget: true, credentialStore: store }).in(session)
    await expect(
      connectVcs({ server: emulator.url, credentialStore: store }).in(session),
    ).rejects.toMatchObject({
      code: 'NotConnected',
    })
  })

  it('never shows a secret in verbose lines, warnings, errors or output', async () => {
    const { host, session } = newSession()
    const { apiToken, appSecret, appId, orgId } = emulator.credentials
    const output = await connectVcs({
      server: emulator.url,
      apiToken,
      credentialStore: 'Memory',
      verbose: true,
    }).in(session)
    const contexts = await newVcsOAuthSecurityContext({ appId, appSecret, organizationId: orgId })
    const wrong = 'wrong-token-abcdef-123456'
    const failure = await connectVcs({
      server: emulator.url,
      apiToken: wrong,
      credentialStore: 'Memory',
      verbose: true,
    })
      .in(session)
      .then(
        () => undefined,
        (error: unknown) => error as Error,
      )
    expect(failure?.message).toMatch(/refused/)
    const everything = JSON.stringify([
      host.verbose,
      host.warnings,
      host.errors.map((record) => record.error.message),
      failure?.message,
      toPlain(output),
      toPlain(contexts),
    ])
    expect(host.verbose.length).toBeGreaterThan(0)
    for (const secret of [apiToken, appSecret, wrong]) expect(everything).not.toContain(secret)
  })
})

describe('PowerCLI carry-over', () => {
  it('keeps $DefaultVcsServers (default first) with IsConnected and Uid, and takes -IgnoreSslValidationErrors', async () => {
    const { session } = newSession()
    await connectVcs({
      server: emulator.url,
      apiToken: emulator.credentials.apiToken,
      credentialStore: 'Memory',
      name: 'first',
    }).in(session)
    await connectVcs({
      server: emulator.url,
      apiToken: emulator.credentials.adminApiToken,
      credentialStore: 'Memory',
      name: 'second',
      IgnoreSslValidationErrors: true,
    } as never).in(session)
    const servers = session.getVariable('DefaultVcsServers') as Array<Record<string, unknown>>
    expect(servers.map((server) => [server.Name, server.IsDefault, server.IsConnected])).toEqual([
      ['second', true, true],
      ['first', false, true],
    ])
    expect(servers[0].Uid).toBe(`/VcsServer=adrian.kowalski@demo.example@${new URL(emulator.url).host}/`)
    await disconnectVcs({ server: ['second'] } as never).in(session)
    expect((session.getVariable('DefaultVcsServers') as unknown[]).length).toBe(1)
  })
})
