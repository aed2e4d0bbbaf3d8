// Resolves what users type (role names, `Service:role` strings, role and group objects, wildcards)
// against the organization's own lists, so that a typo stops a command before anything is sent.
import {
  getProperty,
  hasWildcard,
  isRecord,
  matchesAny,
  UsageError,
  VcsError,
  RemoteError,
} from '../../../src/engine/index.js'
import type { GroupDto, RoleDto } from '../../../src/wire/csp.js'
import type { CspCall } from '../../../src/csp/connection.js'
import { listGroupsPage, LIMITS } from '../../../src/csp/endpoints.js'
import { streamPages } from '../../../src/csp/paging.js'
import type { CatalogRole, CatalogService } from './services.js'

/** Every group of the organization (groups are few; all pages are read). */
export async function listAllGroups(
  call: CspCall,
  onPartial?: (errors: ReadonlyArray<unknown>) => void,
): Promise<GroupDto[]> {
  const groups: GroupDto[] = []
  for await (const group of streamPages(
    (start, limit, signal) => listGroupsPage(call.client, start, limit, { signal, log: call.log }),
    { pageLimit: LIMITS.pageLimit, concurrency: 2, signal: call.signal, onPartial },
  ))
    groups.push(group)
  return groups
}

/** Flattens parameter values that may be arrays of arrays (`-OrganizationRole $a, 'x'`). */
export function flatValues(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value.flatMap(flatValues) : [value]
}

/**
 * Role values with list cells split: `--output csv` and Export-Csv write a list as one cell joined
 * with "; ", so `Import-Csv team.csv | New-VcsUserInvitation` gets `org_member; developer` for
 * -OrganizationRole. No CSP role name holds a ";", so the cell is read as the roles it lists (where
 * PowerShell would pass one string that no role could match).
 */
export function roleValues(value: unknown): unknown[] {
  return flatValues(value).flatMap((item) =>
    typeof item === 'string' && item.includes(';')
      ? item
          .split(';')
          .map((part) => part.trim())
          .filter((part) => part !== '')
      : [item],
  )
}

/**
 * The role of a service named by its name or, where no name matches and exactly one role has it, by
 * its display name (what the console shows: `NSX Cloud Admin`).
 */
function findRole(roles: readonly CatalogRole[], wanted: string): CatalogRole | undefined {
  const lower = wanted.toLowerCase()
  const byName = roles.find((r) => r.name.toLowerCase() === lower)
  if (byName) return byName
  const byDisplay = roles.filter((r) => r.displayName.toLowerCase() === lower)
  return byDisplay.length === 1 ? byDisplay[0] : undefined
}

/** Name of a role object or the string itself. */
function nameOf(value: unknown): string {
  if (isRecord(value)) return String(getProperty(value, 'Name') ?? getProperty(value, 'Id') ?? '')
  return String(value).trim()
}

/**
 * The organization roles every CSP org has, by their documented names (csp-api.md §2.2): an org has
 * an owner and members. Other names (`org_admin`, `developer`, an org's own) and display names are
 * checked against the org's list.
 */
const EVERY_ORG_ROLES: readonly string[] = ['org_owner', 'org_member']

/**
 * The role names for the request when every value names a role every org has (so the org's role
 * list need not be read); undefined when one does not, or no value is given.
 */
export function everyOrgRoles(values: unknown): string[] | undefined {
  const names = new Set<string>()
  for (const value of roleValues(values)) {
    const name = EVERY_ORG_ROLES.find((role) => role === nameOf(value).toLowerCase())
    if (name === undefined) return undefined
    names.add(name)
  }
  return names.size > 0 ? [...names] : undefined
}

/** Organization role names for the request; unknown names throw before anything is sent. */
export function resolveOrganizationRoles(values: unknown, roles: readonly RoleDto[]): string[] {
  const names = new Set<string>()
  for (const value of roleValues(values)) {
    const wanted = nameOf(value)
    const role = roles.find(
      (r) =>
        String(r?.name ?? '').toLowerCase() === wanted.toLowerCase() ||
        String(r?.displayName ?? '').toLowerCase() === wanted.toLowerCase(),
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

/**
 * Service roles grouped by service for the request; unknown services or roles throw. A service
 * whose roles could not be read (`roles` undefined) takes role names as given: CSP judges them.
 */
export function resolveServiceRoles(
  values: unknown,
  services: readonly CatalogService[],
): Map<string, string[]> {
  const byService = new Map<string, Set<string>>()
  const add = (service: CatalogService, role: string) => {
    const set = byService.get(service.serviceDefinitionId) ?? new Set<string>()
    set.add(role)
    byService.set(service.serviceDefinitionId, set)
  }
  const roleOf = (service: CatalogService, name: string) =>
    service.roles === undefined ? name : findRole(service.roles, name)?.name
  for (const value of roleValues(values)) {
    if (isRecord(value) && getProperty(value, 'ServiceId') !== undefined) {
      const serviceId = String(getProperty(value, 'ServiceId'))
      const name = String(getProperty(value, 'Name') ?? '')
      const service = services.find((s) => s.serviceDefinitionId === serviceId)
      const role = service && name ? roleOf(service, name) : undefined
      if (!service || !role) throw unknownServiceRole(name, services)
      add(service, role)
      continue
    }
    const text = nameOf(value)
    // A bare role name (`vmc-user:full`) when exactly one service has it.
    const holders = services.filter((s) => s.roles !== undefined && findRole(s.roles, text) !== undefined)
    if (holders.length === 1) {
      add(holders[0], roleOf(holders[0], text)!)
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

function splitServiceRole(text: string, services: readonly CatalogService[]) {
  for (let i = text.indexOf(':'); i > 0; i = text.indexOf(':', i + 1)) {
    const serviceName = text.slice(0, i).trim().toLowerCase()
    const roleName = text.slice(i + 1).trim()
    const service = services.find(
      (s) =>
        s.displayName.toLowerCase() === serviceName || s.serviceDefinitionId.toLowerCase() === serviceName,
    )
    if (!service || roleName === '') continue
    const role = service.roles === undefined ? roleName : findRole(service.roles, roleName)?.name
    if (role) return { service, role }
  }
  return undefined
}

function unknownServiceRole(text: string, services: readonly CatalogService[]): UsageError {
  if (services.some((s) => s.roles === undefined)) {
    // Without the catalogue a bare role name cannot be placed in a service.
    return new UsageError(
      'ValidationFailed',
      `Service role '${text}' cannot be matched to a service: CSP's service-role catalogue could not be read for ${services
        .filter((s) => s.roles === undefined)
        .map((s) => s.displayName)
        .join(', ')}.`,
      {
        target: text,
        hint: "Name the service too: 'Service Name:role' (Get-VcsService lists the names); CSP then checks the role itself.",
      },
    )
  }
  const known = services.flatMap((s) => (s.roles ?? []).map((r) => r.name))
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
    const group = groups.find(
      (g) => g.id === wanted || String(g.displayName ?? '').toLowerCase() === wanted.toLowerCase(),
    )
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

/** One filter of a Get-* cmdlet whose exact values must each find something, as in PowerShell. */
export interface ExactLookup<T> {
  /** The values given (parameter values); undefined when the parameter was not given. */
  values: readonly unknown[] | undefined
  /** How the error names a value: `named` ("No user named 'x'"), `with id` ("No user with id 'x'"). */
  label: string
  /** The texts of an item that a value is matched against, case-insensitively. */
  fields: (item: T) => ReadonlyArray<string | null | undefined>
  /**
   * The values are wildcard patterns (the default): a value with a wildcard character is never
   * reported. When false, every value is compared as it is and reported when it finds nothing.
   */
  wildcards?: boolean
}

/**
 * PowerShell's convention for lookups: an exact value (no wildcard character) that finds nothing is
 * a non-terminating ObjectNotFound error naming the value; a wildcard pattern that matches nothing
 * is silent. Feed it every item the cmdlet outputs (`found`), then `report` the values left.
 * Values that are not strings (objects from the pipeline) are never reported.
 */
export class NotFoundTracker<T> {
  private pending: Array<{ value: string; lookup: ExactLookup<T> }>

  /**
   * @param what the noun of the error: `user`, `service role`
   * @param otherFilters true when other filters (roles, status) narrowed the items too: the error
   * then says that the value found nothing *with the other filters given*
   */
  constructor(
    private readonly what: string,
    lookups: ReadonlyArray<ExactLookup<T>>,
    private readonly otherFilters = false,
  ) {
    this.pending = lookups.flatMap((lookup) =>
      flatValues(lookup.values)
        .filter((value): value is string => typeof value === 'string')
        .filter((value) => lookup.wildcards === false || !hasWildcard(value))
        .map((value) => ({ value, lookup })),
    )
  }

  /** Notes an item the cmdlet outputs: the values that match it have found something. */
  found(item: T): void {
    if (this.pending.length === 0) return
    this.pending = this.pending.filter(({ value, lookup }) => !lookupMatches(lookup, value, item))
  }

  /** Writes one ObjectNotFound error per value that found nothing. */
  report(write: (error: VcsError, target: string) => void): void {
    const filters = this.otherFilters ? ' with the other filters given' : ''
    for (const { value, lookup } of this.pending) {
      write(
        new RemoteError('NotFound', `No ${this.what} ${lookup.label} '${value}' was found${filters}.`, {
          category: 'ObjectNotFound',
          target: value,
        }),
        value,
      )
    }
    this.pending = []
  }
}

/** True when a value of a lookup matches one of the item's fields. */
function lookupMatches<T>(lookup: ExactLookup<T>, value: string, item: T): boolean {
  return lookup.fields(item).some((field) => {
    if (field === null || field === undefined) return false
    return lookup.wildcards === false
      ? field.toLowerCase() === value.toLowerCase()
      : matchesAny(field, [value])
  })
}

/**
 * The items that pass every lookup given (any of its values matching), as the Get-* cmdlets select
 * by -Name and -Id; each exact value that found nothing is reported as an ObjectNotFound error.
 */
export function* selectItems<T>(
  items: Iterable<T>,
  what: string,
  lookups: ReadonlyArray<ExactLookup<T>>,
  report: (error: VcsError, target: string) => void,
  otherFilters = false,
): Generator<T> {
  const given = lookups
    .map((lookup) => ({ ...lookup, values: flatValues(lookup.values).map(String) }))
    .filter((lookup) => lookup.values.length > 0)
  const tracker = new NotFoundTracker(what, given, otherFilters || given.length > 1)
  for (const item of items) {
    if (!given.every((lookup) => lookup.values.some((value) => lookupMatches(lookup, value, item)))) continue
    tracker.found(item)
    yield item
  }
  tracker.report(report)
}
