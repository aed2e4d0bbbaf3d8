// The other ways a bulk invitation ends in the interactive shell (a real terminal: tmux), against
// the emulator over HTTP with latency: a bad row, an error the server gives for one row, an outage
// past the retry budget, a real server restart the job rides out, and SIGTERM to the shell. After
// each, the summary the shell printed, the result file and what the server lists agree exactly.
// (Ctrl+C in the shell is shell-ledger.test.ts; the one-shot runs are ledger*.test.ts.)
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { hasTmux, TmuxShell } from '../shell/tmux.js'
import {
  configure,
  countRows,
  emails,
  ensureBuilt,
  freshEmulator,
  invitedAt,
  mailedAt,
  note,
  resultRows,
  startEmulatorProcess,
  stopEmulatorProcess,
  summaryOf,
  until,
  withResult,
  type Emulator,
  type EmulatorProcess,
} from './ledger-helpers.js'

vi.setConfig({ testTimeout: 240_000 })
const PROMPT = 'vcs demo-org>'

/** A shell connected to `server` (not the demo), with the job's budgets given in its environment. */
async function shellFor(server: { url: string; credentials: { apiToken: string } }, env: string, args = '') {
  const shell = new TmuxShell({
    width: 200,
    height: 50,
    args,
    env: `VCS_SERVER=${server.url} VCS_API_TOKEN=${server.credentials.apiToken} ${env}`,
  })
  await shell.start(PROMPT)
  return shell
}

/**
 * True once the line is over: a new, empty prompt below it. (Right after Enter the line is echoed
 * to the scroll-back while the editor still shows it: two prompts, neither of them empty.)
 */
function finished(shell: TmuxShell, promptsBefore: number): boolean {
  return shell.prompts(PROMPT) > promptsBefore && shell.lastLine().trim() === PROMPT
}

/** Types a line, waits for the prompt after it, and returns what the line printed (lines trimmed). */
async function runLine(shell: TmuxShell, line: string, timeoutMs = 180_000): Promise<string> {
  const before = shell.prompts(PROMPT)
  shell.type(line)
  shell.press('Enter')
  await shell.waitFor(`${line} to finish`, () => finished(shell, before), timeoutMs)
  const screen = shell.screen()
  return screen
    .slice(screen.lastIndexOf(line) + line.length)
    .split('\n')
    .map((text) => text.trim())
    .join('\n')
}

/** A CSV of `count` e-mails at `domain` (with a role column), the row at `index` changed by `bad`. */
function csvFile(dir: string, name: string, domain: string, bad: (email: string) => string, index: number) {
  const path = join(dir, name)
  const rows = emails(100, domain).map((email, i) => (i === index ? bad(email) : `${email},org_member`))
  writeFileSync(path, ['Email,OrganizationRole', ...rows].join('\n'))
  return path
}

/** The line every scenario runs: a CSV piped into a bulk invitation with a result file. */
const invite = (csv: string, results: string) =>
  `Import-Csv '${csv}' | New-VcsUserInvitation -BatchSize 10 -ResultPath '${results}' | Out-Null`

describe.skipIf(!hasTmux)('a bulk invitation in the shell, ended other than by Ctrl+C (tmux)', () => {
  let emulator: Emulator
  let shell: TmuxShell
  const dir = mkdtempSync(join(tmpdir(), 'vcs-shell-endings-'))

  beforeAll(async () => {
    ensureBuilt()
    emulator = await freshEmulator()
    await configure(emulator, { latencyMs: 100 })
    // A short outage budget (the one-shot tests' value) so that an outage outlasts it in seconds.
    shell = await shellFor(emulator, 'VCS_OUTAGE_SECONDS=2 VCS_DRAIN_SECONDS=3')
  })
  afterAll(async () => {
    shell?.stop()
    await emulator?.close()
  })

  it('a bad role in row 50 is that row’s problem: Invalid in the file, the rest invited; summary = file = server', async () => {
    const csv = csvFile(dir, 'bad-row.csv', 'badrow.example', (email) => `${email},org_adm`, 49)
    const results = join(dir, 'bad-row-results.csv')
    const printed = await runLine(shell, invite(csv, results))
    const summary = summaryOf(printed)
    const rows = resultRows(results)
    const onServer = await invitedAt(emulator, 'badrow.example')
    expect(summary).toEqual({ invited: 99, failed: 1 })
    expect(countRows(rows)).toEqual({ Invited: 99, Invalid: 1 })
    expect(rows.get('person50@badrow.example')!.Reason).toContain("Unknown organization role 'org_adm'")
    expect(new Set(withResult(rows, 'Invited'))).toEqual(new Set(onServer))
    expect(printed).toContain('person50@badrow.example')
    note('shell, bad role in row 50 of 100', { summary, file: countRows(rows), server: onServer.length })
  })

  it('an address the server refuses (400) fails on its own: Failed in the file, the rest invited; summary = file = server', async () => {
    // Longer than the 254 characters an address may have: CSP (the emulator) refuses the request
    // that carries it; the job narrows the batch down and only that row fails.
    const long = `${'x'.repeat(250)}@refused.example`
    const csv = csvFile(dir, 'refused.csv', 'refused.example', () => `${long},org_member`, 29)
    const results = join(dir, 'refused-results.csv')
    const printed = await runLine(shell, invite(csv, results))
    const summary = summaryOf(printed)
    const rows = resultRows(results)
    const onServer = await invitedAt(emulator, 'refused.example')
    expect(summary).toEqual({ invited: 99, failed: 1 })
    expect(countRows(rows)).toEqual({ Invited: 99, Failed: 1 })
    expect(rows.get(long)!.Reason).toContain('not e-mail addresses')
    expect(onServer).toHaveLength(99)
    expect(new Set(withResult(rows, 'Invited'))).toEqual(new Set(onServer))
    note('shell, the server refuses one row (400)', {
      summary,
      file: countRows(rows),
      server: onServer.length,
    })
  })

  it('an outage past the retry budget stops the job cleanly: the error, then a summary = file = server', async () => {
    const domain = 'outage.example'
    const csv = join(dir, 'outage.csv')
    writeFileSync(csv, ['Email', ...emails(300, domain)].join('\n'))
    const results = join(dir, 'outage-results.csv')
    await configure(emulator, { latencyMs: 150 })
    const line = invite(csv, results)
    const before = shell.prompts(PROMPT)
    shell.type(line)
    shell.press('Enter')
    await until(async () => (await mailedAt(emulator, domain)) >= 30, 'invitations')
    // Every CSP request answers 503 from now on (a gateway whose server is gone).
    await configure(emulator, { faults: { rate: 1, kinds: ['503'], slowMs: 0 } })
    await shell.waitFor('the job to stop', () => finished(shell, before), 180_000)
    await configure(emulator, { faults: null, latencyMs: 0 })
    const screen = shell.screen()
    const printed = screen
      .slice(screen.lastIndexOf(line))
      .split('\n')
      .map((text) => text.trim())
      .join('\n')
    const summary = summaryOf(printed)
    const rows = resultRows(results)
    const onServer = await invitedAt(emulator, domain)
    const invited = withResult(rows, 'Invited')
    expect(printed).toMatch(/503|unavailable|unreachable/i)
    expect(summary.invited).toBe(invited.length)
    expect(new Set(invited)).toEqual(new Set(onServer))
    expect(withResult(rows, 'Unknown')).toHaveLength(summary.unknown ?? 0)
    expect(summary['not attempted']).toBeGreaterThan(0)
    // Every input is in one count, and every e-mail that was sent has its row.
    const total = ['invited', 'failed', 'unknown', 'not attempted'].reduce((n, k) => n + (summary[k] ?? 0), 0)
    expect(total).toBe(300)
    expect(rows.size + summary['not attempted']).toBe(300)
    note('shell, outage (503) beyond a 2 s budget', {
      summary,
      file: countRows(rows),
      server: onServer.length,
    })
  })
})

describe.skipIf(!hasTmux)('a bulk invitation in the shell through a real server restart (tmux)', () => {
  let server: EmulatorProcess | undefined
  let shell: TmuxShell
  const dataDir = mkdtempSync(join(tmpdir(), 'vcs-shell-restart-'))

  beforeAll(async () => {
    ensureBuilt()
    server = await startEmulatorProcess(dataDir)
    await configure(server, { latencyMs: 100 })
    shell = await shellFor(server, 'VCS_DRAIN_SECONDS=5')
  })
  afterAll(async () => {
    shell?.stop()
    await stopEmulatorProcess(server, 'SIGTERM')
  })

  it('the server killed and back 3 s later: the job goes on, all 300 invited; summary = file = server', async () => {
    const domain = 'restart.example'
    const csv = join(dataDir, 'people.csv')
    writeFileSync(csv, ['Email', ...emails(300, domain)].join('\n'))
    const results = join(dataDir, 'results.csv')
    const line = invite(csv, results)
    const before = shell.prompts(PROMPT)
    const first = server!
    const port = Number(new URL(first.url).port)
    shell.type(line)
    shell.press('Enter')
    await until(async () => (await mailedAt(first, domain)) >= 30, 'invitations')
    await stopEmulatorProcess(first, 'SIGKILL')
    // Down for about 3 s (the scenario, not an assertion), then back with the same state and port.
    await new Promise((resolveWait) => setTimeout(resolveWait, 3000))
    const again = (server = await startEmulatorProcess(dataDir, port))
    await shell.waitFor('the job to finish', () => finished(shell, before), 180_000)
    const screen = shell.screen()
    const summary = summaryOf(
      screen
        .slice(screen.lastIndexOf(line))
        .split('\n')
        .map((text) => text.trim())
        .join('\n'),
    )
    const rows = resultRows(results)
    const onServer = await invitedAt(again, domain)
    expect(summary).toEqual({ invited: 300 })
    expect(countRows(rows)).toEqual({ Invited: 300 })
    expect(new Set(onServer)).toEqual(new Set(withResult(rows, 'Invited')))
    note('shell, server restart (3 s)', { summary, file: countRows(rows), server: onServer.length })
  })
})

for (const [signal, code] of [
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  describe.skipIf(!hasTmux)(`${signal} to the shell during a bulk invitation (tmux)`, () => {
    let emulator: Emulator
    let shell: TmuxShell
    const dir = mkdtempSync(join(tmpdir(), `vcs-shell-${signal}-`))

    beforeAll(async () => {
      ensureBuilt()
      emulator = await freshEmulator()
      await configure(emulator, { latencyMs: 150 })
      // The pane's shell writes vcs's exit code to a file when vcs is gone.
      shell = await shellFor(emulator, 'VCS_DRAIN_SECONDS=20', `; echo "$?" > ${join(dir, 'status')}`)
    })
    afterAll(async () => {
      shell?.stop()
      await emulator?.close()
    })

    it(`the line winds down as on Ctrl+C: summary = result file = server, then the shell exits ${code}`, async () => {
      const domain = `${signal.toLowerCase()}.example`
      const csv = join(dir, 'people.csv')
      writeFileSync(csv, ['Email', ...emails(300, domain)].join('\n'))
      const results = join(dir, 'results.csv')
      shell.type(invite(csv, results))
      shell.press('Enter')
      await until(async () => (await mailedAt(emulator, domain)) >= 30, 'invitations')
      // The shell's own process (the pane runs `sh -c "cd … && env … node …"`).
      const panePid = shell.tmux('list-panes', '-F', '#{pane_pid}').trim()
      const child = spawnSync('pgrep', ['-P', panePid], { encoding: 'utf8' }).stdout.trim().split('\n')[0]
      process.kill(Number(child || panePid), signal)
      await shell.waitFor('the shell to exit', () => shell.dead(), 120_000)
      const status = readFileSync(join(dir, 'status'), 'utf8').trim()
      const screen = shell.screen()
      expect(screen).toContain(`Interrupted (${signal})`)
      const summary = summaryOf(
        screen
          .split('\n')
          .map((text) => text.trim())
          .join('\n'),
      )
      const rows = resultRows(results)
      const onServer = await invitedAt(emulator, domain)
      expect(new Set(withResult(rows, 'Invited'))).toEqual(new Set(onServer))
      expect(summary.invited).toBe(onServer.length)
      expect(summary.unknown ?? 0).toBe(0)
      expect(onServer.length).toBeGreaterThanOrEqual(30)
      expect(onServer.length).toBeLessThan(300)
      expect(status).toBe(String(code))
      note(`shell ${signal} during Import-Csv | New-VcsUserInvitation -ResultPath`, {
        exit: Number(status),
        summary,
        file: countRows(rows),
        server: onServer.length,
      })
    })
  })
}
