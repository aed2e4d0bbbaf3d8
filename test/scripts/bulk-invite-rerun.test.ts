// scripts/examples/bulk-invite.mjs run twice with the same result file, as its comment promises: the
// second run sends nothing and writes nothing, the file keeps one row per e-mail, and the exit code
// says what the run found (invalid e-mails in the CSV still count; none left, exit 0).
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../src/emulator/index.js'
import { cleanEnv } from '../cli/helpers.js'

const ZX = resolve('node_modules/.bin/zx')

let emulator: Awaited<ReturnType<typeof startEmulator>>
let work: string

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', quiet: true })
  work = await mkdtemp(join(tmpdir(), 'vcs-bulk-rerun-'))
})
afterAll(async () => {
  await emulator?.close()
  if (work) await rm(work, { recursive: true, force: true })
})

function bulkInvite(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      ZX,
      [resolve('scripts/examples/bulk-invite.mjs'), 'people.csv', '--results', 'results.csv'],
      {
        cwd: work,
        env: { ...cleanEnv(), VCS_SERVER: emulator.url, VCS_API_TOKEN: emulator.credentials.apiToken },
      },
      (error, stdout, stderr) =>
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

async function invitationPosts(): Promise<number> {
  const response = await fetch(`${emulator.url}/emulator/api/stats`)
  const stats = (await response.json()) as { requests: Record<string, number> }
  return Object.entries(stats.requests)
    .filter(([route]) => route.startsWith('POST ') && route.endsWith('/orgs/{orgId}/invitations'))
    .reduce((sum, [, count]) => sum + count, 0)
}

describe('bulk-invite.mjs rerun with the same result file', () => {
  it('keeps one row per e-mail, sends nothing again, and exits 0 once the CSV has no invalid row', async () => {
    await writeFile(
      join(work, 'people.csv'),
      'Email,FirstName\nrerun-1@examples.test,One\nnot-an-email,Two\nrerun-2@examples.test,Three\n',
    )
    const first = await bulkInvite()
    expect(first.code, first.stderr).toBe(5)
    expect(first.stdout).toMatch(/2 invitation\(s\) sent for people\.csv; 3 row\(s\) in results\.csv/)
    const written = await readFile(join(work, 'results.csv'), 'utf8')
    const posts = await invitationPosts()

    const second = await bulkInvite()
    // The invalid row is still in the CSV: reported again, still a failure, not written again.
    expect(second.code, second.stderr).toBe(5)
    expect(second.stderr.match(/not-an-email: not a valid e-mail address/g)).toHaveLength(1)
    expect(second.stdout).toMatch(/0 invitation\(s\) sent for people\.csv; 3 row\(s\) in results\.csv/)
    expect(second.stdout).toMatch(/Invalid: 1\n/)
    expect(second.stdout).toMatch(/Invited: 2\n/)
    expect(await readFile(join(work, 'results.csv'), 'utf8')).toBe(written)
    expect(await invitationPosts()).toBe(posts)

    await writeFile(join(work, 'people.csv'), 'Email\nrerun-1@examples.test\nrerun-2@examples.test\n')
    const fixed = await bulkInvite()
    expect(fixed.code, fixed.stderr).toBe(0)
    expect(fixed.stdout).toMatch(/Invited: 2\n/)
    expect(fixed.stdout).not.toMatch(/Invalid/)
    expect(await readFile(join(work, 'results.csv'), 'utf8')).toBe(written)
  })
})
