// Process-level ledger tests: a real `vcs` process against a real emulator over HTTP, ended in every
// way a run can end; afterwards the result file, the stderr summary and the emulator's state are
// read and compared. Nothing here is mocked.
import { spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { startEmulator, type EmulatorOptions } from '../../src/emulator/index.js'
import { cleanEnv, CLI, collect, type CliResult } from '../cli/helpers.js'

export type Emulator = Awaited<ReturnType<typeof startEmulator>>

/** A fresh demo-org emulator (each scenario starts from the same org). */
export function freshEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, seed: 'demo', quiet: true, ...options })
}

/** Changes the emulator's latency, faults or rate limit through its control API. */
export async function configure(emulator: Emulator, patch: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${emulator.url}/emulator/api/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  })
  if (!response.ok) throw new Error(`config: ${response.status} ${await response.text()}`)
}

/**
 * The e-mails at `domain` with a pending invitation, as the server lists them (the CSP API, through
 * `vcs` itself: what any client would see).
 */
export async function invitedAt(emulator: Emulator, domain: string): Promise<string[]> {
  const { done } = startCli(emulator, [
    'Get-VcsUserInvitation',
    '--email',
    `*@${domain}`,
    '--status',
    'Available',
    '--output',
    'json',
  ])
  const result = await done
  if (result.code !== 0) throw new Error(`listing invitations failed: ${result.stderr}`)
  const text = result.stdout.trim()
  return text ? (JSON.parse(text) as Array<{ Email: string }>).map((invitation) => invitation.Email) : []
}

/** How many invitation e-mails the emulator sent to `domain` (cheap; for waiting, not for counting). */
export async function mailedAt(emulator: Emulator, domain: string): Promise<number> {
  const response = await fetch(`${emulator.url}/emulator/api/mailbox`)
  const mail = (await response.json()) as Array<{ to: string; invitationId: string | null }>
  return mail.filter((m) => m.invitationId !== null && m.to.endsWith(`@${domain}`)).length
}

/** Starts `vcs ...args` connected to the emulator; stdin gets `stdin` and is closed. */
export function startCli(
  emulator: Emulator | { url: string; credentials: { apiToken: string } },
  args: readonly string[],
  options: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: {
      ...cleanEnv(),
      VCS_SERVER: emulator.url,
      VCS_API_TOKEN: emulator.credentials.apiToken,
      NO_COLOR: '1',
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const done = collect(child)
  child.stdin!.end(options.stdin ?? '')
  return { child, done }
}

/** Polls until `test` holds (the test's own timeout bounds it). */
export async function until(
  test: () => Promise<boolean> | boolean,
  what: string,
  ms = 60_000,
): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The numbers of the stderr summary line (`Summary: 50 invited, 3 failed, 247 not attempted.`). */
export function summaryOf(stderr: string): Record<string, number> {
  const line = stderr.split('\n').find((l) => l.startsWith('Summary: '))
  if (!line) throw new Error(`no summary on stderr:\n${stderr}`)
  const counts: Record<string, number> = {}
  for (const part of line
    .replace(/^Summary: /, '')
    .replace(/\.$/, '')
    .split(', ')) {
    const match = /^(\d+) (.+)$/.exec(part)
    if (match) counts[match[2].replace(/ \(.*\)$/, '')] = Number(match[1])
  }
  return counts
}

/** The rows of a result file by e-mail (last row wins, as the file's contract says). */
export function resultRows(
  path: string,
): Map<string, { Result: string; InvitationId: string; Reason: string }> {
  const rows = new Map<string, { Result: string; InvitationId: string; Reason: string }>()
  if (!existsSync(path)) return rows
  for (const row of parse(readFileSync(path, 'utf8'), { columns: true }) as Array<Record<string, string>>)
    rows.set(row.Email, { Result: row.Result, InvitationId: row.InvitationId, Reason: row.Reason })
  return rows
}

/** E-mails of the file's rows with this result. */
export function withResult(rows: ReturnType<typeof resultRows>, result: string): string[] {
  return [...rows].filter(([, row]) => row.Result === result).map(([email]) => email)
}

/** `count` new e-mail addresses at a domain, one a line. */
export function emails(count: number, domain: string): string[] {
  return Array.from({ length: count }, (_, i) => `person${i + 1}@${domain}`)
}

/**
 * Appends one scenario's numbers to `$VCS_LEDGER_NOTES` (a JSON-lines file) when set: the closing
 * note's table is built from a run of these tests. Nothing is written otherwise.
 */
export function note(scenario: string, numbers: Record<string, unknown>): void {
  const file = process.env.VCS_LEDGER_NOTES
  if (file) appendFileSync(file, `${JSON.stringify({ scenario, ...numbers })}\n`)
}
