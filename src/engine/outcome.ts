// What a run achieved, besides its output: mutating cmdlets report each target they changed, so a
// run whose only output is errors can still tell "some succeeded" (partial failure, exit code 5)
// from "all failed". Kept in a session slot: the count covers one CLI run or script.
//
// The ledger beside it counts every target's fate the moment the server answered (or the moment we
// know we cannot know), so that however a run ends, its summary says what the server now holds.
import type { Session } from './context.js'

const SUCCEEDED = Symbol('vcs.succeeded')
const LEDGER = Symbol('vcs.ledger')

/** Counts targets a cmdlet changed for good (a user removed, an invitation revoked). */
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
 * member, already invited).
 */
export const LEDGER_FATES = [
  'invited',
  'added',
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
}

const WORDS: Record<LedgerFate, string> = {
  invited: 'invited',
  added: 'added directly',
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
 * not attempted.
 */
export function formatLedger(ledger: Ledger, interrupted = false): string {
  const parts = LEDGER_FATES.filter(
    (fate) => ledger[fate] > 0 || (fate === 'notAttempted' && interrupted),
  ).map((fate) => `${ledger[fate]} ${WORDS[fate]}`)
  return `Summary: ${parts.length > 0 ? parts.join(', ') : 'nothing changed'}.`
}
