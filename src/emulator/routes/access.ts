// Changing access (docs/csp-api-notes.md "Managing access"): a member's organization and service
// roles (`PATCH .../v3/users/{userId}/orgs/{orgId}/roles`) and custom-group membership
// (`POST`/`DELETE .../groups/{groupId}/users`). Owners and admins only; OAuth apps are refused, as
// the VCF Automation reference marks service accounts ❌. An admin may not grant or take away
// `org_owner` [I], and no change may leave the org without an owner (CSP's "last org owner" rule).
import type { GroupMembershipResponse } from '../../wire/csp.js'
import { orgScope, requireManager, type Principal } from '../auth/principal.js'
import type { EmulatorContext } from '../context.js'
import { BadRequestError, ForbiddenError, NotFoundError } from '../errors.js'
import { ok, type Reply, type RequestContext } from '../http/request.js'
import { put, type GroupRecord, type MembershipRecord, type ServiceRoleGrant } from '../state/model.js'
import type { OrgState } from '../state/state.js'
import { orgRoleByName, serviceById } from '../seed/catalog.js'
import { toRoleDtos } from '../views.js'
import type { Route } from './route.js'

const AM = '/csp/gateway/am/api'

/** Most usernames or ids per group-membership request (TCSP: `maxItems: 20`). */
export const MAX_GROUP_BATCH = 20

function requireUserManager(principal: Principal): void {
  if (principal.kind === 'app') {
    throw new ForbiddenError('The client is forbidden to use the API: service accounts cannot change roles')
  }
  requireManager(principal)
}

function strings(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== '')) {
    throw new BadRequestError(`Invalid request body: ${field} must be a list of role names`)
  }
  return value as string[]
}

/** Role names from the deprecated name lists and the `BaseRole` lists (`{name}`), merged. */
function roleNames(part: Record<string, unknown>, verb: 'Add' | 'Remove'): string[] {
  const names = strings(part[`roleNamesTo${verb}`], `roleNamesTo${verb}`)
  const roles = part[`rolesTo${verb}`]
  if (roles !== undefined && roles !== null) {
    if (!Array.isArray(roles))
      throw new BadRequestError(`Invalid request body: rolesTo${verb} must be a list`)
    for (const role of roles) {
      const name = (role as { name?: unknown } | null)?.name
      if (typeof name !== 'string' || name === '') {
        throw new BadRequestError(`Invalid request body: every rolesTo${verb} item needs a name`)
      }
      names.push(name)
    }
  }
  return [...new Set(names)]
}

function objectOf(value: unknown, field: string): Record<string, unknown> {
  if (value === undefined || value === null) return {}
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequestError(`Invalid request body: ${field} must be an object`)
  }
  return value as Record<string, unknown>
}

function memberOf(request: RequestContext, emulator: EmulatorContext, org: OrgState): MembershipRecord {
  const id = request.param('userId')
  const userId = org.members.has(id) ? id : emulator.state.accountByEmail(id)?.userId
  const membership = userId === undefined ? undefined : org.members.get(userId)
  if (!membership) throw new NotFoundError(`User ${id} not found in organization ${org.id}`)
  return membership
}

function newOrgRoles(current: string[], add: string[], remove: string[]): string[] {
  for (const name of [...add, ...remove]) {
    if (!orgRoleByName(name)) throw new BadRequestError(`Unknown organization role: ${name}`)
  }
  const roles = current.filter((name) => !remove.includes(name))
  for (const name of add) if (!roles.includes(name)) roles.push(name)
  const base = roles.filter((name) => orgRoleByName(name)!.base)
  if (base.length !== 1) {
    throw new BadRequestError('A member must hold exactly one of org_owner, org_admin and org_member')
  }
  return roles
}

function newServiceRoles(org: OrgState, current: ServiceRoleGrant[], body: unknown): ServiceRoleGrant[] {
  if (body === undefined || body === null) return current
  if (!Array.isArray(body)) throw new BadRequestError('Invalid request body: serviceRoles must be a list')
  const grants = current.map((grant) => ({ ...grant, roles: [...grant.roles] }))
  for (const item of body) {
    const part = objectOf(item, 'serviceRoles item')
    const link = typeof part.serviceDefinitionLink === 'string' ? part.serviceDefinitionLink : ''
    const serviceId =
      typeof part.serviceDefinitionId === 'string' ? part.serviceDefinitionId : link.split('/').pop()
    const service = serviceId ? serviceById(serviceId) : undefined
    if (!service || !org.record.serviceIds.includes(service.id)) {
      throw new BadRequestError(`Unknown service: ${serviceId ?? link}`)
    }
    const add = roleNames(part, 'Add')
    const remove = roleNames(part, 'Remove')
    for (const name of [...add, ...remove]) {
      if (!service.roles.some((role) => role.name === name)) {
        throw new BadRequestError(`Unknown role ${name} of service ${service.name}`)
      }
    }
    let grant = grants.find((g) => g.serviceDefinitionId === service.id)
    if (!grant) grants.push((grant = { serviceDefinitionId: service.id, roles: [] }))
    grant.roles = grant.roles.filter((name) => !remove.includes(name))
    for (const name of add) if (!grant.roles.includes(name)) grant.roles.push(name)
  }
  return grants.filter((grant) => grant.roles.length > 0)
}

/**
 * `PATCH /csp/gateway/am/api/v3/users/{userId}/orgs/{orgId}/roles` with
 * `{organizationRoles: {rolesToAdd, rolesToRemove, roleNamesToAdd, roleNamesToRemove},
 * serviceRoles: [{serviceDefinitionId | serviceDefinitionLink, ...the same lists}]}`. Answers the
 * user's organization roles (`RolesDto`) [I: the answer is undocumented].
 */
async function patchUserRoles(request: RequestContext, emulator: EmulatorContext): Promise<Reply> {
  const { principal, org } = orgScope(request, emulator)
  requireUserManager(principal)
  const membership = memberOf(request, emulator, org)
  const body = request.jsonObject()
  const orgPart = objectOf(body.organizationRoles, 'organizationRoles')
  const add = roleNames(orgPart, 'Add')
  const remove = roleNames(orgPart, 'Remove')
  const orgRoles = newOrgRoles(membership.orgRoles, add, remove)
  const wasOwner = membership.orgRoles.includes('org_owner')
  const isOwner = orgRoles.includes('org_owner')
  if (wasOwner !== isOwner && !principal.perms.has('csp:org_owner')) {
    throw new ForbiddenError('Only an organization owner can grant or remove the org_owner role')
  }
  if (wasOwner && !isOwner) {
    const others = [...org.members.values()].filter(
      (other) => other !== membership && other.orgRoles.includes('org_owner'),
    )
    if (others.length === 0) throw new BadRequestError('Cannot remove the last org owner')
  }
  const serviceRoles = newServiceRoles(org, membership.serviceRoles, body.serviceRoles)
  await emulator.state.commit([put('membership', { ...membership, orgRoles, serviceRoles })])
  return ok(toRoleDtos(org.record, orgRoles))
}

function groupOf(request: RequestContext, org: OrgState): GroupRecord {
  const group = org.groups.get(request.param('groupId'))
  if (!group) throw new NotFoundError(`Group ${request.param('groupId')} not found`)
  return group
}

function batch(body: Record<string, unknown>, field: string): string[] {
  const values = body[field]
  if (
    !Array.isArray(values) ||
    values.length === 0 ||
    !values.every((v) => typeof v === 'string' && v !== '')
  ) {
    throw new BadRequestError(`Invalid request body: ${field} must be a non-empty list`)
  }
  if (values.length > MAX_GROUP_BATCH) {
    throw new BadRequestError(`${field} must have at most ${MAX_GROUP_BATCH} items`)
  }
  return [...new Set(values as string[])]
}

/**
 * `POST .../orgs/{orgId}/groups/{groupId}/users` with `{usernamesToAdd, notifyUsers}`
 * (`AddUsersToCustomGroupRequest`). Usernames that are not members of the org fail [I].
 */
async function addGroupUsers(request: RequestContext, emulator: EmulatorContext): Promise<Reply> {
  const { principal, org } = orgScope(request, emulator)
  requireUserManager(principal)
  const group = groupOf(request, org)
  const answer: GroupMembershipResponse = { succeeded: [], failed: [] }
  const memberIds = [...group.memberIds]
  for (const username of batch(request.jsonObject(), 'usernamesToAdd')) {
    const account = emulator.state.accountByEmail(username)
    if (!account || !org.members.has(account.userId)) answer.failed.push(username)
    else {
      if (!memberIds.includes(account.userId)) memberIds.push(account.userId)
      answer.succeeded.push(username)
    }
  }
  await emulator.state.commit([put('group', { ...group, memberIds })])
  return ok(answer)
}

/**
 * `DELETE .../orgs/{orgId}/groups/{groupId}/users` with `{ids, notifyUsers}`
 * (`RemoveUsersFromCustomGroupRequest`). Ids not in the group fail [I].
 */
async function removeGroupUsers(request: RequestContext, emulator: EmulatorContext): Promise<Reply> {
  const { principal, org } = orgScope(request, emulator)
  requireUserManager(principal)
  const group = groupOf(request, org)
  const answer: GroupMembershipResponse = { succeeded: [], failed: [] }
  const ids = batch(request.jsonObject(), 'ids')
  for (const id of ids) (group.memberIds.includes(id) ? answer.succeeded : answer.failed).push(id)
  const memberIds = group.memberIds.filter((id) => !answer.succeeded.includes(id))
  await emulator.state.commit([put('group', { ...group, memberIds })])
  return ok(answer)
}

/** Access routes. */
export const accessRoutes: Route[] = [
  {
    method: 'PATCH',
    path: `${AM}/v3/users/{userId}/orgs/{orgId}/roles`,
    handle: patchUserRoles,
    write: true,
  },
  { method: 'POST', path: `${AM}/orgs/{orgId}/groups/{groupId}/users`, handle: addGroupUsers, write: true },
  {
    method: 'DELETE',
    path: `${AM}/orgs/{orgId}/groups/{groupId}/users`,
    handle: removeGroupUsers,
    write: true,
  },
]
