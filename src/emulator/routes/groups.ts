// Custom groups (csp-api.md §8). CSP's group shapes are undocumented in our sources; these follow the
// Go DTOs of VMC-Go-Client (`PagedResponseExpandedGroupDto`, `SearchGroupsResponse`,
// `PagedResponseBaseUserWithProfileDto`) and the paging of the user list.
import type { GroupUsersPage, GroupsPage, SearchGroupsResponse } from '../../wire/csp.js'
import { orgScope, requireManager } from '../auth/principal.js'
import type { EmulatorContext } from '../context.js'
import { NotFoundError } from '../errors.js'
import { page, pageRequest, withPageErrors } from '../http/paging.js'
import { ok, type Reply, type RequestContext } from '../http/request.js'
import type { GroupRecord } from '../state/model.js'
import type { OrgState } from '../state/state.js'
import { toCspUser, toGroup } from '../views.js'
import type { Route } from './route.js'

const AM = '/csp/gateway/am/api'

function sortedGroups(org: OrgState): GroupRecord[] {
  return [...org.groups.values()].sort((a, b) => a.displayName.localeCompare(b.displayName))
}

function groupOf(request: RequestContext, org: OrgState): GroupRecord {
  const group = org.groups.get(request.param('groupId'))
  if (!group) throw new NotFoundError(`Group ${request.param('groupId')} not found`)
  return group
}

/** Results of a group search (csp-api.md §10). */
export const MAX_GROUP_SEARCH_RESULTS = 20

/** `GET /csp/gateway/am/api/orgs/{orgId}/groups` (paged like the user list): owners and admins only. */
function listGroups(request: RequestContext, emulator: EmulatorContext): Reply {
  const { principal, org } = orgScope(request, emulator)
  requireManager(principal)
  const groups = sortedGroups(org)
  const body: GroupsPage = page(request, pageRequest(request), groups.length, (start, end) =>
    groups.slice(start, end).map(toGroup),
  )
  return ok(withPageErrors(body, emulator))
}

/**
 * `GET /csp/gateway/am/api/orgs/{orgId}/groups-search?groupSearchTerm=`: name contains the term,
 * first 20; members may call it; an empty term matches every group [I, as the user search]. The match
 * ignores case unless the config says `searchMatchesCase` [I: CSP does not say, as for users].
 */
function searchGroups(request: RequestContext, emulator: EmulatorContext): Reply {
  const { org } = orgScope(request, emulator)
  const matchCase = emulator.config.searchMatchesCase
  const given = (request.query.get('groupSearchTerm') ?? '').trim()
  const term = matchCase ? given : given.toLowerCase()
  const body: SearchGroupsResponse = {
    results: sortedGroups(org)
      .filter((group) => (matchCase ? group.displayName : group.displayName.toLowerCase()).includes(term))
      .slice(0, MAX_GROUP_SEARCH_RESULTS)
      .map(toGroup),
  }
  return ok(body)
}

/** `GET /csp/gateway/am/api/orgs/{orgId}/groups/{groupId}` */
function getGroup(request: RequestContext, emulator: EmulatorContext): Reply {
  const { org } = orgScope(request, emulator)
  return ok(toGroup(groupOf(request, org)))
}

/** `GET /csp/gateway/am/api/orgs/{orgId}/groups/{groupId}/users` (paged). */
function listGroupUsers(request: RequestContext, emulator: EmulatorContext): Reply {
  const { org } = orgScope(request, emulator)
  const group = groupOf(request, org)
  const expandProfile = request.flag('expandProfile')
  const body: GroupUsersPage = page(request, pageRequest(request), group.memberIds.length, (start, end) =>
    group.memberIds
      .slice(start, end)
      .map((userId) => toCspUser(emulator.state.accounts.get(userId)!, expandProfile)),
  )
  return ok(body)
}

/** Group routes. */
export const groupRoutes: Route[] = [
  { method: 'GET', path: `${AM}/orgs/{orgId}/groups`, handle: listGroups },
  { method: 'GET', path: `${AM}/orgs/{orgId}/groups-search`, handle: searchGroups },
  { method: 'GET', path: `${AM}/orgs/{orgId}/groups/{groupId}`, handle: getGroup },
  { method: 'GET', path: `${AM}/orgs/{orgId}/groups/{groupId}/users`, handle: listGroupUsers },
]
