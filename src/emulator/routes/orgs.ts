// The organization and its roles (csp-api.md §2.1, §2.2).
import type { OrganizationRolesResponse } from '../../wire/csp.js'
import { orgScope } from '../auth/principal.js'
import type { EmulatorContext } from '../context.js'
import { ok, type Reply, type RequestContext } from '../http/request.js'
import { ORG_ROLES } from '../seed/catalog.js'
import { orgLink, toOrganizationDto, toRoleDto } from '../views.js'
import type { Route } from './route.js'

const AM = '/csp/gateway/am/api'

/** `GET /csp/gateway/am/api/orgs/{orgId}` */
function getOrganization(request: RequestContext, emulator: EmulatorContext): Reply {
  const { org } = orgScope(request, emulator)
  return ok(toOrganizationDto(org.record))
}

/**
 * `GET /csp/gateway/am/api/orgs/{orgId}/roles[?expand][&name=a,b]`. Both lists are always sent:
 * newer CSP deprecates `expand` and older clients read `orgRolesData` either way.
 */
function getOrganizationRoles(request: RequestContext, emulator: EmulatorContext): Reply {
  const { org } = orgScope(request, emulator)
  const names = (request.query.getAll('name') ?? [])
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '')
  const roles = names.length === 0 ? ORG_ROLES : ORG_ROLES.filter((role) => names.includes(role.name))
  const body: OrganizationRolesResponse = {
    refLinks: roles.map((role) => `${orgLink(org.id)}/roles/${role.name}`),
    orgRolesData: roles.map((role) => toRoleDto(org.record, role)),
  }
  return ok(body)
}

/** Organization routes. */
export const orgRoutes: Route[] = [
  { method: 'GET', path: `${AM}/orgs/{orgId}`, handle: getOrganization },
  { method: 'GET', path: `${AM}/orgs/{orgId}/roles`, handle: getOrganizationRoles },
]
