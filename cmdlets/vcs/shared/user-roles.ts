// Changing members' roles (Add-VcsUserRole, Remove-VcsUserRole, Set-VcsUser -OrganizationRole): the
// users from the pipeline or -Email, the roles resolved against the org's catalog before anything is
// sent, CSP's last-owner rule checked first, then one PATCH per user (docs/csp-api-notes.md).
import {
  AuthError,
  recordSuccess,
  UsageError,
  RemoteError,
  withTypeName,
  type CmdletContext,
} from '../../../src/engine/index.js'
import { cspCall, type CspCall } from '../../../src/csp/connection.js'
import {
  listOrganizationRoles,
  listUserOrganizationRoles,
  loggedInUser,
  updateUserRoles,
  userRolesPath,
} from '../../../src/csp/endpoints.js'
import type { UpdateMemberRolesRequest } from '../../../src/wire/csp.js'
import { flatValues, resolveOrganizationRoles, resolveServiceRoles } from './lookups.js'
import { loadServices } from './services.js'
import { bindUserValue } from './bind-user.js'
import { findUsers } from './users.js'

/** The base roles: every member holds exactly one. */
export const BASE_ROLES = ['org_owner', 'org_admin', 'org_member'] as const

/** What became of one user's role change. */
export interface VcsUserRoleResult {
  Id: string
  Email: string
  Result: 'Changed' | 'Failed'
  Added: string[]
  Removed: string[]
  Reason: string
}

/** A user to change, with the organization roles known for them. */
export interface RoleTarget {
  id: string
  email: string
  orgRoles: string[]
}

/** The bound arguments the role cmdlets share. */
export interface RoleArguments {
  user?: unknown
  email?: string[]
  organizationRole?: unknown
  serviceRole?: unknown
  passThru?: boolean
  server?: string
}

/** Users from objects and e-mails; e-mails not in the org are reported, not fatal. */
export async function collectTargets(
  call: CspCall,
  records: RoleArguments[],
  ctx: CmdletContext,
): Promise<RoleTarget[]> {
  const targets = new Map<string, RoleTarget>()
  const emails = new Set<string>()
  /** Ids given as text (a string, a row without roles): looked up, so their roles are known. */
  const ids = new Set<string>()
  for (const args of records) {
    for (const user of flatValues(args.user)) {
      // A user object by its Id; a string or a row by its e-mail or id; anything else (null, '',
      // an object with neither) is a usage error before anything is sent, never skipped in silence.
      const bound = bindUserValue(user)
      if (bound.email !== undefined) emails.add(bound.email)
      else if (bound.target?.roles !== undefined) {
        const { id, email, roles } = bound.target
        targets.set(id, { id, email: email ?? id, orgRoles: [...roles] })
      } else if (bound.target) ids.add(bound.target.id)
    }
    for (const email of args.email ?? []) emails.add(email.trim().toLowerCase())
  }
  if (emails.size > 0 || ids.size > 0) {
    const found = new Set<string>()
    for await (const item of findUsers(call, {}, { concurrency: 4 })) {
      const email = item.user.email.toLowerCase()
      const key = emails.has(email) ? email : ids.has(item.user.userId) ? item.user.userId : undefined
      if (key === undefined) continue
      found.add(key)
      const orgRoles = (item.organizationRoles ?? []).map((role) => role.name)
      targets.set(item.user.userId, { id: item.user.userId, email: item.user.email, orgRoles })
    }
    for (const [what, keys] of [
      ['e-mail', emails],
      ['id', ids],
    ] as const) {
      for (const key of keys) {
        if (found.has(key)) continue
        ctx.writeError(
          new RemoteError('NotFound', `No user with the ${what} '${key}' is in the organization.`, {
            category: 'ObjectNotFound',
          }),
          key,
        )
      }
    }
  }
  return [...targets.values()]
}

/** The organization roles and per-service roles named by the arguments, validated. */
export async function resolveRoles(call: CspCall, args: RoleArguments, warn: (message: string) => void) {
  const orgRoles =
    flatValues(args.organizationRole).length > 0
      ? resolveOrganizationRoles(args.organizationRole, await listOrganizationRoles(call.client, call))
      : []
  const serviceRoles =
    flatValues(args.serviceRole).length > 0
      ? resolveServiceRoles(args.serviceRole, (await loadServices(call, { withRoles: true, warn })).services)
      : new Map<string, string[]>()
  if (orgRoles.length === 0 && serviceRoles.size === 0) {
    throw new UsageError('ValidationFailed', 'Name at least one role with -OrganizationRole or -ServiceRole.')
  }
  return { orgRoles, serviceRoles }
}

/** The org's owners now (ids), to apply CSP's last-owner rule before sending. */
export async function ownerIds(call: CspCall): Promise<Set<string>> {
  const owners = new Set<string>()
  for await (const item of findUsers(call, { organizationRole: ['org_owner'] }, { concurrency: 4 })) {
    owners.add(item.user.userId)
  }
  return owners
}

/**
 * Whether the connected user is an org owner; undefined when that cannot be known (an OAuth app, or
 * CSP would not say), and then CSP decides.
 */
export async function callerIsOwner(call: CspCall): Promise<boolean | undefined> {
  try {
    const me = await loggedInUser(call.client, call)
    if (!me?.userId) return undefined
    return (await listUserOrganizationRoles(call.client, me.userId, call)).includes('org_owner')
  } catch {
    return undefined
  }
}

/** One user's change: the lists to send, and a label for -WhatIf and errors. */
export interface RoleChange {
  target: RoleTarget
  add: string[]
  remove: string[]
  serviceAdd: Map<string, string[]>
  serviceRemove: Map<string, string[]>
}

/** A change of nothing for a target, to fill in. */
export function noChange(target: RoleTarget): RoleChange {
  return { target, add: [], remove: [], serviceAdd: new Map(), serviceRemove: new Map() }
}

/** The PATCH body of one change: organization and per-service add/remove lists. */
export function roleRequest(change: RoleChange): UpdateMemberRolesRequest {
  const names = (list: string[]) => list.map((name) => ({ name }))
  const body: UpdateMemberRolesRequest = {}
  if (change.add.length > 0 || change.remove.length > 0) {
    body.organizationRoles = {}
    if (change.add.length > 0) body.organizationRoles.rolesToAdd = names(change.add)
    if (change.remove.length > 0) body.organizationRoles.rolesToRemove = names(change.remove)
  }
  const services = new Set([...change.serviceAdd.keys(), ...change.serviceRemove.keys()])
  if (services.size > 0) {
    body.serviceRoles = [...services].map((serviceDefinitionId) => ({
      serviceDefinitionId,
      ...(change.serviceAdd.has(serviceDefinitionId)
        ? { rolesToAdd: names(change.serviceAdd.get(serviceDefinitionId)!) }
        : {}),
      ...(change.serviceRemove.has(serviceDefinitionId)
        ? { rolesToRemove: names(change.serviceRemove.get(serviceDefinitionId)!) }
        : {}),
    }))
  }
  return body
}

function describe(change: RoleChange): string {
  const parts: string[] = []
  const services = (map: Map<string, string[]>) => [...map.values()].flat()
  const added = [...change.add, ...services(change.serviceAdd)]
  const removed = [...change.remove, ...services(change.serviceRemove)]
  if (added.length > 0) parts.push(`add ${added.join(', ')}`)
  if (removed.length > 0) parts.push(`remove ${removed.join(', ')}`)
  return parts.join('; ')
}

/**
 * Applies role changes one user at a time: refuses taking `org_owner` from the last owner before
 * sending, asks ShouldProcess per user, and returns a result per user that was asked about.
 */
export async function applyRoleChanges(
  call: CspCall,
  changes: RoleChange[],
  ctx: CmdletContext,
): Promise<VcsUserRoleResult[]> {
  const results: VcsUserRoleResult[] = []
  const demotesOwner = changes.some((change) => change.remove.includes('org_owner'))
  const owners = demotesOwner ? await ownerIds(call) : new Set<string>()
  // Only an owner may grant or take away org_owner: known before sending when the caller is a user.
  const touchesOwner = changes.some((change) => change.add.includes('org_owner')) || demotesOwner
  const mayChangeOwners = touchesOwner ? await callerIsOwner(call) : undefined
  for (const change of changes) {
    const { target } = change
    const all = (map: Map<string, string[]>) => [...map.values()].flat()
    const result = (outcome: 'Changed' | 'Failed', reason: string): VcsUserRoleResult =>
      withTypeName('VcsUserRoleResult', {
        Id: target.id,
        Email: target.email,
        Result: outcome,
        Added: [...change.add, ...all(change.serviceAdd)],
        Removed: [...change.remove, ...all(change.serviceRemove)],
        Reason: reason,
      })
    const losesOwner = change.remove.includes('org_owner') && owners.has(target.id)
    if (losesOwner && owners.size <= 1) {
      const reason = 'Cannot remove the last org owner: CSP keeps at least one owner in every organization.'
      ctx.writeError(new RemoteError('Conflict', `${target.email}: ${reason}`), target.email)
      results.push(result('Failed', reason))
      continue
    }
    const changesOwner = change.add.includes('org_owner') || losesOwner
    if (changesOwner && mayChangeOwners === false) {
      const reason = 'Only an organization owner can grant or remove the org_owner role.'
      ctx.writeError(new AuthError('Forbidden', `${target.email}: ${reason}`), target.email)
      results.push(result('Failed', reason))
      continue
    }
    const path = userRolesPath(call.client, target.id)
    if (!(await ctx.shouldProcess(target.email, `Change roles (${describe(change)})`, `PATCH ${path}`)))
      continue
    try {
      await updateUserRoles(call.client, target.id, roleRequest(change), call)
      recordSuccess(ctx.session)
      if (losesOwner) owners.delete(target.id)
      results.push(result('Changed', ''))
    } catch (error) {
      ctx.writeError(error, target.email)
      results.push(result('Failed', error instanceof Error ? error.message : String(error)))
    }
  }
  return results
}

/**
 * The whole of Add-VcsUserRole and Remove-VcsUserRole: every record's users, the roles checked once,
 * then one change per user that adds (or removes) them; the results when -PassThru asks.
 */
export async function* addOrRemoveRoles(
  records: AsyncIterable<RoleArguments>,
  ctx: CmdletContext,
  direction: 'add' | 'remove',
): AsyncGenerator<VcsUserRoleResult> {
  const all: RoleArguments[] = []
  for await (const args of records) all.push(args)
  if (all.length === 0) return
  const call = await cspCall(ctx, all[0].server)
  const { orgRoles, serviceRoles } = await resolveRoles(call, all[0], (message) => ctx.writeWarning(message))
  const targets = await collectTargets(call, all, ctx)
  const changes = targets.map((target) =>
    direction === 'add'
      ? { ...noChange(target), add: orgRoles, serviceAdd: serviceRoles }
      : { ...noChange(target), remove: orgRoles, serviceRemove: serviceRoles },
  )
  const results = await applyRoleChanges(call, changes, ctx)
  if (all[0].passThru) yield* results
}
