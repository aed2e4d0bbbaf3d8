// New-VcsUserInvitation -ResultPath against the emulator over real HTTP: a file that is not a result
// file (the input CSV itself) is refused before any request and left untouched; a rerun with the same
// result file sends nothing and writes nothing for e-mails it already settled (invalid ones included,
// which are still reported as errors), retries only Failed ones, and the one-shot exit code says what
// this run did.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { input, UsageError } from '../../../src/engine/index.js'
import { importCsv } from '../../../src/library/core.js'
import { newVcsUserInvitation, type VcsUserInvitation } from '../../../src/library/vcs.js'
import { runCli } from '../../cli/helpers.js'
import { errorMessages, requestsTo, resetStats, stats, useEmulator } from './emulator.js'

const bed = useEmulator()
const HEADER = 'Email,Result,InvitationId,Reason,Timestamp'
const POSTS = '/orgs/{orgId}/invitations'

function workDir(): string {
  return mkdtempSync(join(tmpdir(), 'vcs-result-file-'))
}

/** The data rows of a result file, as [Email, Result] pairs. */
function rowsOf(path: string): string[][] {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n')
  expect(header).toBe(HEADER)
  return rows.map((row) => row.split(',').slice(0, 2))
}

function cliEnv() {
  return { VCS_SERVER: bed.emulator.url, VCS_API_TOKEN: bed.emulator.credentials.apiToken }
}

describe('-ResultPath that is not a result file', () => {
  const people = 'Email,FirstName\nrp-1@newcomer.example,One\nrp-2@newcomer.example,Two\n'

  it('refuses the input CSV itself before any request, naming the file, and leaves it as it was', async () => {
    const path = join(workDir(), 'rp.csv')
    writeFileSync(path, people)
    await resetStats(bed)
    const error = await importCsv({ path })
      .pipe(newVcsUserInvitation({ resultPath: path }))
      .in(bed.session)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      )
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).exitCode).toBe(2)
    expect((error as Error).message).toContain(path)
    expect((error as Error).message).toMatch(/not a result file.*'Email,FirstName'.*nothing was written/)
    expect((error as Error).message).not.toContain('\n')
    expect(readFileSync(path, 'utf8')).toBe(people)
    expect((await stats(bed)).requests).toEqual({})
  })

  it('refuses any non-empty file with another first line; an empty file is a new result file', async () => {
    const dir = workDir()
    const other = join(dir, 'notes.txt')
    writeFileSync(other, 'remember the milk\n')
    await expect(
      newVcsUserInvitation({ email: ['rp-3@newcomer.example'], resultPath: other }).in(bed.session),
    ).rejects.toThrow(/not a result file/)
    expect(readFileSync(other, 'utf8')).toBe('remember the milk\n')
    const empty = join(dir, 'empty.csv')
    writeFileSync(empty, '')
    await newVcsUserInvitation({ email: ['rp-3@newcomer.example'], resultPath: empty }).in(bed.session)
    expect(rowsOf(empty)).toEqual([['rp-3@newcomer.example', 'Invited']])
  })

  it('one-shot: exit code 2, one line on stderr naming the file, no request (not even a token), file intact', async () => {
    const dir = workDir()
    writeFileSync(join(dir, 'rp.csv'), people)
    await resetStats(bed)
    const result = await runCli(['-c', 'Import-Csv rp.csv | New-VcsUserInvitation -ResultPath rp.csv'], {
      env: cliEnv(),
      cwd: dir,
    })
    expect(result.code, result.stderr).toBe(2)
    const lines = result.stderr.trim().split('\n')
    expect(lines[0]).toMatch(/'rp\.csv' is not a result file/)
    expect(lines.filter((line) => /result file/.test(line))).toHaveLength(1)
    expect(result.stdout.trim()).toMatch(/^(\[\])?$/) // no records
    expect(readFileSync(join(dir, 'rp.csv'), 'utf8')).toBe(people)
    expect((await stats(bed)).requests).toEqual({})
  })

  it('resumes a result file written by an earlier run (same header), skipping what it finished', async () => {
    const path = join(workDir(), 'results.csv')
    const earlier = `${HEADER}\nrp-done@newcomer.example,Invited,abc,,2024-01-01T00:00:00.000Z\n`
    writeFileSync(path, earlier)
    await resetStats(bed)
    const out = (await input([{ Email: 'rp-done@newcomer.example' }, { Email: 'rp-new@newcomer.example' }])
      .pipe(newVcsUserInvitation({ resultPath: path }))
      .in(bed.session)) as VcsUserInvitation[]
    expect(out.map((invitation) => invitation.Email)).toEqual(['rp-new@newcomer.example'])
    expect(requestsTo(await stats(bed), 'POST', POSTS)).toBe(1)
    expect(readFileSync(path, 'utf8').startsWith(earlier)).toBe(true)
    expect(rowsOf(path)).toEqual([
      ['rp-done@newcomer.example', 'Invited'],
      ['rp-new@newcomer.example', 'Invited'],
    ])
  })
})

describe('rerunning with the same result file', () => {
  const rows = [
    { Email: 'again-1@newcomer.example' },
    { Email: 'broken@' },
    { Email: 'again-2@newcomer.example' },
    { Email: 'maya.patel@demo.example' }, // a member
    { Email: 'AGAIN-1@newcomer.example' }, // listed twice
    { Email: 'not an e-mail' },
  ]

  it('writes one row per e-mail, and a rerun sends nothing, writes nothing and still reports invalid rows', async () => {
    const path = join(workDir(), 'results.csv')
    await input(rows)
      .pipe(newVcsUserInvitation({ resultPath: path }))
      .in(bed.session)
    expect(rowsOf(path)).toEqual([
      ['broken@', 'Invalid'],
      ['maya.patel@demo.example', 'AlreadyMember'],
      ['not an e-mail', 'Invalid'],
      ['again-1@newcomer.example', 'Invited'],
      ['again-2@newcomer.example', 'Invited'],
    ])
    expect(bed.host.warnings).toContain(
      'AGAIN-1@newcomer.example: listed more than once in this run; not invited again.',
    )
    const first = readFileSync(path, 'utf8')

    bed.host.errors.length = 0
    bed.host.warnings.length = 0
    await resetStats(bed)
    const out = await input(rows)
      .pipe(newVcsUserInvitation({ resultPath: path }))
      .in(bed.session)
    expect(out).toEqual([])
    expect(requestsTo(await stats(bed), 'POST', POSTS)).toBe(0)
    expect(readFileSync(path, 'utf8')).toBe(first)
    // The input still has them: reported again, one error each, not written again.
    expect(errorMessages(bed.host)).toEqual([
      'broken@: not a valid e-mail address.',
      'not an e-mail: not a valid e-mail address.',
    ])
    expect(bed.host.warnings).toEqual([])
  })

  it('retries only Failed e-mails; the new row follows the Failed one', async () => {
    const path = join(workDir(), 'results.csv')
    writeFileSync(
      path,
      `${HEADER}\n` +
        'retry@newcomer.example,Failed,,CSP answered 503,2024-01-01T00:00:00.000Z\n' +
        'done@newcomer.example,AlreadyInvited,,already has a pending invitation,2024-01-01T00:00:00.000Z\n' +
        'broken@,Invalid,,not a valid e-mail address,2024-01-01T00:00:00.000Z\n',
    )
    await resetStats(bed)
    const out = (await input([
      { Email: 'retry@newcomer.example' },
      { Email: 'done@newcomer.example' },
      { Email: 'broken@' },
    ])
      .pipe(newVcsUserInvitation({ resultPath: path }))
      .in(bed.session)) as VcsUserInvitation[]
    expect(out.map((invitation) => invitation.Email)).toEqual(['retry@newcomer.example'])
    expect(requestsTo(await stats(bed), 'POST', POSTS)).toBe(1)
    expect(rowsOf(path)).toEqual([
      ['retry@newcomer.example', 'Failed'],
      ['done@newcomer.example', 'AlreadyInvited'],
      ['broken@', 'Invalid'],
      ['retry@newcomer.example', 'Invited'],
    ])
    expect(errorMessages(bed.host)).toEqual(['broken@: not a valid e-mail address.'])
  })

  it('one-shot: a rerun with nothing left to do exits 0; invalid rows still in the input keep it non-zero', async () => {
    const dir = workDir()
    const run = () =>
      runCli(['-c', 'Import-Csv people.csv | New-VcsUserInvitation -ResultPath results.csv'], {
        env: cliEnv(),
        cwd: dir,
      })
    writeFileSync(
      join(dir, 'people.csv'),
      'Email\nexit-1@newcomer.example\nbroken@\nexit-2@newcomer.example\n',
    )
    const first = await run()
    expect(first.code, first.stderr).toBe(5)
    const written = readFileSync(join(dir, 'results.csv'), 'utf8')

    await resetStats(bed)
    const again = await run()
    expect(again.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/broken@: not a valid e-mail address/),
      'Summary: 1 failed.',
    ])
    // Nothing was sent and invalid input is all that failed: the validation family's code.
    expect(again.code).toBe(2)
    expect(requestsTo(await stats(bed), 'POST', POSTS)).toBe(0)
    expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toBe(written)

    // The input fixed: nothing to do, nothing failed.
    writeFileSync(join(dir, 'people.csv'), 'Email\nexit-1@newcomer.example\nexit-2@newcomer.example\n')
    const fixed = await run()
    expect(fixed.code, fixed.stderr).toBe(0)
    expect(fixed.stderr).toBe('')
    expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toBe(written)
  })
})
