// Removing users in CSP's batches of at most 20, reporting its partial results user by user: the
// last owner's refusal in plain words, and a batch whose outcome is unknown re-sent and then checked.
import { RemoteError, VcsError, type VcsError as VcsErrorType } from '../../../src/engine/index.js'
import type { CspCall } from '../../../src/csp/connection.js'
import { isMember, removeUsers } from '../../../src/csp/endpoints.js'
import { OutcomeUnknownError } from '../../../src/csp/errors.js'

/** A user to remove: the id CSP needs, and what to show people. */
export interface RemovalTarget {
  id: string
  email?: string
  label: string
}

/** What became of one user. */
export interface RemovalOutcome {
  target: RemovalTarget
  error?: VcsErrorType
}

const LAST_OWNER = /last (org(anization)? )?owner/i

/** Removes one batch (at most 20 users); never throws for per-user failures, only for interrupts. */
export async function removeBatch(
  call: CspCall,
  targets: RemovalTarget[],
  notifyUsers: boolean,
  outcomeUnknown = false,
): Promise<RemovalOutcome[]> {
  const byId = new Map(targets.map((target) => [target.id, target]))
  // Set once a request of this batch may have been processed without us hearing back: from then on,
  // "not a member" may mean "removed by that request", so each such user is checked.
  let unknownOutcome = outcomeUnknown
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await removeUsers(call.client, { ids: [...byId.keys()], notifyUsers }, call)
      const failed = new Set(result.failed)
      const outcomes: RemovalOutcome[] = []
      for (const target of targets) {
        if (!failed.has(target.id)) outcomes.push({ target })
        else if (unknownOutcome && (await isGone(call, target))) outcomes.push({ target })
        else outcomes.push({ target, error: notRemoved(target) })
      }
      return outcomes
    } catch (error) {
      if (call.signal.aborted) throw error
      const vcsError = error as VcsError
      if (vcsError.status === 400 && LAST_OWNER.test(vcsError.message) && targets.length > 1) {
        // CSP refuses the whole request for one owner: find out who, one user at a time.
        const outcomes: RemovalOutcome[] = []
        for (const target of targets)
          outcomes.push(...(await removeBatch(call, [target], notifyUsers, unknownOutcome)))
        return outcomes
      }
      if (vcsError.status === 400 && LAST_OWNER.test(vcsError.message)) {
        return targets.map((target) => ({
          target,
          error: new RemoteError(
            'Conflict',
            `${target.label} is the organization's last owner; CSP keeps at least one owner. Make someone else org_owner first.`,
            { category: 'InvalidOperation', target: target.label, status: 400 },
          ),
        }))
      }
      if (error instanceof OutcomeUnknownError && attempt < 4) {
        // Re-sending a removal is safe; users the first attempt removed come back as failed and are checked.
        unknownOutcome = true
        call.log(`Removal batch of ${targets.length}: ${error.message}; sending it again.`)
        continue
      }
      return targets.map((target) => ({ target, error: error as VcsError }))
    }
  }
}

function notRemoved(target: RemovalTarget): VcsError {
  return new RemoteError(
    'NotFound',
    `CSP did not remove ${target.label} (not a member of the organization?).`,
    {
      category: 'ObjectNotFound',
      target: target.label,
    },
  )
}

/** After an unknown outcome: is the user no longer a member? */
async function isGone(call: CspCall, target: RemovalTarget): Promise<boolean> {
  return !(await isMember(call.client, target.id, call))
}
