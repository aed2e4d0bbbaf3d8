// Service definitions and their roles (csp-api.md §2.3, §10): the org's entitled services. The UI
// list carries only the fields public consumers read; the roles come from the documented catalogue
// (`/definitions?expand`, `/definitions/external/{id}/service-roles`).
import type {
  ServiceDefinitionsPage,
  ServiceDefinitionsResponse,
  ServiceRolesResponse,
} from '../../wire/csp.js'
import { authenticate, requireOrg } from '../auth/principal.js'
import type { EmulatorContext } from '../context.js'
import { NotFoundError } from '../errors.js'
import { ok, type Reply, type RequestContext } from '../http/request.js'
import { serviceById, type ServiceSpec } from '../seed/catalog.js'
import type { OrgState } from '../state/state.js'
import {
  serviceDefinitionLink,
  toServiceDefinition,
  toServiceDefinitionDto,
  toServiceRoleDefinitions,
} from '../views.js'
import type { Route } from './route.js'

const SLC = '/csp/gateway/slc/api'

/**
 * The org of `?orgId=` or `?orgLink=/csp/gateway/am/api/orgs/<id>` (the token's org when absent), as
 * any org-scoped read: 404 for another org.
 */
function queryOrg(request: RequestContext, emulator: EmulatorContext): OrgState {
  const principal = authenticate(request, emulator)
  const fromLink = /\/orgs\/([^/?]+)\/?$/.exec(request.query.get('orgLink') ?? '')?.[1]
  return requireOrg(principal, request.query.get('orgId') || fromLink || principal.orgId, emulator)
}

function entitledService(request: RequestContext, org: OrgState): ServiceSpec {
  const service = servicesOf(org).find((candidate) => candidate.id === request.param('serviceId'))
  if (!service) throw new NotFoundError(`Service definition ${request.param('serviceId')} not found`)
  return service
}

/** The services an org is entitled to. */
export function servicesOf(org: OrgState): ServiceSpec[] {
  return org.record.serviceIds
    .map((id) => serviceById(id))
    .filter((service): service is ServiceSpec => !!service)
}

/** `GET /csp/gateway/slc/api/v2/ui/definitions/?orgId=` */
function listUiDefinitions(request: RequestContext, emulator: EmulatorContext): Reply {
  const body: ServiceDefinitionsResponse = {
    servicesList: servicesOf(queryOrg(request, emulator)).map(toServiceDefinition),
  }
  return ok(body)
}

/** `GET /csp/gateway/slc/api/definitions[?expand][&orgLink=]`: with `expand`, each with its roles. */
function listDefinitions(request: RequestContext, emulator: EmulatorContext): Reply {
  const org = queryOrg(request, emulator)
  const expand = request.flag('expand')
  const body: ServiceDefinitionsPage = {
    results: servicesOf(org).map((service) => toServiceDefinitionDto(service, org.id, expand)),
  }
  return ok(body)
}

/** `GET /csp/gateway/slc/api/definitions/external/{serviceId}` (the link invitations carry). */
function getDefinition(request: RequestContext, emulator: EmulatorContext): Reply {
  const org = queryOrg(request, emulator)
  return ok(toServiceDefinitionDto(entitledService(request, org), org.id, true))
}

/** `GET /csp/gateway/slc/api/definitions/external/{serviceId}/service-roles` */
function getServiceRoles(request: RequestContext, emulator: EmulatorContext): Reply {
  const service = entitledService(request, queryOrg(request, emulator))
  const roles = toServiceRoleDefinitions(service)
  const body: ServiceRolesResponse = {
    refLinks: roles.map(
      (role) => `${serviceDefinitionLink(service.id)}/roles/${encodeURIComponent(role.name)}`,
    ),
    serviceRoles: roles,
  }
  return ok(body)
}

/** Service routes. */
export const serviceRoutes: Route[] = [
  { method: 'GET', path: `${SLC}/v2/ui/definitions`, handle: listUiDefinitions },
  { method: 'GET', path: `${SLC}/definitions`, handle: listDefinitions },
  { method: 'GET', path: `${SLC}/definitions/external/{serviceId}`, handle: getDefinition },
  { method: 'GET', path: `${SLC}/definitions/external/{serviceId}/service-roles`, handle: getServiceRoles },
]
