// The CLI's exit codes in one place, so scripts can tell usage, auth, throttling, partial failure and
// interruption apart. The numbers come from the engine's error family (src/engine/errors.ts).
import { ExitCode, exitCodeOf, type VcsError } from '../engine/errors.js'

export { ExitCode }

/** What a run did, for choosing its exit code. */
export interface RunOutcome {
  /** The terminating error that ended the run, if any. */
  error?: unknown
  /** Non-terminating errors written during the run. */
  errors: readonly VcsError[]
  /** Records written to stdout. */
  outputCount: number
  /** Pipeline input records read from stdin (0 when none). */
  inputCount: number
  /** Targets that mutating cmdlets reported changed (users removed, invitations revoked). */
  succeeded?: number
}

/**
 * 0 when nothing failed; the error's own code for a terminating error; for non-terminating errors,
 * 5 (partial failure) when something succeeded (records output, targets changed, input records
 * beyond the failed ones), else the code the errors share (2, 3 or 4) or 1.
 */
export function exitCodeFor(outcome: RunOutcome): ExitCode {
  if (outcome.error !== undefined) return exitCodeOf(outcome.error)
  if (outcome.errors.length === 0) return ExitCode.Success
  const somethingSucceeded =
    outcome.outputCount > 0 ||
    (outcome.succeeded ?? 0) > 0 ||
    (outcome.inputCount > 0 && outcome.inputCount > outcome.errors.length)
  if (somethingSucceeded) return ExitCode.PartialFailure
  const codes = new Set(outcome.errors.map((error) => exitCodeOf(error)))
  if (codes.size === 1) {
    const [only] = codes
    if (only !== ExitCode.Success && only !== ExitCode.PartialFailure) return only
  }
  return ExitCode.Failure
}

/** The exit-code table shown by `vcs --help` (and listed in the README). */
export const EXIT_CODE_HELP: readonly [number, string][] = [
  [ExitCode.Success, 'success'],
  [ExitCode.Failure, 'failure (server or network error, or a failed script statement)'],
  [ExitCode.Usage, 'usage or validation error (nothing was sent)'],
  [ExitCode.Auth, 'authentication or authorization failed, or not connected'],
  [ExitCode.Throttled, 'throttled by the server beyond the retry budget'],
  [ExitCode.PartialFailure, 'partial failure: some records failed, others succeeded'],
  [ExitCode.Interrupted, 'interrupted (Ctrl+C)'],
  [ExitCode.HangUp, 'interrupted by SIGHUP (the terminal went away)'],
  [ExitCode.Terminated, 'interrupted by SIGTERM (a timeout, systemd, kill)'],
]
