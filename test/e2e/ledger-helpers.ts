// Process-level ledger tests: a real `vcs` process against a real emulator over HTTP, ended in every
// way a run can end; afterwards the result file, the stderr summary and the emulator's state are
// read and compared. Nothing here is mocked.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { parse } from 'csv-parse/sync'
import { afterEach, beforeAll, vi } from 'vitest'
import { startEmulator, type EmulatorOptions } from '../../src/emulator/index.js'
import { cleanEnv, CLI, collect, type CliResult } from '../cli/helpers.js'

export type Emulator = Awaited<ReturnType<typeof startEmulator>>

/** The repository root (where dist/cli.cjs is built). */
export const root = resolve(import.meta.dirname, '..', '..')

/** Builds dist/ when it is missing (the tests run the built `vcs`, as users do). */
export function ensureBuilt(): void {
  if (!existsSync(join(root, 'dist', 'cli.cjs'))) execFileSync('node', ['scripts/build.mjs'], { cwd: root })
}

/**
 * The setup every process-level ledger file shares: dist/ built, a test timeout fit for whole
 * processes against a server with latency on a loaded machine, and each scenario's emulator
 * (started with `start`) closed after its test.
 */
export function ledgerSuite(timeoutMs = 180_000): { start(options?: EmulatorOptions): Promise<Emulator> } {
  vi.setConfig({ testTimeout: timeoutMs })
  let current: Emulator | undefined
  beforeAll(ensureBuilt)
  afterEach(async () => {
    await current?.close()
    current = undefined
  })
  return {
    async start(options) {
      await current?.close()
      return (current = await freshEmulator(options))
    },
  }
}

/** An emulator running as its own process (so it can be killed and started again). */
export interface EmulatorProcess {
  child: ChildProcess
  url: string
  credentials: { apiToken: string }
}

/** Starts `vcs emulator` on `port` (0: a free one) with its state in `dataDir` (kept across restarts). */
export async function startEmulatorProcess(dataDir: string, port = 0): Promise<EmulatorProcess> {
  const child = spawn(
    process.execPath,
    [
      join(root, 'dist', 'cli.cjs'),
      'emulator',
      '--json',
      '--port',
      String(port),
      '--data',
      dataDir,
      '--seed',
      'demo',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const line = await new Promise<string>((resolveLine, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolveLine)
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}): ${stderr}`)))
  })
  const { url, apiToken } = JSON.parse(line) as { url: string; apiToken: string }
  return { child, url, credentials: { apiToken } }
}

/** Stops an emulator process with `signal` (SIGKILL: a crash) and waits for it to be gone. */
export function stopEmulatorProcess(
  target: EmulatorProcess | undefined,
  signal: NodeJS.Signals,
): Promise<void> {
  if (!target || target.child.exitCode !== null || target.child.signalCode !== null) return Promise.resolve()
  return new Promise((resolveExit) => {
    target.child.once('exit', () => resolveExit())
    target.child.kill(signal)
  })
}

/** A fresh demo-org emulator (each scenario starts from the same org). */
export function freshEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, seed: 'demo', quiet: true, ...options })
}

/** Changes the emulator's latency, faults or rate limit through its control API. */
export async function configure(emulator: { url: string }, patch: Record<string, unknown>): Promise<void> {
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
export async function invitedAt(emulator: Emulator | EmulatorProcess, domain: string): Promise<string[]> {
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
export async function mailedAt(emulator: { url: string }, domain: string): Promise<number> {
  const response = await fetch(`${emulator.url}/emulator/api/mailbox`)
  const mail = (await response.json()) as Array<{ to: string; invitationId: string | null }>
  return mail.filter((m) => m.invitationId !== null && m.to.endsWith(`@${domain}`)).length
}

/**
 * Starts `vcs ...args` connected to the emulator; stdin gets `stdin` and is closed, unless
 * `keepStdinOpen` (a producer that has more to say, or a pipe that never ends).
 */
export function startCli(
  emulator: Emulator | { url: string; credentials: { apiToken: string } },
  args: readonly string[],
  options: { stdin?: string; keepStdinOpen?: boolean; env?: NodeJS.ProcessEnv; cwd?: string } = {},
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
  child.stdin!.on('error', () => {})
  if (options.keepStdinOpen) child.stdin!.write(options.stdin ?? '')
  else child.stdin!.end(options.stdin ?? '')
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

/** The rows of a result file counted by result. */
export function countRows(rows: ReturnType<typeof resultRows>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const row of rows.values()) counts[row.Result] = (counts[row.Result] ?? 0) + 1
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
