// What a run achieved and how it ended, and the one function that turns that into an exit code.
// Errors are values that travel up: cmdlets write or throw them, the runtime and the host collect
// them, and only `exitCodeFor` decides; every error class carries one exit code (errors.ts).
//
// The ledger beside it counts every target's fate the moment the server answered (or the moment we
// know we cannot know), so that however a run ends, its summary says what the server now holds.
import type { Session } from './context.js'
import { ExitCode, toVcsError, type VcsError } from './errors.js'

const SUCCEEDED = Symbol('vcs.succeeded')
const LEDGER = Symbol('vcs.ledger')

/**
 * Counts targets a cmdlet changed for good (a user removed, an invitation revoked), so a run whose
 * only output is errors can still tell "some succeeded" (exit 5) from "all failed". Kept in a
 * session slot: the count covers one CLI run or script.
 */
export function recordSuccess(session: Session, count = 1): void {
  session.slot(SUCCEEDED, () => ({ count: 0 })).count += count
}

/** Targets changed so far in this session. */
export function successCount(session: Session): number {
  return session.slot(SUCCEEDED, () => ({ count: 0 })).count
}

/**
 * The fates a mutation's target can have. `unknown`: sent, no answer, and looking did not tell;
 * `notAttempted`: taken in but never sent (the run ended first); `skipped`: nothing to do (already a
 * member, already invited); `changed`: a member's roles or groups changed (Sync-VcsOrganization).
 */
export const LEDGER_FATES = [
  'invited',
  'added',
  'changed',
  'removed',
  'revoked',
  'skipped',
  'failed',
  'unknown',
  'notAttempted',
] as const
export type LedgerFate = (typeof LEDGER_FATES)[number]

/** Counts per fate, for one run (a CLI command, or one line in the shell). */
export type Ledger = Record<LedgerFate, number>

function emptyLedger(): Ledger {
  return Object.fromEntries(LEDGER_FATES.map((fate) => [fate, 0])) as Ledger
}

/** Records the fate of `count` targets (a mutating cmdlet calls this as the server answers). */
export function recordFate(session: Session, fate: LedgerFate, count = 1): void {
  if (count <= 0) return
  const ledger = session.slot(LEDGER, () => ({ counts: emptyLedger(), used: false }))
  ledger.counts[fate] += count
  ledger.used = true
}

/** The ledger of the current run, or undefined when no mutating cmdlet recorded anything. */
export function currentLedger(session: Session): Ledger | undefined {
  const ledger = session.slot(LEDGER, () => ({ counts: emptyLedger(), used: false }))
  return ledger.used ? { ...ledger.counts } : undefined
}

/** Starts a fresh ledger (the shell calls this before each line). */
export function resetLedger(session: Session): void {
  session.setSlot(LEDGER, { counts: emptyLedger(), used: false })
  session.setSlot(READING, new Map<string, boolean>())
}

const READING = Symbol('vcs.reading')

/**
 * Notes that the run reads its records from `source` (standard input, a CSV file) as it goes;
 * returns the function to call once the source was read to its end. A run cut short before then
 * cannot know how many records it never read, and its summary says so (see {@link unreadInputs}).
 */
export function readingInput(session: Session, source: string): () => void {
  const reading = session.slot(READING, () => new Map<string, boolean>())
  reading.set(source, false)
  return () => reading.set(source, true)
}

/** The sources of this run that were not read to their end (in the order they were opened). */
export function unreadInputs(session: Session): string[] {
  const reading = session.slot(READING, () => new Map<string, boolean>())
  return [...reading].filter(([, ended]) => !ended).map(([source]) => source)
}

const WORDS: Record<LedgerFate, string> = {
  invited: 'invited',
  added: 'added directly',
  changed: 'changed (roles or groups)',
  removed: 'removed',
  revoked: 'revoked',
  skipped: 'skipped (nothing to do)',
  failed: 'failed',
  unknown: 'unknown (no answer)',
  notAttempted: 'not attempted',
}

/**
 * One line saying what the run did, e.g. `Summary: 120 invited, 3 failed, 380 not attempted.`
 * Fates that did not occur are left out, except that a run cut short always says how many were
 * not attempted. `unread` names the inputs a run cut short did not read to their end: how many
 * records they still held is unknown, so the count is of those read and the line says so.
 */
export function formatLedger(ledger: Ledger, interrupted = false, unread: readonly string[] = []): string {
  const rest =
    unread.length > 0 && interrupted
      ? ` (read but not sent; the rest of ${unread.join(' and of ')} was not read)`
      : ''
  const parts = LEDGER_FATES.filter(
    (fate) => ledger[fate] > 0 || (fate === 'notAttempted' && interrupted),
  ).map((fate) => `${ledger[fate]} ${WORDS[fate]}${fate === 'notAttempted' ? rest : ''}`)
  return `Summary: ${parts.length > 0 ? parts.join(', ') : 'nothing changed'}.`
}

/** What a run did, for choosing its exit code. */
export interface RunOutcome {
  /** The terminating error that ended the run, if any (anything thrown). */
  error?: unknown
  /** Non-terminating errors written during the run (and failed script statements). */
  errors?: readonly VcsError[]
  /** Records written to stdout. */
  outputCount?: number
  /** Pipeline input records read from stdin (0 when none). */
  inputCount?: number
  /** Targets that mutating cmdlets reported changed (`recordSuccess`). */
  succeeded?: number
  /** `exit n` in a script: the script decides, as in PowerShell. */
  scriptExitCode?: number
}

/**
 * The exit code of a run, the only place that decides it:
 * - `exit n` in a script: n;
 * - a terminating error: its class's code (2 usage, 3 auth, 4 throttled, 130 interrupted, else 1);
 * - no error: 0;
 * - non-terminating errors that are all auth errors (not connected, token refused): 3, unless
 *   targets were changed or input records went through, which makes it 5; output alone (a script
 *   printing a count of what it could not read) is no success against the organization;
 * - a drift check's DriftError (alone): 6, whatever the report output;
 * - otherwise 5 (partial failure) when something succeeded (records output, targets changed,
 *   input records beyond the failed ones), else the code the errors share, or 1.
 */
export function exitCodeFor(outcome: RunOutcome): ExitCode | number {
  if (outcome.scriptExitCode !== undefined) return outcome.scriptExitCode
  if (outcome.error !== undefined) return toVcsError(outcome.error).exitCode
  const errors = outcome.errors ?? []
  if (errors.length === 0) return ExitCode.Success
  const codes = new Set(errors.map((error) => error.exitCode))
  const shared = codes.size === 1 ? [...codes][0] : undefined
  // A drift check's report is its output, not a partial success: drift alone exits 6.
  if (shared === ExitCode.Drift) return shared
  const inputCount = outcome.inputCount ?? 0
  const changed = (outcome.succeeded ?? 0) > 0 || (inputCount > 0 && inputCount > errors.length)
  if (changed) return ExitCode.PartialFailure
  if (shared === ExitCode.Auth) return shared
  if ((outcome.outputCount ?? 0) > 0) return ExitCode.PartialFailure
  return shared === undefined || shared === ExitCode.PartialFailure ? ExitCode.Failure : shared
}
