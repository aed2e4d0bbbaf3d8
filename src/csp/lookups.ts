// Resolves what users type (role names, `Service:role` strings, role and group objects, wildcards)
// against the organization's own lists, so that a typo stops a command before anything is sent.
import { getProperty, hasWildcard, isRecord, matchesAny, UsageError, VcsError } from '../engine/index.js'
import type { GroupDto, RoleDto, ServiceDefinition } from '../wire/csp.js'
import type { CspCall } from './connection.js'
import { listGroupsPage, listOrganizationRoles, listServices, LIMITS } from './endpoints.js'
import { streamPages } from './paging.js'

/** Every group of the organization (groups are few; all pages are read). */
export async function listAllGroups(call: CspCall): Promise<GroupDto[]> {
  const groups: GroupDto[] = []
  for await (const group of streamPages(
    (start, limit, signal) => listGroupsPage(call.client, start, limit, { signal, log: call.log }),
    { pageLimit: LIMITS.pageLimit, concurrency: 2, signal: call.signal },
  ))
    groups.push(group)
  return groups
}

/** Flattens parameter values that may be arrays of arrays (`-OrganizationRole $a, 'x'`). */
export function flatValues(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value.flatMap(flatValues) : [value]
}

/** Name of a role object or the string itself. */
function nameOf(value: unknown): string {
  if (isRecord(value)) return String(getProperty(value, 'Name') ?? getProperty(value, 'Id') ?? '')
  return String(value).trim()
}

/** Organization role names for the request; unknown names throw before anything is sent. */
export function resolveOrganizationRoles(values: unknown, roles: readonly RoleDto[]): string[] {
  const names = new Set<string>()
  for (const value of flatValues(values)) {
    const wanted = nameOf(value)
    const role = roles.find(
      (r) =>
        r.name.toLowerCase() === wanted.toLowerCase() ||
        r.displayName?.toLowerCase() === wanted.toLowerCase(),
    )
    if (!role) {
      throw new UsageError(
        'ValidationFailed',
        `Unknown organization role '${wanted}'. Known roles: ${roles.map((r) => r.name).join(', ')}.`,
        { target: wanted, hint: 'List them with Get-VcsOrganizationRole.' },
      )
    }
    names.add(role.name)
  }
  return [...names]
}

/** Service roles grouped by service for the request; unknown services or roles throw. */
export function resolveServiceRoles(
  values: unknown,
  services: readonly ServiceDefinition[],
): Map<string, string[]> {
  const byService = new Map<string, Set<string>>()
  const add = (service: ServiceDefinition, role: string) => {
    const set = byService.get(service.serviceDefinitionId) ?? new Set<string>()
    set.add(role)
    byService.set(service.serviceDefinitionId, set)
  }
  for (const value of flatValues(values)) {
    if (isRecord(value) && getProperty(value, 'ServiceId') !== undefined) {
      const serviceId = String(getProperty(value, 'ServiceId'))
      const service = services.find((s) => s.serviceDefinitionId === serviceId)
      const role = service?.serviceRoles.find((r) => r.name === String(getProperty(value, 'Name')))
      if (!service || !role) throw unknownServiceRole(String(getProperty(value, 'Name')), services)
      add(service, role.name)
      continue
    }
    const text = nameOf(value)
    // A bare role name (`vmc-user:full`) when exactly one service has it.
    const holders = services.filter((s) =>
      s.serviceRoles.some((r) => r.name.toLowerCase() === text.toLowerCase()),
    )
    if (holders.length === 1) {
      add(holders[0], holders[0].serviceRoles.find((r) => r.name.toLowerCase() === text.toLowerCase())!.name)
      continue
    }
    if (holders.length > 1) {
      throw new UsageError(
        'ValidationFailed',
        `Service role '${text}' exists in several services (${holders.map((s) => s.displayName).join(', ')}).`,
        { target: text, hint: "Name the service too: 'Service Name:role'." },
      )
    }
    // `Service:role`, where the service is its display name or id (role names contain colons too).
    const resolved = splitServiceRole(text, services)
    if (!resolved) throw unknownServiceRole(text, services)
    add(resolved.service, resolved.role)
  }
  return new Map([...byService].map(([id, roles]) => [id, [...roles]]))
}

function splitServiceRole(text: string, services: readonly ServiceDefinition[]) {
  for (let i = text.indexOf(':'); i > 0; i = text.indexOf(':', i + 1)) {
    const serviceName = text.slice(0, i).trim().toLowerCase()
    const roleName = text
      .slice(i + 1)
      .trim()
      .toLowerCase()
    const service = services.find(
      (s) =>
        s.displayName.toLowerCase() === serviceName || s.serviceDefinitionId.toLowerCase() === serviceName,
    )
    const role = service?.serviceRoles.find((r) => r.name.toLowerCase() === roleName)
    if (service && role) return { service, role: role.name }
  }
  return undefined
}

function unknownServiceRole(text: string, services: readonly ServiceDefinition[]): UsageError {
  const known = services.flatMap((s) => s.serviceRoles.map((r) => r.name))
  return new UsageError(
    'ValidationFailed',
    `Unknown service role '${text}'. Known service roles: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', ...' : ''}.`,
    { target: text, hint: 'List them with Get-VcsServiceRole.' },
  )
}

/** Group ids for the request (by id, name or group object); unknown groups throw. */
export function resolveGroups(values: unknown, groups: readonly GroupDto[]): string[] {
  const ids = new Set<string>()
  for (const value of flatValues(values)) {
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
    ids.add(group.id)
  }
  if (ids.size > LIMITS.inviteGroups) {
    throw new UsageError(
      'ValidationFailed',
      `At most ${LIMITS.inviteGroups} groups per invitation (got ${ids.size}).`,
    )
  }
  return [...ids]
}

/** The org's roles and services, fetched together once per command. */
export async function loadCatalog(call: CspCall, needGroups: boolean) {
  const [roles, services, groups] = await Promise.all([
    listOrganizationRoles(call.client, call),
    listServices(call.client, call),
    needGroups ? listAllGroups(call) : Promise.resolve([] as GroupDto[]),
  ])
  return { roles, services, groups }
}

/**
 * Filters items by -Name patterns the PowerShell way, reporting each literal name (no wildcard) that
 * matched nothing as a NotFound error through `report`.
 */
export function* filterByName<T>(
  items: readonly T[],
  patterns: readonly string[] | undefined,
  names: (item: T) => Array<string | null | undefined>,
  report: (error: VcsError) => void,
  what: string,
): Generator<T> {
  if (!patterns || patterns.length === 0) {
    yield* items
    return
  }
  const hits = new Set<string>()
  for (const item of items) {
    const matched = patterns.filter((pattern) => names(item).some((name) => matchesAny(name, [pattern])))
    if (matched.length === 0) continue
    for (const pattern of matched) hits.add(pattern)
    yield item
  }
  for (const pattern of patterns) {
    if (!hasWildcard(pattern) && !hits.has(pattern)) {
      report(
        new VcsError('NotFound', `No ${what} named '${pattern}' was found.`, {
          category: 'ObjectNotFound',
          target: pattern,
        }),
      )
    }
  }
}
