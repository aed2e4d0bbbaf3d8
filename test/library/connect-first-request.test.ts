// What stands between a library caller and its first record (issue 21): the plain `await
// connectVcs(...)` of the library's default session does not wait for the org-name lookup (the
// record's OrgName fills in when it answers), and a plain connection's requests go through Node's own
// fetch, which is part of Node, without loading the undici package's 400 kB as well (that one is for
// proxies, a CA of one's own, no certificate check: src/auth/http.ts).
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
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

  it('the default session looks the org name up only when someone asks for it', async () => {
    // An emulator of its own: its API token has no org name cached (the memory store is the process's).
    const own = await startEmulator({ port: 0, seed: 'demo', quiet: true })
    try {
      const orgLookups = async () => {
        const stats = (await (await fetch(`${own.url}/emulator/api/stats`)).json()) as {
          requests: Record<string, number>
        }
        return Object.entries(stats.requests)
          .filter(([route]) => /^GET \/csp\/gateway\/am\/api\/orgs\/\{orgId\}$/.test(route))
          .reduce((sum, [, count]) => sum + count, 0)
      }
      const [record] = await connectVcs({
        server: own.url,
        apiToken: own.credentials.apiToken,
        credentialStore: 'Memory',
      })
      expect((await getVcsUser()).length).toBeGreaterThan(0)
      expect(await orgLookups()).toBe(0)
      expect(record.OrgName).toBeNull() // asking starts the lookup
      const connection = await getConnection()
      await (connection as unknown as { orgNameReady: Promise<void> }).orgNameReady
      expect(record.OrgName).toBe('Demo Org')
      expect(await orgLookups()).toBe(1)
    } finally {
      await own.close()
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

  it("loads no fetch for a plain connection: neither Node's own undici nor the undici package (node:http sends)", async () => {
    // A loader hook records the files the ES module loader loads; the undici package's chunk of the
    // bundle is the one that holds the undici package's own error codes.
    const work = mkdtempSync(join(tmpdir(), 'vcs-undici-'))
    const files = join(work, 'files')
    writeFileSync(files, '')
    writeFileSync(
      join(work, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs'
export async function load(url, context, nextLoad) {
  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(files)}, url + '\\n')
  return nextLoad(url, context)
}`,
    )
    writeFileSync(
      join(work, 'preload.mjs'),
      `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(join(work, 'hooks.mjs')).href)})`,
    )
    const script = `
      const lib = await import(${JSON.stringify(resolve('dist/index.js'))})
      await lib.connectVcs({ server: process.argv[1], apiToken: process.argv[2], credentialStore: 'Memory' })
      let n = 0
      for await (const _ of lib.getVcsUser()) n++
      console.log(JSON.stringify({ n, undici: process.moduleLoadList.filter((m) => /deps\\/undici/.test(m)) }))
    `
    try {
      // Asynchronously: the emulator answers from this process.
      const { stdout: out } = await promisify(execFile)(
        process.execPath,
        [
          '--import',
          join(work, 'preload.mjs'),
          '--input-type=module',
          '-e',
          script,
          emulator.url,
          emulator.credentials.apiToken,
        ],
        { encoding: 'utf8', env: { ...process.env, VCS_CREDENTIAL_STORE: 'memory' } },
      )
      const result = JSON.parse(out.trim().split('\n').pop()!) as { n: number; undici: string[] }
      expect(result.n).toBeGreaterThan(0)
      // Node's fetch loads its own copy of undici (internal/deps/undici) on first use, ~40 ms of CPU.
      expect(result.undici).toEqual([])
      const chunks = resolve('dist/chunks')
      const undiciChunks = readdirSync(chunks)
        .filter((name) => name.endsWith('.js'))
        .map((name) => join(chunks, name))
        .filter((path) => readFileSync(path, 'utf8').includes('UND_ERR_REQ_CONTENT_LENGTH_MISMATCH'))
      expect(undiciChunks.length).toBeGreaterThan(0)
      const loaded = readFileSync(files, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((url) => fileURLToPath(url))
      expect(loaded).toContain(resolve('dist/index.js'))
      expect(loaded.filter((file) => undiciChunks.includes(file))).toEqual([])
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  })
})
