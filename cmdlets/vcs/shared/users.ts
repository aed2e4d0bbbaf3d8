// Finding users: the whole list streamed with pages fetched ahead, or, when every pattern has enough
// literal text, CSP's capped "contains" search first (falling back to the list when it may have cut
// results off). Matching is always done here, so both paths give the same answer.
import { getProperty, isRecord, matchesAny } from '../../../src/engine/index.js'
import type { ExpandedTypedUser } from '../../../src/wire/csp.js'
import type { CspCall } from '../../../src/csp/connection.js'
import { LIMITS, listUsersPage, searchUsers } from '../../../src/csp/endpoints.js'
import { flatValues } from './lookups.js'
import { streamPages } from '../../../src/csp/paging.js'

/** What Get-VcsUser filters on; every given filter must match (each filter matches any of its values). */
export interface UserFilter {
  /** Wildcards matched on username, e-mail, first, last and full name. */
  name?: readonly string[]
  id?: readonly string[]
  /** Wildcards matched on the e-mail. */
  email?: readonly string[]
  organizationRole?: readonly string[]
  serviceRole?: readonly string[]
}

/** True when the user passes every filter. */
export function userMatches(item: ExpandedTypedUser, filter: UserFilter): boolean {
  const { user } = item
  if (filter.id && !filter.id.some((id) => id.toLowerCase() === user.userId.toLowerCase())) return false
  if (filter.email && !matchesAny(user.email, filter.email)) return false
  if (filter.name && !nameFields(item).some((field) => matchesAny(field, filter.name!))) return false
  if (filter.organizationRole) {
    const held = (item.organizationRoles ?? []).map((role) => role.name.toLowerCase())
    if (!filter.organizationRole.some((role) => held.includes(role.toLowerCase()))) return false
  }
  if (filter.serviceRole) {
    const held = (item.serviceRoles ?? []).flatMap((service) => [
      ...(service.serviceRoleNames ?? []),
      ...(service.serviceRoles ?? []).map((role) => role.name),
    ])
    const lower = held.map((name) => name.toLowerCase())
    if (!filter.serviceRole.some((role) => lower.includes(role.toLowerCase()))) return false
  }
  return true
}

/** The texts -Name is matched on: username, e-mail, first, last and full name. */
export function nameFields(item: ExpandedTypedUser): Array<string | null | undefined> {
  const { user } = item
  const fullName = [user.firstName, user.lastName].filter(Boolean).join(' ')
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
  const patterns = [...(filter.name ?? []), ...(filter.email ?? [])]
  if (patterns.length === 0 || (filter.name && filter.email)) return undefined
  const terms: string[] = []
  for (const pattern of patterns) {
    const literal = longestLiteral(pattern)
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
}

/** Yields the users that pass the filter, streaming. */
export async function* findUsers(
  call: CspCall,
  filter: UserFilter,
  options: FindUsersOptions,
): AsyncGenerator<ExpandedTypedUser> {
  const terms = searchTerms(filter)
  if (terms) {
    const results = await Promise.all(terms.map((term) => searchUsers(call.client, term, call)))
    if (results.every((result) => result.length < LIMITS.searchResults)) {
      options.note?.(`Narrowed with CSP's user search for ${terms.map((t) => `'${t}'`).join(', ')}.`)
      const seen = new Set<string>()
      for (const item of results.flat()) {
        if (seen.has(item.user.userId) || !userMatches(item, filter)) continue
        seen.add(item.user.userId)
        yield item
      }
      return
    }
    options.note?.('CSP’s user search hit its cap of 20 results; reading the whole user list instead.')
  }
  const remainingIds = filter.id ? new Set(filter.id.map((id) => id.toLowerCase())) : undefined
  for await (const item of streamPages(
    (start, limit, signal) => listUsersPage(call.client, start, limit, { signal, log: call.log }),
    { pageLimit: LIMITS.pageLimit, concurrency: options.concurrency, signal: call.signal },
  )) {
    if (!userMatches(item, filter)) continue
    yield item
    if (remainingIds) {
      remainingIds.delete(item.user.userId.toLowerCase())
      // Every id asked for was found: stop reading (and fetching) the list.
      if (remainingIds.size === 0) return
    }
  }
}
