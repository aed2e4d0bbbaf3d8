// The emulator with `--data` on a disk that fills up: it stays up, serves reads, answers writes with
// 503 (a status CSP documents and clients retry or report), and says once on stderr why. Before, the
// first failed LMDB commit ended the process with an unhandled rejection. The disk is real: a 512 KiB
// tmpfs mounted in a private mount namespace (`unshare -rm`); where the machine refuses that, the
// test says so and skips.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const CLI = resolve(process.env.VCS_CLI ?? 'dist/cli.cjs')

function canMountTmpfs(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'vcs-tmpfs-probe-'))
  return spawnSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=16k tmpfs '${dir}'`]).status === 0
}

describe.skipIf(!canMountTmpfs())('the emulator on a full disk (a real 512 KiB tmpfs)', () => {
  let child: ChildProcess | undefined
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGTERM')
  })

  it('stays up: reads answer 200, writes 503, one line on stderr says why', async () => {
    const disk = mkdtempSync(join(tmpdir(), 'vcs-emulator-disk-'))
    const script = `mount -t tmpfs -o size=512k tmpfs '${disk}' || exit 99; exec "$0" '${CLI}' emulator --data '${disk}/data' --port 0 --seed empty --json`
    child = spawn('unshare', ['-rm', 'sh', '-c', script, process.execPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (chunk) => (stdout += chunk))
    child.stderr!.on('data', (chunk) => (stderr += chunk))
    for (let waited = 0; !stdout.includes('\n') && waited < 400; waited++)
      await new Promise((done) => setTimeout(done, 50))
    const { url, apiToken, orgId } = JSON.parse(stdout.split('\n')[0]) as Record<string, string>
    const exchange = await fetch(`${url}/csp/gateway/am/api/auth/api-tokens/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `api_token=${apiToken}`,
    })
    const { access_token: token } = (await exchange.json()) as { access_token: string }
    const headers = { 'csp-auth-token': token, 'content-type': 'application/json' }
    const invitations = `${url}/csp/gateway/am/api/orgs/${orgId}/invitations`

    // Invite batches of 20 long e-mails until a write is refused (the disk is 512 KiB).
    const statuses: number[] = []
    for (let batch = 0; batch < 400 && !statuses.includes(503); batch++) {
      const usernames = Array.from(
        { length: 20 },
        (_, index) => `fill-${batch}-${index}-${'x'.repeat(60)}@newcomer.example`,
      )
      const response = await fetch(invitations, {
        method: 'POST',
        headers,
        body: JSON.stringify({ usernames, organizationRoles: [{ name: 'org_member' }] }),
      })
      await response.arrayBuffer()
      statuses.push(response.status)
    }
    expect(statuses.at(-1)).toBe(503)
    expect(statuses.filter((status) => status !== 202 && status !== 503)).toEqual([])
    expect(statuses.filter((status) => status === 202).length).toBeGreaterThan(0)

    // Still up: reads work, writes keep answering 503.
    expect(child.exitCode).toBeNull()
    const list = await fetch(`${invitations}?pageLimit=1`, { headers })
    await list.arrayBuffer()
    expect(list.status).toBe(200)
    const again = await fetch(invitations, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        usernames: ['late@newcomer.example'],
        organizationRoles: [{ name: 'org_member' }],
      }),
    })
    expect(again.status).toBe(503)
    expect(((await again.json()) as { message: string }).message).toMatch(/temporarily unavailable/)
    expect(stderr.match(/emulator: the data directory could not be written/g)).toHaveLength(1)
    expect(stderr).toMatch(/refusing writes \(503\) until restarted/)
    expect(stderr).not.toMatch(/Commit failed|Node\.js v/)
  }, 120_000)
})
