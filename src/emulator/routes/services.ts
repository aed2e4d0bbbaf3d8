// Service definitions and their roles (csp-api.md §2.3): the org's entitled services.
import type { ServiceDefinitionsPage, ServiceDefinitionsResponse } from '../../wire/csp.js'
import { authenticate, requireOrg } from '../auth/principal.js'
import type { EmulatorContext } from '../context.js'
import { NotFoundError } from '../errors.js'
import { ok, type Reply, type RequestContext } from '../http/request.js'
import { serviceById, type ServiceSpec } from '../seed/catalog.js'
import type { OrgState } from '../state/state.js'
import { toServiceDefinition, toServiceDefinitionDto } from '../views.js'
import type { Route } from './route.js'

const SLC = '/csp/gateway/slc/api'

/** The org of `?orgId=` (the token's org when absent), as any org-scoped read: 404 for another org. */
function queryOrg(request: RequestContext, emulator: EmulatorContext): OrgState {
  const principal = authenticate(request, emulator)
  return requireOrg(principal, request.query.get('orgId') || principal.orgId, emulator)
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

/** `GET /csp/gateway/slc/api/definitions[?expand=1]` */
function listDefinitions(request: RequestContext, emulator: EmulatorContext): Reply {
  const org = queryOrg(request, emulator)
  const body: ServiceDefinitionsPage = {
    results: servicesOf(org).map((service) => toServiceDefinitionDto(service, org.id)),
  }
  return ok(body)
}

/** `GET /csp/gateway/slc/api/definitions/external/{serviceId}` (the link invitations carry). */
function getDefinition(request: RequestContext, emulator: EmulatorContext): Reply {
  const org = queryOrg(request, emulator)
  const service = servicesOf(org).find((candidate) => candidate.id === request.param('serviceId'))
  if (!service) throw new NotFoundError(`Service definition ${request.param('serviceId')} not found`)
  return ok(toServiceDefinitionDto(service, org.id))
}

/** Service routes. */
export const serviceRoutes: Route[] = [
  { method: 'GET', path: `${SLC}/v2/ui/definitions`, handle: listUiDefinitions },
  { method: 'GET', path: `${SLC}/definitions`, handle: listDefinitions },
  { method: 'GET', path: `${SLC}/definitions/external/{serviceId}`, handle: getDefinition },
]
