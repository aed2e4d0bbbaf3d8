// The organization's services and their roles, read from what CSP documents (csp-api.md §10): the
// UI list names the services (`/slc/api/v2/ui/definitions`), the catalogue gives their roles and
// descriptions (`/slc/api/definitions?expand`, else `/definitions/external/{id}/service-roles` per
// service). Every part may be missing on a real CSP: what cannot be read is `undefined` ("unknown"),
// never an empty list that would read as "no roles".
import type { CspCall } from '../../../src/csp/connection.js'
import { InterruptedError } from '../../../src/engine/index.js'
import {
  listServiceCatalogue,
  listServiceRoles,
  listServices,
  serviceDefinitionLink,
} from '../../../src/csp/endpoints.js'
import { mapConcurrent } from '../../../src/csp/paging.js'
import type { ServiceDefinitionDto, ServiceRoleDefinition } from '../../../src/wire/csp.js'

/** One role of a service, as the client uses it. */
export interface CatalogRole {
  name: string
  displayName: string
  description: string
}

/** A service with what could be learnt about it. */
export interface CatalogService {
  serviceDefinitionId: string
  displayName: string
  description: string
  /** `/csp/gateway/slc/api/definitions/external/<id>` */
  selfLink: string
  /** Undefined when CSP's catalogue could not be read for this service. */
  roles?: CatalogRole[]
}

/** What {@link loadServices} learnt, and whether the role catalogue was readable. */
export interface ServiceCatalog {
  services: CatalogService[]
  /** False when no service's roles could be read. */
  rolesKnown: boolean
}

/** The id at the end of a definition link (`.../definitions/external/<id>`), if it is one. */
function idOfLink(link: unknown): string | undefined {
  if (typeof link !== 'string') return undefined
  return /\/definitions\/(?:external|paid)\/([^/?]+)\/?$/.exec(link)?.[1]
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/** Roles as the client keeps them; entries without a name are dropped, hidden ones too. */
function toRoles(roles: unknown): CatalogRole[] | undefined {
  if (!Array.isArray(roles)) return undefined
  return (roles as Array<Partial<ServiceRoleDefinition> | null>)
    .filter((role): role is Partial<ServiceRoleDefinition> => !!role && typeof role.name === 'string')
    .filter((role) => role.isHidden !== true)
    .map((role) => ({
      name: role.name!,
      displayName: text(role.displayName) || role.name!,
      description: text(role.description),
    }))
}

/** Reads a promise to its value, or undefined when it failed (the reason goes to `failed`). */
async function settle<T>(promise: Promise<T>, failed: (error: unknown) => void): Promise<T | undefined> {
  try {
    return await promise
  } catch (error) {
    if (error instanceof InterruptedError) throw error
    failed(error)
    return undefined
  }
}

/**
 * The org's services; with `withRoles`, their roles and descriptions from the catalogue. When no
 * catalogue can be read, `warn` says so once and the roles stay unknown.
 */
export async function loadServices(
  call: CspCall,
  options: { withRoles: boolean; warn?: (message: string) => void },
): Promise<ServiceCatalog> {
  let uiError: unknown
  let catalogueError: unknown
  const [ui, catalogue] = await Promise.all([
    settle(listServices(call.client, call), (error) => (uiError = error)),
    options.withRoles
      ? settle(listServiceCatalogue(call.client, call), (error) => (catalogueError = error))
      : Promise.resolve(undefined),
  ])
  if (ui === undefined && !catalogue?.length) throw uiError
  const byId = new Map<string, Partial<ServiceDefinitionDto>>()
  for (const entry of catalogue ?? []) {
    const id = idOfLink(entry?.documentSelfLink)
    if (id) byId.set(id, entry)
  }
  const listed = ui?.filter((service) => typeof service?.serviceDefinitionId === 'string')
  const services: CatalogService[] = (
    listed ??
    [...byId].map(([serviceDefinitionId, entry]) => ({
      serviceDefinitionId,
      displayName: text(entry.displayName) || text(entry.name),
    }))
  ).map((service) => {
    const entry = byId.get(service.serviceDefinitionId)
    return {
      serviceDefinitionId: service.serviceDefinitionId,
      displayName: text(service.displayName) || service.serviceDefinitionId,
      description: text(entry?.descriptionShort) || text(entry?.descriptionLong),
      selfLink: serviceDefinitionLink(service.serviceDefinitionId),
      roles: toRoles(entry?.serviceRoles),
    }
  })
  if (!options.withRoles) return { services, rolesKnown: false }
  // Services the catalogue did not cover: ask each one's role list.
  const missing = services.filter((service) => service.roles === undefined)
  let perServiceError: unknown
  for await (const result of mapConcurrent(missing, 4, async (service) => ({
    service,
    roles: await settle(
      listServiceRoles(call.client, service.serviceDefinitionId, call),
      (error) => (perServiceError ??= error),
    ),
  }))) {
    result.service.roles = toRoles(result.roles)
  }
  const rolesKnown = services.some((service) => service.roles !== undefined) || services.length === 0
  if (!rolesKnown) {
    const reason = (catalogueError ?? perServiceError) as { message?: string } | undefined
    options.warn?.(
      `CSP's service-role catalogue could not be read${reason?.message ? ` (${reason.message.replace(/\.$/, '')})` : ''}: service roles are unknown here, and role names are sent to CSP as given.`,
    )
  }
  return { services, rolesKnown }
}
