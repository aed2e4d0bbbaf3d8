// Every way a bulk invitation can end, as a real process against the emulator: after each, the
// result file, the stderr summary and the emulator's state agree exactly, and the exit code is the
// documented one (README's exit-code table: 0, 1, 2, 5, 129 SIGHUP, 130 Ctrl+C, 143 SIGTERM).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  configure,
  countRows,
  emails,
  ledgerSuite,
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

// Each scenario runs whole processes against a server with latency: minutes on a loaded machine.
const suite = ledgerSuite()
const dir = mkdtempSync(join(tmpdir(), 'vcs-ledger-'))

const DOMAIN = 'new.example'

/** Invites 300 e-mails from stdin in batches of 10 with server latency, so a run can be stopped mid-way. */
async function startInvite(
  name: string,
  extra: readonly string[] = [],
  stdin?: string,
  env: NodeJS.ProcessEnv = {},
) {
  const emulator = await suite.start()
  await configure(emulator, { latencyMs: 150 })
  const resultPath = join(dir, `${name}.csv`)
  const run = startCli(
    emulator,
    ['New-VcsUserInvitation', '--batch-size', '10', '--result-path', resultPath, ...extra],
    { stdin: stdin ?? emails(300, DOMAIN).join('\n'), env: { VCS_DRAIN_SECONDS: '20', ...env } },
  )
  return { ...run, resultPath, emulator }
}

/** The three accounts of one run agree: summary = result file = server. */
async function expectLedgerAgrees(
  resultPath: string,
  result: { stderr: string; code: number | null },
  server: Emulator,
  scenario: string,
) {
  const { stderr } = result
  const summary = summaryOf(stderr)
  const rows = resultRows(resultPath)
  const onServer = await invitedAt(server, DOMAIN)
  expect(new Set(withResult(rows, 'Invited'))).toEqual(new Set(onServer))
  expect(summary.invited ?? 0).toBe(onServer.length)
  expect(summary.unknown ?? 0).toBe(0)
  note(scenario, { exit: result.code, summary, file: countRows(rows), server: onServer.length })
  return { summary, rows, onServer }
}

describe('a bulk invitation ended by a signal keeps its ledger', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal} mid-run: exit ${code}, summary, file and server agree`, async () => {
      const run = await startInvite(signal)
      // Stopped once some invitations exist and more are on their way.
      await until(async () => (await mailedAt(run.emulator, DOMAIN)) >= 30, 'invitations')
      run.child.kill(signal)
      const result = await run.done
      expect(result.code).toBe(code)
      expect(result.stderr).toContain('Interrupted')
      const { onServer, rows } = await expectLedgerAgrees(
        run.resultPath,
        result,
        run.emulator,
        `one-shot ${signal}`,
      )
      expect(onServer.length).toBeGreaterThanOrEqual(30)
      expect(onServer.length).toBeLessThan(300)
      // Every row is a decided fate; nothing failed.
      expect(rows.size).toBe(onServer.length)
    })
  }

  it('SIGTERM while stdin still has more to give: the summary says the rest of standard input was not read', async () => {
    // A producer that wrote 50 lines and has not finished (or never will): how many more would
    // have come is unknown, so the summary counts what was read and says the rest was not.
    const server = await suite.start()
    const resultPath = join(dir, 'open-stdin.csv')
    const run = startCli(
      server,
      ['New-VcsUserInvitation', '--batch-size', '10', '--result-path', resultPath],
      {
        stdin: emails(50, DOMAIN).join('\n') + '\n',
        keepStdinOpen: true,
        env: { VCS_DRAIN_SECONDS: '20' },
      },
    )
    await until(async () => (await mailedAt(server, DOMAIN)) >= 50, 'invitations')
    run.child.kill('SIGTERM')
    const result = await run.done
    expect(result.code).toBe(143)
    expect(result.stderr).toContain(
      'Summary: 50 invited, 0 not attempted (read but not sent; the rest of standard input was not read).',
    )
    const { rows } = await expectLedgerAgrees(
      resultPath,
      result,
      server,
      'one-shot SIGTERM, stdin still open',
    )
    expect(countRows(rows)).toEqual({ Invited: 50 })
  })

  it('Ctrl+C in a script reading a CSV file: the summary says the rest of the file was not read', async () => {
    const server = await suite.start()
    await configure(server, { latencyMs: 150 })
    const csv = join(dir, 'people-3000.csv')
    writeFileSync(csv, ['Email', ...emails(3000, DOMAIN)].join('\n'))
    const resultPath = join(dir, 'script-csv.csv')
    const run = startCli(
      server,
      ['-c', `Import-Csv '${csv}' | New-VcsUserInvitation -BatchSize 10 -ResultPath '${resultPath}'`],
      { env: { VCS_DRAIN_SECONDS: '20' } },
    )
    await until(async () => (await mailedAt(server, DOMAIN)) >= 30, 'invitations')
    run.child.kill('SIGINT')
    const result = await run.done
    expect(result.code).toBe(130)
    expect(result.stderr).toContain(` not attempted (read but not sent; the rest of '${csv}' was not read).`)
    const { summary, onServer } = await expectLedgerAgrees(
      resultPath,
      result,
      server,
      'one-shot script Import-Csv | New-VcsUserInvitation, Ctrl+C',
    )
    expect(onServer.length).toBeLessThan(3000)
    expect(summary.invited).toBe(onServer.length)
  })

  it('a rerun with the same file finishes the job: the rest Invited, none AlreadyInvited', async () => {
    const run = await startInvite('rerun')
    await until(async () => (await mailedAt(run.emulator, DOMAIN)) >= 20, 'invitations')
    run.child.kill('SIGINT')
    const first = await run.done
    expect(first.code).toBe(130)
    await configure(run.emulator, { latencyMs: 0 })
    const again = startCli(
      run.emulator,
      ['New-VcsUserInvitation', '--batch-size', '10', '--result-path', run.resultPath],
      { stdin: emails(300, DOMAIN).join('\n') },
    )
    const second = await again.done
    expect(second.code).toBe(0)
    const rows = resultRows(run.resultPath)
    expect(withResult(rows, 'Invited')).toHaveLength(300)
    expect(withResult(rows, 'AlreadyInvited')).toEqual([])
    expect(await invitedAt(run.emulator, DOMAIN)).toHaveLength(300)
    expect(summaryOf(second.stderr).invited + summaryOf(first.stderr).invited).toBe(300)
    note('one-shot Ctrl+C, then rerun with the same file', {
      exit: [first.code, second.code],
      summary: [summaryOf(first.stderr), summaryOf(second.stderr)],
      file: countRows(rows),
      server: 300,
    })
  })
})

describe('a bulk invitation that runs to its end', () => {
  it('exit 0, every input a row, summary and server agree', async () => {
    const run = await startInvite('complete')
    const result = await run.done
    expect(result.code).toBe(0)
    const { onServer, summary } = await expectLedgerAgrees(
      run.resultPath,
      result,
      run.emulator,
      'one-shot, to the end',
    )
    expect(onServer).toHaveLength(300)
    expect(summary).toEqual({ invited: 300 })
  })

  it('a bad role in row 150 is that row’s problem: Invalid, the rest invited, exit 5', async () => {
    const csv = [
      'Email,OrganizationRole',
      ...emails(300, DOMAIN).map((email, i) => `${email},${i === 149 ? 'org_adm' : 'org_member'}`),
    ].join('\n')
    const run = await startInvite('bad-row', [], csv)
    const result = await run.done
    expect(result.code).toBe(5)
    const { rows, onServer, summary } = await expectLedgerAgrees(
      run.resultPath,
      result,
      run.emulator,
      'one-shot, bad role in row 150',
    )
    expect(onServer).toHaveLength(299)
    expect(rows.get('person150@new.example')).toMatchObject({ Result: 'Invalid' })
    expect(rows.get('person150@new.example')!.Reason).toContain("Unknown organization role 'org_adm'")
    expect(summary).toEqual({ invited: 299, failed: 1 })
    expect(result.stderr).toContain('person150@new.example')
  })

  it('a bad role given on the command line is a usage error before anything is sent: exit 2', async () => {
    const run = await startInvite('bad-flag', ['--organization-role', 'org_adm'])
    const result = await run.done
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("Unknown organization role 'org_adm'")
    expect(await invitedAt(run.emulator, DOMAIN)).toEqual([])
    expect(resultRows(run.resultPath).size).toBe(0)
  })
})

// Written for the file's own input: the test data directory exists before any run.
writeFileSync(join(dir, '.keep'), '')

describe('a bulk invitation through a server outage', () => {
  // The outage is the emulator answering 503 to every CSP request (what a gateway says while the
  // server behind it restarts), switched on and off through its control API.
  const outage = { faults: { rate: 1, kinds: ['503'], slowMs: 0 } }

  it('an outage mid-run is ridden out: exit 0, all 300 invited, summary = file = server', async () => {
    const run = await startInvite('restart')
    await until(async () => (await mailedAt(run.emulator, DOMAIN)) >= 30, 'invitations')
    await configure(run.emulator, outage)
    // Down for a while (the scenario, not an assertion): every request gets 503 meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    await configure(run.emulator, { faults: null })
    const result = await run.done
    expect(result.code, result.stderr).toBe(0)
    expect(run.emulator.stats().faultsByKind['503']).toBeGreaterThan(0)
    const { onServer, summary } = await expectLedgerAgrees(
      run.resultPath,
      result,
      run.emulator,
      'one-shot, 3 s outage (503)',
    )
    expect(onServer).toHaveLength(300)
    expect(summary).toEqual({ invited: 300 })
  })

  it('an outage longer than the budget stops the job cleanly: exit 1, the ledger written, nothing unaccounted', async () => {
    const run = await startInvite('outage', [], undefined, {
      VCS_OUTAGE_SECONDS: '2',
      VCS_DRAIN_SECONDS: '3',
    })
    await until(async () => (await mailedAt(run.emulator, DOMAIN)) >= 30, 'invitations')
    await configure(run.emulator, outage)
    const result = await run.done
    await configure(run.emulator, { faults: null })
    expect(result.code, result.stderr).toBe(1)
    const summary = summaryOf(result.stderr)
    const rows = resultRows(run.resultPath)
    const onServer = await invitedAt(run.emulator, DOMAIN)
    const invited = withResult(rows, 'Invited')
    // What the file and the summary call invited is exactly what the server holds; the rest is
    // counted as unknown (sent, no answer), failed or not attempted, never silently dropped.
    expect(summary.invited).toBe(invited.length)
    expect(new Set(invited)).toEqual(new Set(onServer))
    const total =
      (summary.invited ?? 0) +
      (summary.failed ?? 0) +
      (summary.unknown ?? 0) +
      (summary['not attempted'] ?? 0)
    // The input was read to its end: every e-mail is in one of the summary's counts.
    expect(total, result.stderr.split('\n').slice(-4).join('\n')).toBe(300)
    expect(summary['not attempted']).toBeGreaterThan(0)
    // Every e-mail that was sent has a row: an unknown fate is an `Unknown` row, never a missing one.
    expect(withResult(rows, 'Unknown')).toHaveLength(summary.unknown ?? 0)
    expect(rows.size + summary['not attempted']).toBe(300)
    note('one-shot, outage beyond the budget', {
      exit: result.code,
      summary,
      file: countRows(rows),
      server: onServer.length,
    })
    // A rerun with the same file, the server back: the unknown ones are settled by looking (what
    // the first run sent is Invited, never AlreadyInvited), the rest are sent.
    const again = await startCli(
      run.emulator,
      ['New-VcsUserInvitation', '--batch-size', '10', '--result-path', run.resultPath],
      { stdin: emails(300, DOMAIN).join('\n') },
    ).done
    expect(again.code, again.stderr).toBe(0)
    const final = resultRows(run.resultPath)
    expect(withResult(final, 'Invited')).toHaveLength(300)
    expect(await invitedAt(run.emulator, DOMAIN)).toHaveLength(300)
    note('rerun after the outage', {
      exit: again.code,
      summary: summaryOf(again.stderr),
      file: countRows(final),
      server: 300,
    })
  })
})
