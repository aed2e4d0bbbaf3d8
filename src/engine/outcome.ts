// What a run achieved, besides its output: mutating cmdlets report each target they changed, so a
// run whose only output is errors can still tell "some succeeded" (partial failure, exit code 5)
// from "all failed". Kept in a session slot: the count covers one CLI run or script.
import type { Session } from './context.js'

const SUCCEEDED = Symbol('vcs.succeeded')

/** Counts targets a cmdlet changed for good (a user removed, an invitation revoked). */
export function recordSuccess(session: Session, count = 1): void {
  session.slot(SUCCEEDED, () => ({ count: 0 })).count += count
}

/** Targets changed so far in this session. */
export function successCount(session: Session): number {
  return session.slot(SUCCEEDED, () => ({ count: 0 })).count
}
