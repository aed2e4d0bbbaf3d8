// What a run achieved and how it ended, and the one function that turns that into an exit code.
// Errors are values that travel up: cmdlets write or throw them, the runtime and the host collect
// them, and only `exitCodeFor` decides; every error class carries one exit code (errors.ts).
import type { Session } from './context.js'
import { ExitCode, toVcsError, type VcsError } from './errors.js'

const SUCCEEDED = Symbol('vcs.succeeded')

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
  const inputCount = outcome.inputCount ?? 0
  const changed = (outcome.succeeded ?? 0) > 0 || (inputCount > 0 && inputCount > errors.length)
  if (changed) return ExitCode.PartialFailure
  if (shared === ExitCode.Auth) return shared
  if ((outcome.outputCount ?? 0) > 0) return ExitCode.PartialFailure
  return shared === undefined || shared === ExitCode.PartialFailure ? ExitCode.Failure : shared
}
