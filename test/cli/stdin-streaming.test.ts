// Piped stdin is streamed, never read whole: records reach the command as their lines arrive, and
// stdin is read only as fast as the command takes records. Proved with real processes and pipes: an
// endless CSV producer (which a reader that buffers the whole input would wait on forever) is read
// only a bounded amount before `vcs Select-Object --first 1` ends; a single row on a pipe that stays
// open is processed at once; a one-shot invite sends its first batch while stdin is still open.
// (Peak memory for 1,000,000 piped rows is measured with /usr/bin/time -v and reported in
// RELIABILITY.md; these tests assert the behaviour that keeps it flat, not a number or a duration.)
import { spawn } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { requestsTo, resetStats, stats, useEmulator } from '../cmdlets/vcs/emulator.js'
import { CLI, cleanEnv, collect } from './helpers.js'

const bed = useEmulator()

function start(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...cleanEnv(), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  // The test may still be writing when the command has what it needs and exits.
  child.stdin.on('error', () => undefined)
  return { child, done: collect(child) }
}

describe('CSV piped into a one-shot command', () => {
  it('an endless producer is read only as far as needed: the command ends after the first record', async () => {
    const { child, done } = start(['Select-Object', '--first', '1', '--output', 'json'])
    let written = 0
    let exited = false
    void done.then(() => (exited = true))
    const row = 'someone@example.com,org_member,"a note, with a comma"\n'.repeat(1000)
    // Respects backpressure as a real producer (`yes | ...`) does: writes on only when the pipe drains.
    const write = (text: string) => {
      written += text.length
      if (child.stdin.write(text)) setImmediate(() => !exited && write(row))
      else child.stdin.once('drain', () => !exited && write(row))
    }
    write('Email,Role,Note\n')
    const result = await done
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([
      { Email: 'someone@example.com', Role: 'org_member', Note: 'a note, with a comma' },
    ])
    // A pipe holds 64 KiB and Node reads 64 KiB at a time: a few of those, not the whole (endless) input.
    expect(written).toBeLessThan(8 * 1024 * 1024)
  })

  it('one row on a pipe that stays open is processed at once (no waiting for the next line or the end)', async () => {
    const { child, done } = start(['Select-Object', '--first', '1', '--output', 'json'])
    child.stdin.write('Email,Role\r\nfirst@example.com,org_member\r\n')
    const result = await done
    // stdin was never ended: the command finished on the row alone.
    expect(child.stdin.writableEnded).toBe(false)
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([{ Email: 'first@example.com', Role: 'org_member' }])
  })

  it('200,000 piped rows flow through a process whose heap is capped at 40 MB: nothing is kept per record', async () => {
    // Before, each record stayed reachable from a promise raced against the run's abort signal
    // until the end: this run died of "JavaScript heap out of memory".
    const path = join(mkdtempSync(join(tmpdir(), 'vcs-stdin-')), 'rows.csv')
    const rows = Array.from({ length: 200_000 }, (_, index) => `user${index}@example.com,org_member`)
    writeFileSync(path, `Email,OrganizationRole\n${rows.join('\n')}\n`)
    const fd = openSync(path, 'r')
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=40', CLI, 'Measure-Object', '--output', 'json'],
      {
        env: cleanEnv(),
        stdio: [fd, 'pipe', 'pipe'],
      },
    )
    closeSync(fd)
    const result = await collect(child)
    expect(result.stderr).not.toMatch(/heap out of memory/)
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject([{ Count: 200_000 }])
  }, 180_000)

  it('a one-shot invite sends its first batch while stdin is still open', async () => {
    await resetStats(bed)
    const { child, done } = start(['New-VcsUserInvitation', '--batch-size', '1'], {
      VCS_SERVER: bed.emulator.url,
      VCS_API_TOKEN: bed.emulator.credentials.apiToken,
    })
    child.stdin.write('Email,OrganizationRole\nstream-1@newcomer.example,org_member\n')
    let posts = 0
    for (let waited = 0; posts === 0 && waited < 600; waited++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      posts = requestsTo(await stats(bed), 'POST', '/orgs/{orgId}/invitations')
    }
    expect(posts).toBe(1)
    expect(child.stdin.writableEnded).toBe(false)
    child.stdin.end('stream-2@newcomer.example,org_member\n')
    const result = await done
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toMatch(/Summary: 2 invited/)
    expect(requestsTo(await stats(bed), 'POST', '/orgs/{orgId}/invitations')).toBe(2)
  })
})
