// The caller's own identity and roles (csp-api.md §1.5 userinfo, §2.1, §2.2, §9): clients read
// their roles from `loggedin/user/orgs/{orgId}/roles` and `.../service-roles` before writing.
import type { OrganizationsPage, UserInfo } from '../../wire/csp.js'
import { authenticate, requireOrg, type Principal } from '../auth/principal.js'
import type { EmulatorContext } from '../context.js'
import { NotFoundError } from '../errors.js'
import { ok, type Reply, type RequestContext } from '../http/request.js'
import type { AccountRecord, ServiceRoleGrant } from '../state/model.js'
import { toLoggedInUser, toOrganizationDto, toRoleDtos, toUserServiceRolesResponse } from '../views.js'
import type { Route } from './route.js'

const AM = '/csp/gateway/am/api'

/** The account behind a user token; 404 for app tokens, which have no user [I]. */
function accountOf(principal: Principal, emulator: EmulatorContext): AccountRecord {
  const account = principal.kind === 'user' ? emulator.state.accounts.get(principal.sub) : undefined
  if (!account) throw new NotFoundError('No user is associated with this access token')
  return account
}

/** The caller's roles in the path's org: a member's roles, or an app's. */
function rolesOf(
  principal: Principal,
  orgId: string,
  emulator: EmulatorContext,
): { org: string[]; services: ServiceRoleGrant[] } {
  const org = requireOrg(principal, orgId, emulator)
  if (principal.kind === 'app') {
    const app = emulator.state.apps.get(principal.sub)
    return { org: app?.orgRoles ?? [], services: app?.serviceRoles ?? [] }
  }
  const membership = org.members.get(principal.sub)
  return { org: membership?.orgRoles ?? [], services: membership?.serviceRoles ?? [] }
}

/** `GET /csp/gateway/am/api/loggedin/user` */
function loggedInUser(request: RequestContext, emulator: EmulatorContext): Reply {
  return ok(toLoggedInUser(accountOf(authenticate(request, emulator), emulator)))
}

/** `GET /csp/gateway/am/api/userinfo` */
function userInfo(request: RequestContext, emulator: EmulatorContext): Reply {
  const principal = authenticate(request, emulator)
  const account = accountOf(principal, emulator)
  const groups = [...(emulator.state.org(principal.orgId)?.groups.values() ?? [])].filter((group) =>
    group.memberIds.includes(account.userId),
  )
  const body: UserInfo = {
    acct: account.email,
    context: principal.claims.context,
    context_name: principal.orgId,
    domain: account.domain,
    email: account.email,
    email_verified: true,
    family_name: account.lastName,
    given_name: account.firstName,
    group_ids: groups.map((group) => group.id),
    group_names: groups.map((group) => group.displayName),
    sub: account.userId,
    username: account.username,
  }
  return ok(body)
}

/** `GET /csp/gateway/am/api/v2/loggedin/user/orgs`: the token's org (a token is for one org). */
function loggedInOrgs(request: RequestContext, emulator: EmulatorContext): Reply {
  const principal = authenticate(request, emulator)
  const org = emulator.state.org(principal.orgId)
  const results = org ? [toOrganizationDto(org.record)] : []
  const body: OrganizationsPage = { results, totalResults: results.length }
  return ok(body)
}

/** `GET /csp/gateway/am/api/loggedin/user/orgs/{orgId}/roles` */
function loggedInRoles(request: RequestContext, emulator: EmulatorContext): Reply {
  const principal = authenticate(request, emulator)
  const orgId = request.param('orgId')
  const roles = rolesOf(principal, orgId, emulator)
  return ok(toRoleDtos(emulator.state.org(orgId)!.record, roles.org))
}

/** `GET /csp/gateway/am/api/loggedin/user/orgs/{orgId}/service-roles` */
function loggedInServiceRoles(request: RequestContext, emulator: EmulatorContext): Reply {
  const principal = authenticate(request, emulator)
  return ok(toUserServiceRolesResponse(rolesOf(principal, request.param('orgId'), emulator).services))
}

/** Routes about the caller. */
export const loggedInRoutes: Route[] = [
  { method: 'GET', path: `${AM}/loggedin/user`, handle: loggedInUser },
  { method: 'GET', path: `${AM}/userinfo`, handle: userInfo },
  { method: 'GET', path: `${AM}/v2/loggedin/user/orgs`, handle: loggedInOrgs },
  { method: 'GET', path: `${AM}/loggedin/user/orgs/{orgId}/roles`, handle: loggedInRoles },
  { method: 'GET', path: `${AM}/loggedin/user/orgs/{orgId}/service-roles`, handle: loggedInServiceRoles },
]
