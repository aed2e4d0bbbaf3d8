// What Remove-VcsUser is asked to remove, bound before anything is sent: users as objects, strings
// (an e-mail or an id) or rows; and the two removals that lock people out (the connected user, the
// last owner), which need -Force.
import { UsageError, VcsError } from '../../../src/engine/index.js'
import type { CspCall } from '../../../src/csp/connection.js'
import { loggedInUser } from '../../../src/csp/endpoints.js'
import { bindUserValue, type BoundUser } from '../shared/bind-user.js'
import { findUsers } from '../shared/users.js'
import type { RemovalTarget } from './remove-users.js'

/** A removal target, with the organization roles we know it holds (undefined: not known). */
export interface BoundTarget extends RemovalTarget, BoundUser {}

export { bindUserValue }

/** An -Id value: a non-empty id, or a usage error. */
export function bindId(value: unknown): BoundTarget {
  const id = textOf(value)
  if (!id || id === 'undefined' || id === 'null')
    throw new UsageError(
      'InvalidParameterValue',
      `Cannot bind -Id to '${String(value ?? '')}': it is empty.`,
      {
        target: String(value ?? ''),
      },
    )
  return { id, label: id }
}

function textOf(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const text = String(value).trim()
  return text === '' ? undefined : text
}

/** Who the connection's token belongs to: ids and e-mail/username, lower-cased. */
export async function connectedIdentity(call: CspCall): Promise<Set<string>> {
  const names = new Set([call.client.connection.user.toLowerCase()])
  try {
    const me = await loggedInUser(call.client, call)
    for (const value of [me?.userId, me?.username, me?.email]) if (value) names.add(value.toLowerCase())
  } catch (error) {
    // An OAuth app has no user to lock out; the token's own name is all we compare with then.
    if (call.signal.aborted) throw error
  }
  return names
}

/** True when the target is the connected user. */
export function isConnectedUser(target: BoundTarget, me: ReadonlySet<string>): boolean {
  return [target.id, target.email].some((value) => value !== undefined && me.has(value.toLowerCase()))
}

/** The refusal for a target whose removal would lock someone out without -Force. */
export function lockoutError(target: BoundTarget, why: 'self' | 'lastOwner'): VcsError {
  const reason =
    why === 'self'
      ? 'that is the connected user (the token this session uses): removing it ends this session’s access to the organization'
      : 'it is the last organization owner left (the other owners are among the users being removed): removing it would leave the organization without an owner, and CSP keeps at least one'
  return new UsageError(
    'ConfirmationRequired',
    `Not removing ${target.label}: ${reason}. Add -Force to remove it anyway.`,
    {
      category: 'PermissionDenied',
      target: target.label,
    },
  )
}

/**
 * The owner that must stay when every owner of the organization is among the targets (removing them
 * all would leave none): the last of them in the order given, as CSP too removes owners until one is
 * left. Empty when some owner stays anyway or no target is known to be an owner.
 */
export async function lastOwners(call: CspCall, targets: readonly BoundTarget[]): Promise<BoundTarget[]> {
  const owners = targets.filter((target) => target.roles?.some((role) => role.toLowerCase() === 'org_owner'))
  if (owners.length === 0) return []
  const leaving = new Set(targets.map((target) => target.id.toLowerCase()))
  for await (const item of findUsers(call, { organizationRole: ['org_owner'] }, { concurrency: 4 }))
    if (!leaving.has(item.user.userId.toLowerCase())) return []
  return owners.slice(-1)
}
