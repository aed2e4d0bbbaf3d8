// Custom-group membership (Get-/Add-/Remove-VcsGroupMember): the group named by name, id or object,
// its members read page by page, and changes sent in CSP's batches of 20 after each user is asked
// about (docs/csp-api-notes.md "Managing access").
import {
  getProperty,
  isRecord,
  recordSuccess,
  UsageError,
  RemoteError,
  withTypeName,
  type CmdletContext,
} from '../../../src/engine/index.js'
import type { CspCall } from '../../../src/csp/connection.js'
import {
  addGroupUsers,
  groupUsersPath,
  LIMITS,
  listGroupUsersPage,
  removeGroupUsers,
} from '../../../src/csp/endpoints.js'
import { streamPages } from '../../../src/csp/paging.js'
import type { CspUser, GroupDto } from '../../../src/wire/csp.js'
import { listAllGroups } from './lookups.js'
import type { RoleTarget } from './user-roles.js'

/** What became of one user given to Add- or Remove-VcsGroupMember. */
export interface VcsGroupMemberResult {
  Group: string
  Email: string
  Id: string
  Result: 'Added' | 'Removed' | 'Failed'
  Reason: string
}

/** The one group `-Group` names (name, id or a VcsGroup); an unknown group is a usage error. */
export async function resolveGroup(call: CspCall, value: unknown): Promise<GroupDto> {
  const groups = await listAllGroups(call)
  const wanted = isRecord(value)
    ? String(getProperty(value, 'Id') ?? getProperty(value, 'Name'))
    : String(value)
  const group = groups.find((g) => g.id === wanted || g.displayName.toLowerCase() === wanted.toLowerCase())
  if (!group) {
    throw new UsageError(
      'ValidationFailed',
      `Unknown group '${wanted}'. Known groups: ${groups.map((g) => g.displayName).join(', ') || '(none)'}.`,
      { target: wanted, hint: 'List them with Get-VcsGroup.' },
    )
  }
  return group
}

/** Every member of a group, all pages. */
export async function* groupMembers(call: CspCall, groupId: string): AsyncGenerator<CspUser> {
  yield* streamPages(
    (start, limit, signal) =>
      listGroupUsersPage(call.client, groupId, start, limit, { signal, log: call.log }),
    { pageLimit: LIMITS.pageLimit, concurrency: 2, signal: call.signal },
  )
}

/**
 * Adds or removes users: asks per user, sends the approved ones 20 at a time, and reports each user.
 * Users CSP lists under `failed` are non-terminating errors; an answer without lists counts as done.
 */
export async function changeGroupMembers(
  call: CspCall,
  group: GroupDto,
  targets: RoleTarget[],
  mode: 'add' | 'remove',
  ctx: CmdletContext,
): Promise<VcsGroupMemberResult[]> {
  const path = groupUsersPath(call.client, group.id)
  const method = mode === 'add' ? 'POST' : 'DELETE'
  const action =
    mode === 'add' ? `Add to group '${group.displayName}'` : `Remove from group '${group.displayName}'`
  const approved: RoleTarget[] = []
  for (const target of targets) {
    if (await ctx.shouldProcess(target.email, action, `${method} ${path}`)) approved.push(target)
  }
  const results: VcsGroupMemberResult[] = []
  const result = (target: RoleTarget, outcome: VcsGroupMemberResult['Result'], reason: string) =>
    withTypeName('VcsGroupMemberResult', {
      Group: group.displayName,
      Email: target.email,
      Id: target.id,
      Result: outcome,
      Reason: reason,
    })
  for (let i = 0; i < approved.length; i += LIMITS.groupBatch) {
    const batch = approved.slice(i, i + LIMITS.groupBatch)
    const key = (target: RoleTarget) => (mode === 'add' ? target.email : target.id)
    try {
      const answer =
        mode === 'add'
          ? await addGroupUsers(call.client, group.id, { usernamesToAdd: batch.map(key) }, call)
          : await removeGroupUsers(call.client, group.id, { ids: batch.map(key) }, call)
      const failed = new Set(answer.failed.map((value) => value.toLowerCase()))
      for (const target of batch) {
        if (!failed.has(key(target).toLowerCase())) {
          recordSuccess(ctx.session)
          results.push(result(target, mode === 'add' ? 'Added' : 'Removed', ''))
          continue
        }
        const reason =
          mode === 'add'
            ? `CSP did not add ${target.email} to '${group.displayName}'.`
            : `${target.email} is not a member of '${group.displayName}'.`
        ctx.writeError(new RemoteError('Conflict', reason), target.email)
        results.push(result(target, 'Failed', reason))
      }
    } catch (error) {
      for (const target of batch) {
        ctx.writeError(error, target.email)
        results.push(result(target, 'Failed', error instanceof Error ? error.message : String(error)))
      }
    }
  }
  return results
}
