// What stands between a library caller and its first record (issue 21): the plain `await
// connectVcs(...)` of the library's default session does not wait for the org-name lookup (the
// record's OrgName fills in when it answers), and a connection's requests never make Node load its
// own copy of undici next to the bundled one.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectVcs, getConnection, getVcsUser, Session } from '../../src/index.js'
import { startEmulator } from '../../src/emulator/index.js'

let emulator: Awaited<ReturnType<typeof startEmulator>>

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', quiet: true })
})
afterAll(() => emulator?.close())

async function latency(latencyMs: number): Promise<void> {
  const response = await fetch(`${emulator.url}/emulator/api/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs }),
  })
  expect(response.ok).toBe(true)
}

describe('connecting from the library', () => {
  it('the default session returns before the org name is known; OrgName is null, then the name', async () => {
    // Every CSP answer takes 300 ms: the lookup, sent after the token exchange, cannot have answered
    // when connectVcs resolves unless connectVcs waited for it.
    await latency(300)
    try {
      const [record] = await connectVcs({
        server: emulator.url,
        apiToken: emulator.credentials.apiToken,
        credentialStore: 'Memory',
      })
      const connection = await getConnection()
      expect(connection.orgName).toBeUndefined()
      expect(record.OrgName).toBeNull()
      // The first request of the caller goes out now, alongside the lookup.
      const users = await getVcsUser()
      expect(users.length).toBeGreaterThan(0)
      await (connection as unknown as { orgNameReady: Promise<void> }).orgNameReady
      expect(record.OrgName).toBe('Demo Org')
      expect(JSON.parse(JSON.stringify(record)).OrgName).toBe('Demo Org')
    } finally {
      await latency(0)
    }
  })

  it('a session of its own (the shell, scripts) waits, so the record it prints has the name', async () => {
    const session = new Session()
    const [record] = await connectVcs({
      server: emulator.url,
      apiToken: emulator.credentials.apiToken,
      credentialStore: 'Memory',
    }).in(session)
    expect(record.OrgName).toBe('Demo Org')
  })

  it("loads no second undici: Node's own is never touched by a connection's requests", async () => {
    const script = `
      const lib = await import(${JSON.stringify(resolve('dist/index.js'))})
      await lib.connectVcs({ server: process.argv[1], apiToken: process.argv[2], credentialStore: 'Memory' })
      let n = 0
      for await (const _ of lib.getVcsUser()) n++
      console.log(JSON.stringify({ n, undici: process.moduleLoadList.filter((m) => /deps\\/undici/.test(m)) }))
    `
    // Asynchronously: the emulator answers from this process.
    const { stdout: out } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', script, emulator.url, emulator.credentials.apiToken],
      { encoding: 'utf8', env: { ...process.env, VCS_CREDENTIAL_STORE: 'memory' } },
    )
    const result = JSON.parse(out.trim().split('\n').pop()!) as { n: number; undici: string[] }
    expect(result.n).toBeGreaterThan(0)
    expect(result.undici).toEqual([])
  })
})
