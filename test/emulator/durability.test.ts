// Durability: an emulator process with a data directory is killed with SIGKILL right after (and
// while) it acknowledges writes; restarted on the same directory, every acknowledged write is there.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
// A private bundle of the emulator, so the test never runs a stale dist/ (or needs the whole build).
// It lives under node_modules so that the external `lmdb` resolves from the project.
// One bundle per test process: worktrees that share node_modules must not overwrite each other's.
const BUNDLE = join(ROOT, `node_modules/.cache/vcs-emulator-test/emulator-${process.pid}.mjs`)
const AM = '/csp/gateway/am/api'

interface Child {
  process: ChildProcessWithoutNullStreams
  url: string
  orgId: string
  apiToken: string
}

async function spawnEmulator(dataDir: string): Promise<Child> {
  const script = `import(${JSON.stringify(BUNDLE)}).then((m) => m.runEmulatorCommand({ port: 0, dataDir: ${JSON.stringify(dataDir)}, json: true, quiet: true }))`
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const first = await new Promise<string>((resolveLine, reject) => {
    createInterface({ input: child.stdout }).once('line', resolveLine)
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}): ${stderr}`)))
  })
  const line = JSON.parse(first)
  return { process: child, url: line.url, orgId: line.orgId, apiToken: line.apiToken }
}

function kill9(child: Child): Promise<void> {
  return new Promise((resolveExit) => {
    child.process.once('exit', () => resolveExit())
    child.process.kill('SIGKILL')
  })
}

async function request(child: Child, method: string, path: string, token?: string, json?: unknown) {
  const response = await fetch(`${child.url}${path}`, {
    method,
    headers: {
      ...(token ? { 'csp-auth-token': token } : {}),
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  })
  const text = await response.text()
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) }
}

async function tokenOf(child: Child): Promise<string> {
  const response = await fetch(`${child.url}${AM}/auth/api-tokens/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_token: child.apiToken }),
  })
  return ((await response.json()) as { access_token: string }).access_token
}

let workDir: string

beforeAll(async () => {
  mkdirSync(join(ROOT, 'node_modules/.cache/vcs-emulator-test'), { recursive: true })
  await build({
    entryPoints: [join(ROOT, 'src/emulator/entry.ts')],
    outfile: BUNDLE,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['lmdb'],
    logLevel: 'warning',
  })
  workDir = mkdtempSync(join(tmpdir(), 'vcs-emulator-durability-'))
})
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true })
  rmSync(BUNDLE, { force: true })
})

describe('kill -9 and restart', () => {
  it('keeps every acknowledged write, including those acknowledged while others were in flight', async () => {
    const dataDir = join(workDir, 'data')
    const first = await spawnEmulator(dataDir)
    const token = await tokenOf(first)
    const org = `${AM}/orgs/${first.orgId}`

    // One of each write, each acknowledged before the next.
    expect(
      (
        await request(first, 'POST', `${org}/invitations`, token, {
          usernames: ['kept.one@example.com', 'kept.two@example.com'],
        })
      ).status,
    ).toBe(202)
    const invitations = (await request(first, 'GET', `${org}/invitations`, token)).body as any[]
    const samuel = invitations.find((invitation) => invitation.username === 'samuel.reid@demo.example')
    expect((await request(first, 'DELETE', samuel.refLink, token)).status).toBe(200)
    expect(
      (
        await request(first, 'POST', `${org}/invitations?action=revoke`, token, {
          usernames: ['grace.kim@demo.example'],
        })
      ).status,
    ).toBe(202)
    const chloe = (await request(first, 'GET', `${org}/users/search?userSearchTerm=chloe`, token)).body
      .results[0].user.userId
    expect(
      (await request(first, 'DELETE', `${AM}/v2/orgs/${first.orgId}/users`, token, { ids: [chloe] })).body
        .succeeded,
    ).toEqual([chloe])
    expect(
      (
        await request(first, 'POST', '/emulator/api/accounts', undefined, {
          email: 'outside.kept@example.org',
          firstName: 'Out',
          lastName: 'Kept',
        })
      ).status,
    ).toBe(201)
    const [mail] = (await request(first, 'GET', '/emulator/api/mailbox?to=kept.one@example.com')).body
    expect(
      (
        await request(first, 'POST', new URL(mail.link).pathname, undefined, {
          firstName: 'Kept',
          lastName: 'One',
        })
      ).status,
    ).toBe(200)

    // A burst of concurrent invitations; kill as soon as half of them are acknowledged.
    const burst = Array.from({ length: 30 }, (_, index) => `burst.${index}@example.com`)
    const acknowledged: string[] = []
    let killed: Promise<void> | undefined
    await Promise.allSettled(
      burst.map(async (username) => {
        const answer = await request(first, 'POST', `${org}/invitations`, token, { usernames: [username] })
        if (answer.status === 202) acknowledged.push(username)
        if (acknowledged.length >= burst.length / 2) killed ??= kill9(first)
      }),
    )
    await (killed ?? kill9(first))
    expect(acknowledged.length).toBeGreaterThanOrEqual(burst.length / 2)

    const second = await spawnEmulator(dataDir)
    try {
      expect(second.orgId).toBe(first.orgId)
      expect(second.apiToken).toBe(first.apiToken)
      const again = await tokenOf(second)
      const after = (await request(second, 'GET', `${org}/invitations`, again)).body as any[]
      const statusOf = (username: string) =>
        after.find((invitation) => invitation.username === username)?.status
      expect(statusOf('kept.one@example.com')).toBe('REDEEMED')
      expect(statusOf('kept.two@example.com')).toBe('AVAILABLE')
      expect(statusOf('samuel.reid@demo.example')).toBe('REVOKED')
      expect(statusOf('grace.kim@demo.example')).toBe('REVOKED')
      for (const username of acknowledged) expect(statusOf(username), username).toBe('AVAILABLE')
      const users = (await request(second, 'GET', `${AM}/v2/orgs/${first.orgId}/users`, again)).body
      const names = users.results.map((item: any) => item.user.username)
      expect(names).toContain('kept.one@example.com')
      expect(names).not.toContain('chloe.martin@demo.example')
      expect(users.totalResults).toBe(34)
      const invite = await request(second, 'POST', `${org}/invitations`, again, {
        usernames: ['outside.kept@example.org'],
      })
      expect(invite.status).toBe(202)
      expect(
        (await request(second, 'GET', `${org}/users/search?userSearchTerm=outside.kept`, again)).body.results,
      ).toHaveLength(1)
    } finally {
      await kill9(second)
    }
  })
})
