// Ctrl+C during a bulk invitation in the interactive shell (a real terminal: tmux), against an
// emulator with latency: the notice's summary, the result file and the server agree exactly.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  configure,
  emails,
  freshEmulator,
  invitedAt,
  mailedAt,
  note,
  resultRows,
  startCli,
  summaryOf,
  until,
  withResult,
  type Emulator,
} from './ledger-helpers.js'

const root = resolve(import.meta.dirname, '..', '..')
const hasTmux = spawnSync('tmux', ['-V']).status === 0
const socketName = `vcs-ledger-${process.pid}`
const session = `vcs-ledger-${process.pid}`
const dir = mkdtempSync(join(tmpdir(), 'vcs-shell-ledger-'))
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socketName, ...args], { encoding: 'utf8' })
const screen = () => tmux('capture-pane', '-p', '-J', '-t', session, '-S', '-500').trimEnd()
let emulator: Emulator

describe.skipIf(!hasTmux)('Ctrl+C in the shell during a bulk invitation (tmux)', () => {
  beforeAll(async () => {
    if (!existsSync(join(root, 'dist', 'cli.cjs'))) execFileSync('node', ['scripts/build.mjs'], { cwd: root })
    emulator = await freshEmulator({ users: 400 })
    await configure(emulator, { latencyMs: 150 })
    writeFileSync(join(dir, 'people.csv'), ['Email', ...emails(300, 'new.example')].join('\n'))
    const env = [
      `VCS_SERVER=${emulator.url}`,
      `VCS_API_TOKEN=${emulator.credentials.apiToken}`,
      'VCS_CREDENTIAL_STORE=memory',
      `VCS_HISTORY_FILE=${join(dir, 'history')}`,
      'NO_COLOR=1',
    ].join(' ')
    tmux(
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      '160',
      '-y',
      '50',
      `cd ${dir} && env ${env} node ${join(root, 'dist', 'cli.cjs')}`,
    )
    await until(() => /vcs [^\n]*> *$/.test(screen()), 'the first prompt', 30_000)
  })
  afterAll(async () => {
    spawnSync('tmux', ['-L', socketName, 'kill-server'])
    await emulator?.close()
  })

  it('the summary after Ctrl+C equals the result file and the server', async () => {
    tmux(
      'send-keys',
      '-t',
      session,
      '-l',
      'Import-Csv people.csv | New-VcsUserInvitation -BatchSize 10 -ResultPath results.csv',
    )
    tmux('send-keys', '-t', session, 'Enter')
    await until(async () => (await mailedAt(emulator, 'new.example')) >= 30, 'invitations')
    tmux('send-keys', '-t', session, 'C-c')
    await until(() => /Summary: /.test(screen()), 'the summary', 60_000)
    const text = screen()
    expect(text).toContain('Interrupted (Ctrl+C)')
    // Import-Csv reads the file as the job asks for rows: how many were never read is not counted.
    expect(text).toContain("not attempted (read but not sent; the rest of 'people.csv' was not read)")
    const summary = summaryOf(
      text
        .split('\n')
        .map((line) => line.trim())
        .join('\n'),
    )
    const rows = resultRows(join(dir, 'results.csv'))
    const onServer = await invitedAt(emulator, 'new.example')
    expect(new Set(withResult(rows, 'Invited'))).toEqual(new Set(onServer))
    expect(summary.invited).toBe(onServer.length)
    expect(onServer.length).toBeGreaterThanOrEqual(30)
    expect(onServer.length).toBeLessThan(300)
    expect(summary.unknown ?? 0).toBe(0)
    note('shell Ctrl+C during Import-Csv | New-VcsUserInvitation -ResultPath', {
      summary,
      file: { Invited: withResult(rows, 'Invited').length, rows: rows.size },
      server: onServer.length,
    })
  })

  it('the same line again finishes the job: the rest Invited, none AlreadyInvited', async () => {
    await until(() => /vcs [^\n]*> *$/.test(screen()), 'the prompt', 30_000)
    tmux(
      'send-keys',
      '-t',
      session,
      '-l',
      'Import-Csv people.csv | New-VcsUserInvitation -BatchSize 10 -ResultPath results.csv | Measure-Object',
    )
    tmux('send-keys', '-t', session, 'Enter')
    await until(() => /Count\s*:\s*\d+/.test(screen()), 'the count', 120_000)
    const rows = resultRows(join(dir, 'results.csv'))
    expect(withResult(rows, 'Invited')).toHaveLength(300)
    expect(withResult(rows, 'AlreadyInvited')).toEqual([])
    expect(await invitedAt(emulator, 'new.example')).toHaveLength(300)
    note('shell rerun of the same line with the same -ResultPath', {
      file: { Invited: withResult(rows, 'Invited').length, AlreadyInvited: 0 },
      server: 300,
    })
  })

  it('Ctrl+C during Remove-VcsUser -Force: the summary’s removed = the users gone from the server', async () => {
    await until(() => /vcs [^\n]*> *$/.test(screen()), 'the prompt', 30_000)
    tmux(
      'send-keys',
      '-t',
      session,
      '-l',
      "Get-VcsUser -Email '*@staff.demo.example' | Remove-VcsUser -Force -ThrottleLimit 2",
    )
    tmux('send-keys', '-t', session, 'Enter')
    await until(() => (emulator.stats().requests[DELETE_USERS] ?? 0) >= 4, 'removals')
    tmux('send-keys', '-t', session, 'C-c')
    await until(
      () => screen().split('Interrupted (Ctrl+C)').length === 3 && /Summary: [^\n]*removed/.test(screen()),
      'the summary',
      60_000,
    )
    const text = screen()
    const summary = summaryOf(
      text
        .slice(text.lastIndexOf('Interrupted (Ctrl+C)'))
        .split('\n')
        .map((line) => line.trim())
        .join('\n'),
    )
    const listed = await startCli(emulator, [
      'Get-VcsUser',
      '--email',
      '*@staff.demo.example',
      '--output',
      'json',
    ]).done
    const gone = 400 - (JSON.parse(listed.stdout.trim() || '[]') as unknown[]).length
    expect(summary.removed).toBe(gone)
    expect(gone).toBeGreaterThan(0)
    expect(gone).toBeLessThan(400)
    note('shell Ctrl+C during Remove-VcsUser -Force', { summary, server: { removed: gone } })
  })
})

const DELETE_USERS = 'DELETE /csp/gateway/am/api/v2/orgs/{orgId}/users'
