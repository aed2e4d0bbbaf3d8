// Removing users in CSP's batches of at most 20, reporting its partial results user by user: the
// last owner's refusal in plain words, a 404 "Users [...] not found" narrowed down to the ids it is
// about (one stale id never sinks the others), and a batch whose outcome is unknown re-sent and then
// checked.
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
      // Forbidden is about the caller, not the users: every batch would get it, so stop here.
      if (vcsError.status === 403) throw error
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
      if (vcsError.status === 404 && !/organi[sz]ation/i.test(vcsError.message)) {
        return narrowNotFound(call, targets, vcsError, notifyUsers, unknownOutcome)
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

/**
 * CSP refuses a whole removal with 404 "Users [...] not found" when one id names no user (csp-api.md
 * §3.4, §10). The ids the answer names fail on their own and the rest are sent again; when it names
 * none of ours, the batch is halved until each culprit is alone.
 */
async function narrowNotFound(
  call: CspCall,
  targets: RemovalTarget[],
  error: VcsError,
  notifyUsers: boolean,
  unknownOutcome: boolean,
): Promise<RemovalOutcome[]> {
  const notFound = (target: RemovalTarget) => ({
    target,
    error: new RemoteError(
      'NotFound',
      `CSP knows no user ${target.label} (${error.message.replace(/\.$/, '')}); nothing was removed for it.`,
      { category: 'ObjectNotFound', target: target.label, status: 404 },
    ),
  })
  if (targets.length === 1) return [notFound(targets[0])]
  const named = targets.filter((target) => error.message.includes(target.id))
  const outcomes = new Map<RemovalTarget, RemovalOutcome>()
  let parts: RemovalTarget[][]
  if (named.length > 0 && named.length < targets.length) {
    for (const target of named) outcomes.set(target, notFound(target))
    parts = [targets.filter((target) => !named.includes(target))]
  } else {
    const half = Math.ceil(targets.length / 2)
    parts = [targets.slice(0, half), targets.slice(half)]
  }
  for (const part of parts) {
    for (const outcome of await removeBatch(call, part, notifyUsers, unknownOutcome))
      outcomes.set(outcome.target, outcome)
  }
  // In the order the batch was given.
  return targets.map((target) => outcomes.get(target)!)
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
