// A real server restart in the middle of a bulk invitation: the emulator runs as its own process
// with its state in a data directory, is killed (SIGKILL: no goodbye, sockets dropped) and started
// again ~3 s later on the same port from the same directory. The job rides it out (refused and reset
// connections are retried for VCS_OUTAGE_SECONDS); with a budget shorter than the restart it stops
// cleanly, exit 1, the ledger written. Either way the result file, the summary and the server agree.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  configure,
  emails,
  ensureBuilt,
  invitedAt,
  mailedAt,
  note,
  resultRows,
  startCli,
  startEmulatorProcess as startServer,
  stopEmulatorProcess as stop,
  summaryOf,
  until,
  withResult,
  type EmulatorProcess,
} from './ledger-helpers.js'

vi.setConfig({ testTimeout: 240_000 })
const DOMAIN = 'restart.example'
let server: EmulatorProcess | undefined

beforeAll(ensureBuilt)
afterEach(async () => {
  await stop(server, 'SIGTERM')
  server = undefined
})

/** Invites 300 e-mails in batches of 10 with latency; the server is restarted once 30 are in. */
async function inviteThroughRestart(name: string, env: NodeJS.ProcessEnv) {
  const dataDir = mkdtempSync(join(tmpdir(), `vcs-restart-${name}-`))
  const first = (server = await startServer(dataDir))
  const port = Number(new URL(first.url).port)
  await configure(first, { latencyMs: 100 })
  const resultPath = join(dataDir, 'results.csv')
  const run = startCli(first, ['New-VcsUserInvitation', '--batch-size', '10', '--result-path', resultPath], {
    stdin: emails(300, DOMAIN).join('\n'),
    env: { VCS_DRAIN_SECONDS: '5', ...env },
  })
  await until(async () => (await mailedAt(first, DOMAIN)) >= 30, 'invitations')
  await stop(server, 'SIGKILL')
  // Down for about 3 s (the scenario, not an assertion), then back with the same state and port.
  await new Promise((resolveWait) => setTimeout(resolveWait, 3000))
  const again = (server = await startServer(dataDir, port))
  const result = await run.done
  const rows = resultRows(resultPath)
  const onServer = await invitedAt(again, DOMAIN)
  const summary = summaryOf(result.stderr)
  return { result, rows, onServer, summary }
}

describe('a bulk invitation through a real server restart (SIGKILL, 3 s down, same port and data)', () => {
  it('is ridden out: exit 0, all 300 invited, summary = file = server', async () => {
    const { result, rows, onServer, summary } = await inviteThroughRestart('ride', {})
    expect(result.code, result.stderr).toBe(0)
    expect(summary).toEqual({ invited: 300 })
    expect(withResult(rows, 'Invited')).toHaveLength(300)
    expect(new Set(onServer)).toEqual(new Set(withResult(rows, 'Invited')))
    note('one-shot, server restart (3 s)', {
      exit: result.code,
      summary,
      file: { Invited: withResult(rows, 'Invited').length },
      server: onServer.length,
    })
  })

  it('with an outage budget shorter than the restart, stops cleanly: exit 1, the ledger written and true', async () => {
    const { result, rows, onServer, summary } = await inviteThroughRestart('budget', {
      VCS_OUTAGE_SECONDS: '1',
    })
    expect(result.code, result.stderr).toBe(1)
    const invited = withResult(rows, 'Invited')
    expect(summary.invited ?? 0).toBe(invited.length)
    // An invitation the file calls Invited is on the server; one sent without an answer is Unknown
    // (it may or may not be there), never missing from the file.
    for (const email of invited) expect(onServer).toContain(email)
    const unknown = withResult(rows, 'Unknown')
    expect(unknown).toHaveLength(summary.unknown ?? 0)
    for (const email of onServer) expect([...invited, ...unknown]).toContain(email)
    expect(rows.size + (summary['not attempted'] ?? 0)).toBe(300)
    expect(summary['not attempted']).toBeGreaterThan(0)
    note('one-shot, server restart (3 s) beyond a 1 s budget', {
      exit: result.code,
      summary,
      file: { Invited: invited.length, Unknown: unknown.length },
      server: onServer.length,
    })
  })
})
