// The CLI's exit codes for `vcs --help` and the README. The numbers come from the error classes
// (src/engine/errors.ts); `exitCodeFor` (src/engine/outcome.ts) is the one function that picks one.
import { ExitCode } from '../engine/errors.js'

export { ExitCode }
export { exitCodeFor, type RunOutcome } from '../engine/outcome.js'

/** The exit-code table shown by `vcs --help` (and listed in the README). */
export const EXIT_CODE_HELP: readonly [number, string][] = [
  [ExitCode.Success, 'success'],
  [
    ExitCode.Failure,
    'failure (the server refused or failed, the network, a file, a failed script statement)',
  ],
  [ExitCode.Usage, 'usage or validation error: refused before any change was requested'],
  [ExitCode.Auth, 'authentication or authorization failed, or not connected'],
  [ExitCode.Throttled, 'throttled by the server beyond the retry budget'],
  [ExitCode.PartialFailure, 'partial failure: some records failed, others succeeded'],
  [ExitCode.Interrupted, 'interrupted (Ctrl+C)'],
  [ExitCode.HangUp, 'interrupted by SIGHUP (the terminal went away)'],
  [ExitCode.Terminated, 'interrupted by SIGTERM (a timeout, systemd, kill)'],
]
