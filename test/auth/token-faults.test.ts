// A token request that meets a server fault is retried (issuing a token changes nothing), so one 500
// at the token endpoint cannot end a long job; refused credentials are reported at once, never retried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../src/auth/index.js'
import { AuthError, RecordingHost, Session } from '../../src/engine/index.js'
import { startEmulator } from '../../src/emulator/index.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>
let emulator: Emulator

async function control(path: string, body?: unknown): Promise<Record<string, any>> {
  const response = await fetch(`${emulator.url}/emulator/api/${path}`, {
    method: body === undefined ? 'GET' : path === 'config' ? 'PUT' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  expect(response.ok).toBe(true)
  return (await response.json().catch(() => ({}))) as Record<string, any>
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo' })
})
afterAll(async () => {
  await emulator?.close()
})

describe('token requests under server faults', () => {
  it('retries 500, 503 and resets until a token is issued', async () => {
    await control('stats/reset', {})
    await control('config', { faults: { rate: 0.35, kinds: ['500', '503', 'reset'], slowMs: 0, seed: 7 } })
    try {
      for (let i = 0; i < 4; i++) {
        const session = new Session({ host: new RecordingHost() })
        const connection = await connect(
          { server: emulator.url, apiToken: emulator.credentials.apiToken, credentialStore: 'memory' },
          session,
        )
        expect(await connection.getAccessToken({ forceRefresh: true })).toMatch(/^eyJ/)
      }
    } finally {
      await control('config', { faults: null })
    }
    const stats = await control('stats')
    // The faults really happened, and every connect still got its token.
    expect(stats.faultsInjected).toBeGreaterThan(0)
    expect(stats.tokensIssued).toBeGreaterThanOrEqual(4)
  })

  it('does not retry a refused API token', async () => {
    await control('stats/reset', {})
    const attempt = connect(
      { server: emulator.url, apiToken: 'not-a-real-token-value', credentialStore: 'memory' },
      new Session({ host: new RecordingHost() }),
    )
    await expect(attempt).rejects.toBeInstanceOf(AuthError)
    const requests = (await control('stats')).requests as Record<string, number>
    const tokenCalls = Object.entries(requests)
      .filter(([route]) => route.includes('api-tokens/authorize'))
      .reduce((sum, [, count]) => sum + count, 0)
    expect(tokenCalls).toBe(1)
  })
})
