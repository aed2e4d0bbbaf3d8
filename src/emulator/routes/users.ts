// Users of an org (csp-api.md §3): the paged v2 list, search (first 20 matches), one user, a
// user's roles, and removal (at most 20 ids, partial success, the last owner protected).
import type { PartialSuccessResponse, SearchUsersResponse, UserInfoDto, UsersPage } from '../../wire/csp.js'
import {
  orgScope,
  requireManager,
  requireUserOnConsole,
  seesRoles,
  type Principal,
} from '../auth/principal.js'
import type { EmulatorContext } from '../context.js'
import { BadRequestError, NotFoundError } from '../errors.js'
import { page, pageRequest, withPageErrors } from '../http/paging.js'
import { ok, type Reply, type RequestContext } from '../http/request.js'
import { remove, put, type AccountRecord, type Change, type MembershipRecord } from '../state/model.js'
import type { EmulatorState, OrgState } from '../state/state.js'
import { serviceById } from '../seed/catalog.js'
import {
  serviceDefinitionLink,
  toExpandedTypedUser,
  toLoggedInUser,
  toRoleDtos,
  toUserServiceRolesResponse,
  type UserViewOptions,
} from '../views.js'
import type { Route } from './route.js'

const AM = '/csp/gateway/am/api'

/** Results of a user search (csp-api.md §3.2). */
export const MAX_SEARCH_RESULTS = 20
/** Longest search term CSP accepts. */
export const MAX_SEARCH_TERM = 120
/** Ids per removal request. */
export const MAX_REMOVE_IDS = 20

function viewOptions(
  request: RequestContext,
  principal: Principal,
  emulator: EmulatorContext,
): UserViewOptions {
  return {
    withRoles: seesRoles(principal, emulator) && !request.flag('excludeRoles'),
    expandProfile: request.flag('expandProfile'),
    includeGroupIds: request.flag('includeGroupIdsInRoles'),
  }
}

function item(state: EmulatorState, membership: MembershipRecord, options: UserViewOptions) {
  return toExpandedTypedUser(state.accounts.get(membership.userId)!, membership, options)
}

/** `GET /csp/gateway/am/api/v2/orgs/{orgId}/users?pageStart&pageLimit[&serviceDefinitionId]` */
function listUsers(request: RequestContext, emulator: EmulatorContext): Reply {
  const { principal, org } = orgScope(request, emulator)
  const paging = pageRequest(request)
  const options = viewOptions(request, principal, emulator)
  const serviceId = request.query.get('serviceDefinitionId')
  let order = org.memberOrder
  if (serviceId) {
    // A filtered list is a scan; the unfiltered one (what bulk listing uses) stays O(pageLimit).
    order = order.filter((userId) =>
      org.members.get(userId)!.serviceRoles.some((grant) => grant.serviceDefinitionId === serviceId),
    )
  }
  const body: UsersPage = page(request, paging, order.length, (start, end) =>
    order.slice(start, end).map((userId) => item(emulator.state, org.members.get(userId)!, options)),
  )
  return ok(withPageErrors(body, emulator))
}

function matches(account: AccountRecord, term: string, matchCase: boolean): boolean {
  const fold = (value: string) => (matchCase ? value : value.toLowerCase())
  return [account.username, account.email, account.firstName, account.lastName].some((field) =>
    fold(field).includes(term),
  )
}

/**
 * `GET /csp/gateway/am/api/orgs/{orgId}/users/search?userSearchTerm=`: "contains", first 20. An
 * empty (or absent) term matches everyone (TCSP documents a minimum length of 0). The match ignores
 * case unless the config says `searchMatchesCase` [I: CSP does not say; clients must not rely on either].
 */
function searchUsers(request: RequestContext, emulator: EmulatorContext): Reply {
  const { principal, org } = orgScope(request, emulator)
  const matchCase = emulator.config.searchMatchesCase
  const given = (request.query.get('userSearchTerm') ?? '').trim()
  const term = matchCase ? given : given.toLowerCase()
  if (term.length > MAX_SEARCH_TERM) {
    throw new BadRequestError(`userSearchTerm must be at most ${MAX_SEARCH_TERM} characters`)
  }
  const options = viewOptions(request, principal, emulator)
  const results: SearchUsersResponse['results'] = []
  for (const userId of org.memberOrder) {
    const account = emulator.state.accounts.get(userId)!
    if (!matches(account, term, matchCase)) continue
    results.push(toExpandedTypedUser(account, org.members.get(userId)!, options))
    if (results.length === MAX_SEARCH_RESULTS) break
  }
  const body: SearchUsersResponse = { results }
  return ok(body)
}

/** The member named by `{userId}`: a user id, or the account's e-mail/username. */
function memberOf(request: RequestContext, emulator: EmulatorContext, org: OrgState): MembershipRecord {
  const id = request.param('userId')
  const userId = org.members.has(id) ? id : emulator.state.accountByEmail(id)?.userId
  const membership = userId === undefined ? undefined : org.members.get(userId)
  if (!membership) throw new NotFoundError(`User ${id} not found in organization ${org.id}`)
  return membership
}

/** `GET /csp/gateway/am/api/v2/users/{userId}/orgs/{orgId}/info` (`UserInfoDto`). */
function getUserInfo(request: RequestContext, emulator: EmulatorContext): Reply {
  const { org } = orgScope(request, emulator)
  const membership = memberOf(request, emulator, org)
  const account = emulator.state.accounts.get(membership.userId)!
  const body: UserInfoDto = {
    user: toLoggedInUser(account),
    userOrgInfo: [
      {
        name: org.id,
        displayName: org.record.displayName,
        orgRoles: toRoleDtos(org.record, membership.orgRoles),
        servicesDef: membership.serviceRoles.map((grant) => {
          const service = serviceById(grant.serviceDefinitionId)
          return {
            refLink: serviceDefinitionLink(grant.serviceDefinitionId),
            serviceName: service?.name ?? grant.serviceDefinitionId,
            serviceDisplayName: service?.displayName ?? grant.serviceDefinitionId,
            serviceRoles: [...grant.roles],
            roles: grant.roles.map((name) => ({ name, membershipType: 'DIRECT' as const })),
          }
        }),
        customRoles: [],
      },
    ],
  }
  return ok(body)
}

/** `GET /csp/gateway/am/api/v2/users/{userId}/orgs/{orgId}/roles` (`RolesDto`). */
function getUserRoles(request: RequestContext, emulator: EmulatorContext): Reply {
  const { org } = orgScope(request, emulator)
  return ok(toRoleDtos(org.record, memberOf(request, emulator, org).orgRoles))
}

/** `GET /csp/gateway/am/api/v2/users/{userId}/orgs/{orgId}/service-roles` */
function getUserServiceRoles(request: RequestContext, emulator: EmulatorContext): Reply {
  const { org } = orgScope(request, emulator)
  return ok(toUserServiceRolesResponse(memberOf(request, emulator, org).serviceRoles))
}

/** The `ids` of a removal request, validated: a non-empty list of at most 20 strings. */
function removalIds(request: RequestContext): string[] {
  const body = request.jsonObject()
  const ids = body.ids
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && id !== '')) {
    throw new BadRequestError('Invalid request body: ids must be a non-empty list of user ids')
  }
  if (ids.length > MAX_REMOVE_IDS) {
    throw new BadRequestError(`Cannot remove more than ${MAX_REMOVE_IDS} users at the same time`)
  }
  return [...new Set(ids as string[])]
}

/** A CSP user id: `<domain>:<guid>`. */
const USER_ID = /^[^:\s]+:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * `DELETE /csp/gateway/am/api/v2/orgs/{orgId}/users` with `{ids, notifyUsers}`. A well-formed user
 * id that names no CSP account at all makes the whole request the documented 404 "Users [...] not
 * found", and nothing is removed. Accounts that are not members, ids that are not user ids at all
 * (salt-ext's integration test removes `vmware.com:test-123` and gets a 2xx) and owners an admin
 * tries to remove come back under `failed` [I]. Removing every remaining owner is a 400 as a whole.
 */
async function removeUsers(request: RequestContext, emulator: EmulatorContext): Promise<Reply> {
  const { principal, org } = orgScope(request, emulator)
  requireManager(principal)
  requireUserOnConsole(principal, emulator, 'remove users')
  const ids = removalIds(request)
  const unknown = ids.filter((id) => USER_ID.test(id) && !emulator.state.accounts.has(id))
  if (unknown.length > 0) {
    throw new NotFoundError(`Users [${unknown.join(', ')}] not found`, { cspErrorCode: 'user.not.found' })
  }
  const callerIsOwner = principal.perms.has('csp:org_owner')
  const result: PartialSuccessResponse = { succeeded: [], failed: [] }
  const removed: MembershipRecord[] = []
  for (const id of ids) {
    const membership = org.members.get(id)
    const isOwner = membership?.orgRoles.includes('org_owner') === true
    if (!membership || (isOwner && !callerIsOwner)) result.failed.push(id)
    else removed.push(membership)
  }
  if (removed.some((membership) => membership.orgRoles.includes('org_owner'))) {
    let ownersLeft = 0
    for (const membership of org.members.values()) {
      if (membership.orgRoles.includes('org_owner') && !removed.includes(membership)) ownersLeft++
    }
    if (ownersLeft === 0) throw new BadRequestError('Cannot remove the last org owner')
  }
  const removedIds = new Set(removed.map((membership) => membership.userId))
  const changes: Change[] = removed.map((membership) => remove('membership', membership))
  for (const group of org.groups.values()) {
    if (group.memberIds.some((id) => removedIds.has(id))) {
      changes.push(put('group', { ...group, memberIds: group.memberIds.filter((id) => !removedIds.has(id)) }))
    }
  }
  await emulator.state.commit(changes)
  result.succeeded.push(...removed.map((membership) => membership.userId))
  return ok(result)
}

/** User routes. */
export const userRoutes: Route[] = [
  { method: 'GET', path: `${AM}/v2/orgs/{orgId}/users`, handle: listUsers },
  { method: 'DELETE', path: `${AM}/v2/orgs/{orgId}/users`, handle: removeUsers, write: true },
  { method: 'GET', path: `${AM}/orgs/{orgId}/users/search`, handle: searchUsers },
  { method: 'GET', path: `${AM}/v2/users/{userId}/orgs/{orgId}/info`, handle: getUserInfo },
  { method: 'GET', path: `${AM}/v2/users/{userId}/orgs/{orgId}/roles`, handle: getUserRoles },
  { method: 'GET', path: `${AM}/v2/users/{userId}/orgs/{orgId}/service-roles`, handle: getUserServiceRoles },
]
