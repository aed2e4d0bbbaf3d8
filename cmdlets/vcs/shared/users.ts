// Finding users: the whole list streamed with pages fetched ahead, or, when every pattern has enough
// literal text, CSP's capped "contains" search first (falling back to the list when it may have cut
// results off). Matching is always done here, so both paths give the same answer.
import {
  getProperty,
  isRecord,
  matchesAny,
  UsageError,
  VcsError,
  type CmdletContext,
} from '../../../src/engine/index.js'
import type { ExpandedTypedUser } from '../../../src/wire/csp.js'
import type { CspCall } from '../../../src/csp/connection.js'
import { LIMITS, listOrganizationRoles, listUsersPage, searchUsers } from '../../../src/csp/endpoints.js'
import { flatValues, resolveOrganizationRoles, resolveServiceRoles } from './lookups.js'
import { loadServices } from './services.js'
import { streamPageResults } from '../../../src/csp/paging.js'

/** What Get-VcsUser filters on; every given filter must match (each filter matches any of its values). */
export interface UserFilter {
  /** Wildcards matched on the Name property: the full name (the username or e-mail when CSP has no names). */
  name?: readonly string[]
  /** Literal text found anywhere in the username, e-mail, first, last or full name (case-insensitive). */
  search?: readonly string[]
  id?: readonly string[]
  /** Wildcards matched on the e-mail. */
  email?: readonly string[]
  organizationRole?: readonly string[]
  serviceRole?: readonly string[]
}

/** Strings only: CSP may send null or nothing where a name is expected. */
function strings(values: ReadonlyArray<unknown> | null | undefined): string[] {
  return Array.isArray(values) ? values.filter((value): value is string => typeof value === 'string') : []
}

/** Names of role bindings that have one. */
function bindingNames(bindings: ReadonlyArray<unknown> | null | undefined): string[] {
  return strings(
    (Array.isArray(bindings) ? bindings : []).map((binding) => (binding as { name?: unknown } | null)?.name),
  )
}

/** True when the user passes every filter. */
export function userMatches(item: ExpandedTypedUser, filter: UserFilter): boolean {
  const user: Partial<ExpandedTypedUser['user']> = item.user ?? {}
  const id = typeof user.userId === 'string' ? user.userId.toLowerCase() : undefined
  if (filter.id && !filter.id.some((wanted) => wanted.toLowerCase() === id)) return false
  if (filter.email && !(typeof user.email === 'string' && matchesAny(user.email, filter.email))) return false
  if (filter.name && !matchesAny(displayName(item), filter.name)) return false
  if (filter.search) {
    const fields = strings(searchFields(item)).map((field) => field.toLowerCase())
    if (!filter.search.some((text) => fields.some((field) => field.includes(text.toLowerCase()))))
      return false
  }
  if (filter.organizationRole) {
    const held = bindingNames(item.organizationRoles).map((name) => name.toLowerCase())
    if (!filter.organizationRole.some((role) => held.includes(role.toLowerCase()))) return false
  }
  if (filter.serviceRole) {
    const services = Array.isArray(item.serviceRoles) ? item.serviceRoles : []
    const held = services.flatMap((service) => [
      ...strings(service?.serviceRoleNames),
      ...bindingNames(service?.serviceRoles),
    ])
    const lower = held.map((name) => name.toLowerCase())
    if (!filter.serviceRole.some((role) => lower.includes(role.toLowerCase()))) return false
  }
  return true
}

/** The Name property of a user (as toVcsUser builds it): what -Name matches, as its help says. */
export function displayName(item: ExpandedTypedUser): string {
  const user: Partial<ExpandedTypedUser['user']> = item.user ?? {}
  const fullName = strings([user.firstName, user.lastName])
    .filter((part) => part.trim())
    .join(' ')
  return fullName || strings([user.username, user.email])[0] || ''
}

/** The texts -Search looks in: username, e-mail, first, last and full name. */
export function searchFields(item: ExpandedTypedUser): Array<string | null | undefined> {
  const user: Partial<ExpandedTypedUser['user']> = item.user ?? {}
  const fullName = strings([user.firstName, user.lastName]).filter(Boolean).join(' ')
  return [user.username, user.email, user.firstName, user.lastName, fullName]
}

/** Role names from strings or role objects (`Get-VcsOrganizationRole org_admin`). */
export function roleNames(values: unknown): string[] | undefined {
  const names = flatValues(values).map((value) =>
    isRecord(value) ? String(getProperty(value, 'Name') ?? '') : String(value),
  )
  return names.length > 0 ? names : undefined
}

/**
 * The longest run of literal characters in a wildcard pattern (the part CSP's "contains" search can
 * look for), or '' when there is none.
 */
export function longestLiteral(pattern: string): string {
  let best = ''
  let run = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '`' && i + 1 < pattern.length) {
      run += pattern[++i]
    } else if (c === '*' || c === '?') {
      run = ''
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 1)
      if (close === -1) run += c
      else {
        run = ''
        i = close
      }
    } else run += c
    if (run.length > best.length) best = run
  }
  return best
}

/** Search terms that cover every pattern, or undefined when the full list must be read. */
function searchTerms(filter: UserFilter): string[] | undefined {
  if (filter.id) return undefined
  const given = [filter.name, filter.email, filter.search].filter((values) => values !== undefined)
  // CSP searches one text at a time: two kinds of filter together need the list.
  if (given.length !== 1) return undefined
  const literals = filter.search ?? given[0]!.map(longestLiteral)
  const terms: string[] = []
  for (const literal of literals) {
    // A space may span first and last name, which CSP searches separately.
    if (literal.trim().length < 2 || literal.includes(' ') || literal.length > LIMITS.searchTermLength) {
      return undefined
    }
    terms.push(literal)
  }
  return [...new Set(terms.map((term) => term.toLowerCase()))]
}

export interface FindUsersOptions {
  /** Pages (or searches) in flight at once. */
  concurrency: number
  /** Verbose note of the strategy chosen. */
  note?: (message: string) => void
  /** Called for each user CSP sent without role fields (the caller may not see roles). May throw. */
  onRolesHidden?: () => void
  /** Called for each partial page of the user list (`errors[]`). May throw. */
  onPartial?: (errors: ReadonlyArray<unknown>) => void
}

/** True when CSP sent the user without any role field: roles are unknown, not absent. */
export function rolesHidden(item: ExpandedTypedUser): boolean {
  return item.organizationRoles == null && item.serviceRoles == null
}

/**
 * Whether a CSP host's user search ignores case, learnt per client: CSP documents a "contains"
 * match without saying (csp-api.md §10), so the first search with letters is sent in both cases.
 */
const searchIgnoresCase = new WeakMap<object, boolean>()

/**
 * The results of a server-side search that can be trusted as complete for `term`, or undefined when
 * the list must be read: the cap was hit, or the host may match case-sensitively.
 */
async function trustedSearch(call: CspCall, term: string): Promise<ExpandedTypedUser[] | undefined> {
  const lower = term.toLowerCase()
  const hasCase = lower !== term.toUpperCase()
  const known = searchIgnoresCase.get(call.client)
  const results = await searchUsers(call.client, lower, call)
  if (results.length >= LIMITS.searchResults) return undefined
  if (!hasCase || known === true) return results
  if (known === false) return undefined
  const upper = await searchUsers(call.client, term.toUpperCase(), call)
  const ids = (items: ExpandedTypedUser[]) =>
    items
      .map((item) => item.user?.userId)
      .sort()
      .join('\n')
  if (results.length === 0 && upper.length === 0) return undefined // nothing to learn from
  const same = ids(results) === ids(upper)
  searchIgnoresCase.set(call.client, same)
  return same ? results : undefined
}

/** Yields the users that pass the filter, streaming. */
export async function* findUsers(
  call: CspCall,
  filter: UserFilter,
  options: FindUsersOptions,
): AsyncGenerator<ExpandedTypedUser> {
  for await (const page of findUserPages(call, filter, options)) yield* page
}

/**
 * Yields the users that pass the filter, a page at a time (in order, never empty): one step of an
 * async generator per page rather than per user, for callers that go through 100,000 users.
 */
export async function* findUserPages(
  call: CspCall,
  filter: UserFilter,
  options: FindUsersOptions,
): AsyncGenerator<ExpandedTypedUser[]> {
  const terms = searchTerms(filter)
  if (terms) {
    const results = await Promise.all(terms.map((term) => trustedSearch(call, term)))
    if (results.every((result) => result !== undefined)) {
      options.note?.(`Narrowed with CSP's user search for ${terms.map((t) => `'${t}'`).join(', ')}.`)
      const seen = new Set<string>()
      const matched: ExpandedTypedUser[] = []
      for (const item of results.flat()) {
        if (!item?.user || seen.has(item.user.userId)) continue
        if (rolesHidden(item)) options.onRolesHidden?.()
        if (!userMatches(item, filter)) continue
        seen.add(item.user.userId)
        matched.push(item)
      }
      if (matched.length > 0) yield matched
      return
    }
    options.note?.(
      'CSP’s user search may have missed matches (its cap of 20 results, or a case-sensitive match); reading the whole user list instead.',
    )
  }
  const remainingIds = filter.id ? new Set(filter.id.map((id) => id.toLowerCase())) : undefined
  const filtered = Object.values(filter).some((value) => value !== undefined)
  for await (const page of streamPageResults(
    (start, limit, signal) => listUsersPage(call.client, start, limit, { signal, log: call.log }),
    {
      pageLimit: LIMITS.pageLimit,
      concurrency: options.concurrency,
      signal: call.signal,
      onPartial: options.onPartial,
    },
  )) {
    const matched: ExpandedTypedUser[] = []
    let complete = false
    for (const item of page) {
      if (!item?.user) continue
      if (rolesHidden(item)) options.onRolesHidden?.()
      if (filtered && !userMatches(item, filter)) continue
      matched.push(item)
      if (remainingIds) {
        remainingIds.delete(item.user.userId.toLowerCase())
        // Every id asked for was found: stop reading (and fetching) the list.
        if (remainingIds.size === 0) {
          complete = true
          break
        }
      }
    }
    // The page is this generator's alone now (streamPageResults keeps none of it): let go of the
    // records not matched before the consumer works through the matched ones.
    page.length = 0
    if (matched.length > 0) yield matched
    if (complete) return
  }
}

/** -Search values: literal texts, empty ones dropped; undefined when none is given. */
export function searchTexts(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined
  const texts = values.map((value) => value.trim()).filter((value) => value !== '')
  if (texts.length === 0) throw new UsageError('InvalidParameterValue', 'Cannot search for an empty text.')
  return texts
}

/**
 * The role filters, checked against the organization: a role or service role that does not exist
 * is a usage error listing the known ones (a typo must not look like "nobody holds it"). When the
 * token may not read the roles, the filter is kept as given and `hidden` is called (a warning).
 */
export async function checkedRoleFilters(
  call: CspCall,
  args: { organizationRole?: unknown; serviceRole?: unknown },
  hidden: () => void,
): Promise<{ organizationRole?: string[]; serviceRole?: string[] }> {
  const organization = roleNames(args.organizationRole)
  const service = roleNames(args.serviceRole)
  const result: { organizationRole?: string[]; serviceRole?: string[] } = {}
  if (organization) {
    try {
      result.organizationRole = resolveOrganizationRoles(
        organization,
        await listOrganizationRoles(call.client, call),
      )
    } catch (error) {
      if (!isForbidden(error)) throw error
      hidden()
      result.organizationRole = organization
    }
  }
  if (service) {
    try {
      const catalog = await loadServices(call, { withRoles: true })
      // No catalogue could be read: the names go as given (CSP's answer is the check).
      result.serviceRole = catalog.rolesKnown
        ? [...resolveServiceRoles(args.serviceRole, catalog.services).values()].flat()
        : service
    } catch (error) {
      if (!isForbidden(error)) throw error
      hidden()
      result.serviceRole = service
    }
  }
  return result
}

function isForbidden(error: unknown): boolean {
  return error instanceof VcsError && (error.status === 403 || error.code === 'Forbidden')
}

const warned = new WeakSet<object>()

/** Warns, once per command, that this token cannot see users' roles. */
export function warnRolesHidden(ctx: CmdletContext): void {
  if (warned.has(ctx)) return
  warned.add(ctx)
  ctx.writeWarning(
    'This connection cannot see users’ roles (CSP does not show them to this token): their OrganizationRoles and ServiceRoles are unknown, and role filters cannot be applied. Connect as an organization owner or administrator to see them.',
  )
}
