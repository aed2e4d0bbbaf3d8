// The -ResultPath file against what file systems do, with real files and real processes: a run killed
// mid-write leaves a cut last row that the rerun repairs (no row lost, none doubled); two runs on one
// file cannot both write it (a lock file with the owner's pid; a stale one is taken over); a disk
// that fills up mid-run stops the run with one line, exit code 1 and the ledger summary, and the
// rerun on a disk with room finishes the job. The full disk is real: a 16 KiB tmpfs mounted in a
// private mount namespace (`unshare -rm`); where the machine refuses that, the test says so and skips.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { input, UsageError } from '../../../src/engine/index.js'
import { getVcsUserInvitation, newVcsUserInvitation } from '../../../src/library/vcs.js'
import { CLI, cleanEnv, collect, runCli } from '../../cli/helpers.js'
import { requestsTo, resetStats, stats, useEmulator } from './emulator.js'

const bed = useEmulator()
const HEADER = 'Email,Result,InvitationId,Reason,Timestamp'
const POSTS = '/orgs/{orgId}/invitations'

function workDir(): string {
  return mkdtempSync(join(tmpdir(), 'vcs-result-disk-'))
}

function cliEnv() {
  return { VCS_SERVER: bed.emulator.url, VCS_API_TOKEN: bed.emulator.credentials.apiToken }
}

/** Data rows of a result file as [Email, Result]; every line must have the header's 5 cells. */
function rowsOf(path: string): string[][] {
  const text = readFileSync(path, 'utf8')
  expect(text.endsWith('\n')).toBe(true)
  const [header, ...rows] = text.trimEnd().split('\n')
  expect(header).toBe(HEADER)
  for (const row of rows) expect(row.split(',')).toHaveLength(5)
  return rows.map((row) => row.split(',').slice(0, 2))
}

/** Pending invitations per e-mail at the emulator, for the given e-mails. */
async function invitationCounts(emails: readonly string[]): Promise<Map<string, number>> {
  const all = (await getVcsUserInvitation({}).in(bed.session)) as Array<{ Email: string }>
  const counts = new Map(emails.map((email) => [email, 0]))
  for (const { Email } of all) if (counts.has(Email)) counts.set(Email, counts.get(Email)! + 1)
  return counts
}

function emailList(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}@newcomer.example`)
}

describe('a result file whose last row was cut by a crash', () => {
  it('is repaired on rerun: the cut row is removed, its e-mail gets one row, no e-mail is invited twice', async () => {
    const path = join(workDir(), 'results.csv')
    const emails = emailList('torn', 4)
    await input(emails.slice(0, 3).map((Email) => ({ Email })))
      .pipe(newVcsUserInvitation({ resultPath: path }))
      .in(bed.session)
    const whole = readFileSync(path, 'utf8')
    // The crash: the last row's write stopped halfway (no line end).
    const lastRow = whole.trimEnd().split('\n').at(-1)!
    const cutAt = whole.length - lastRow.length - 1 + Math.floor(lastRow.length / 2)
    writeFileSync(path, whole.slice(0, cutAt))
    const cutEmail = lastRow.split(',')[0]

    await resetStats(bed)
    await input(emails.map((Email) => ({ Email })))
      .pipe(newVcsUserInvitation({ resultPath: path }))
      .in(bed.session)

    const rows = rowsOf(path)
    expect(rows.map(([email]) => email).sort()).toEqual([...emails].sort())
    expect(rows.find(([email]) => email === cutEmail)?.[1]).toBe('AlreadyInvited')
    // Only the new e-mail was sent; the cut one was found pending, not invited again.
    expect(requestsTo(await stats(bed), 'POST', POSTS)).toBe(1)
    expect([...(await invitationCounts(emails)).values()]).toEqual([1, 1, 1, 1])
    expect(existsSync(`${path}.lock`)).toBe(false)
  })

  it('a header cut short by a crash is not "another file": the rerun rewrites it once', async () => {
    const path = join(workDir(), 'results.csv')
    writeFileSync(path, 'Email,Resu')
    await input([{ Email: 'torn-header@newcomer.example' }])
      .pipe(newVcsUserInvitation({ resultPath: path }))
      .in(bed.session)
    expect(rowsOf(path)).toEqual([['torn-header@newcomer.example', 'Invited']])
  })
})

describe('two runs on one result file', () => {
  it('a second run is refused before anything is sent while the first one writes the file', async () => {
    const dir = workDir()
    const path = join(dir, 'results.csv')
    // The first run reads its e-mails from a pipe that stays open: it holds the file until it ends.
    const first = spawn(process.execPath, [CLI, 'New-VcsUserInvitation', '--result-path', path], {
      env: { ...cleanEnv(), ...cliEnv() },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    const firstDone = collect(first)
    first.stdin.write('Email\nlock-1@newcomer.example\nlock-2@newcomer.example\n')
    for (let waited = 0; !existsSync(`${path}.lock`) && waited < 300; waited++)
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect(readFileSync(`${path}.lock`, 'utf8')).toMatch(new RegExp(`^${first.pid} `))

    await resetStats(bed)
    const second = await runCli(['New-VcsUserInvitation', '--result-path', path], {
      env: cliEnv(),
      stdin: 'Email\nlock-3@newcomer.example\n',
    })
    expect(second.code, second.stderr).toBe(2)
    expect(second.stderr).toContain(`another run (pid ${first.pid}) is writing it; nothing was sent`)
    expect(requestsTo(await stats(bed), 'POST', POSTS)).toBe(0)

    first.stdin.end()
    const done = await firstDone
    expect(done.code, done.stderr).toBe(0)
    expect(existsSync(`${path}.lock`)).toBe(false)
    expect(rowsOf(path)).toEqual([
      ['lock-1@newcomer.example', 'Invited'],
      ['lock-2@newcomer.example', 'Invited'],
    ])
  })

  it('a lock left by a run that no longer exists (kill -9) is taken over', async () => {
    const path = join(workDir(), 'results.csv')
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
    writeFileSync(`${path}.lock`, `${gone.stdout.toString()} ${(await import('node:os')).hostname()}\n`)
    await input([{ Email: 'stale-lock@newcomer.example' }])
      .pipe(newVcsUserInvitation({ resultPath: path }))
      .in(bed.session)
    expect(rowsOf(path)).toEqual([['stale-lock@newcomer.example', 'Invited']])
    expect(existsSync(`${path}.lock`)).toBe(false)
  })

  it('a live lock in the same process (a second job in one shell session) is refused as a usage error', async () => {
    const path = join(workDir(), 'results.csv')
    writeFileSync(`${path}.lock`, `${process.pid} ${(await import('node:os')).hostname()}\n`)
    await resetStats(bed)
    const error = await input([{ Email: 'live-lock@newcomer.example' }])
      .pipe(newVcsUserInvitation({ resultPath: path }))
      .in(bed.session)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      )
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toMatch(/another run \(pid \d+\) is writing it/)
    expect(requestsTo(await stats(bed), 'POST', POSTS)).toBe(0)
    expect(existsSync(path)).toBe(false)
  })
})

/** True when this machine lets an unprivileged-looking user mount a tmpfs in its own namespace. */
function canMountTmpfs(): boolean {
  const dir = workDir()
  const probe = spawnSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=16k tmpfs '${dir}'`])
  return probe.status === 0
}

describe.skipIf(!canMountTmpfs())('a disk that fills up mid-run (a real 16 KiB tmpfs)', () => {
  it('stops the run with one line, exit code 1 and the summary; the rerun with room finishes the job', async () => {
    const dir = workDir()
    const full = join(dir, 'disk')
    const kept = join(dir, 'results.csv')
    const emails = emailList('enospc', 400)
    writeFileSync(join(dir, 'people.csv'), `Email\n${emails.join('\n')}\n`)
    // In its own mount namespace: mount a 16 KiB tmpfs, run the job with its result file there, then
    // copy what was written out before the namespace (and the tmpfs) goes away.
    const script = [
      `mkdir -p '${full}' && mount -t tmpfs -o size=16k tmpfs '${full}' || exit 99`,
      `"$0" '${CLI}' New-VcsUserInvitation --batch-size 20 --result-path '${full}/results.csv' < '${dir}/people.csv'`,
      'code=$?',
      `cp '${full}/results.csv' '${kept}'`,
      `ls '${full}' > '${dir}/listing'`,
      'exit $code',
    ].join('\n')
    const run = spawn('unshare', ['-rm', 'sh', '-c', script, process.execPath], {
      env: { ...cleanEnv(), ...cliEnv() },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const result = await collect(run)
    expect(result.code, result.stderr).toBe(1)
    const errors = result.stderr.split('\n').filter((line) => line.includes('result file'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(
      /Cannot write the result file '.*results\.csv': the disk is full \(ENOSPC\); the run stopped, and sends nothing more\. \d+ row\(s\) of this run were written; rerun with the same file/,
    )
    expect(result.stderr).toMatch(/^Summary: .*invited/m)
    expect(result.stderr).not.toMatch(/at .*\.js:\d+|Cannot read properties|undefined/)
    // The lock went with the run.
    expect(readFileSync(join(dir, 'listing'), 'utf8').trim()).toBe('results.csv')
    const partial = readFileSync(kept, 'utf8')
    expect(partial.length).toBeGreaterThan(1000)
    expect(partial.length).toBeLessThanOrEqual(16 * 1024)

    // The rerun, with room: the torn tail is cut, every e-mail ends with exactly one row and one invitation.
    const rerun = await runCli(['New-VcsUserInvitation', '--result-path', kept], {
      env: cliEnv(),
      stdin: readFileSync(join(dir, 'people.csv'), 'utf8'),
    })
    expect(rerun.code, rerun.stderr).toBe(0)
    const rows = rowsOf(kept)
    expect(rows.map(([email]) => email).sort()).toEqual([...emails].sort())
    const counts = await invitationCounts(emails)
    expect([...counts.entries()].filter(([, count]) => count !== 1)).toEqual([])
  }, 120_000)
})
