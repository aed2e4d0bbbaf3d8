// Who is calling: the access token from `csp-auth-token` or `Authorization: Bearer`, verified, and
// the checks CSP applies with it — 401 without a valid token, 404 for another org than the token's
// (csp-api.md §7), 403 for a write without `csp:org_owner` or `csp:org_admin`. Authorization is
// checked against the org as it is now, not as the token remembers it: a user removed from the org
// gets 401 at once, and a user's roles are read from the membership on every request.
import type { AccessTokenClaims } from '../../wire/csp.js'
import type { EmulatorContext } from '../context.js'
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.js'
import type { RequestContext } from '../http/request.js'
import type { OrgState } from '../state/state.js'
import { permsOf } from './tokens.js'

/** The verified caller. */
export interface Principal {
  /** A user (token from an API token) or an OAuth app (client credentials). */
  kind: 'user' | 'app'
  /** The token's org (`context_name`). */
  orgId: string
  perms: ReadonlySet<string>
  /** The user id for users, the app id for apps. */
  sub: string
  username?: string
  claims: AccessTokenClaims
}

/** The raw access token of a request, from either header. */
export function accessTokenOf(request: RequestContext): string | undefined {
  const cspHeader = request.headers['csp-auth-token']
  if (typeof cspHeader === 'string' && cspHeader.trim() !== '') return cspHeader.trim()
  const authorization = request.headers.authorization
  if (typeof authorization === 'string') {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
    if (bearer) return bearer[1]
  }
  return undefined
}

/** Verifies the request's token; 401 in CSP's shape when it is missing, forged or expired. */
export function authenticate(request: RequestContext, emulator: EmulatorContext): Principal {
  if (request.principal) return request.principal
  const token = accessTokenOf(request)
  if (token === undefined)
    throw new UnauthorizedError('The user is not authorized to use the API: no access token')
  const result = emulator.tokens.verify(token)
  if ('error' in result)
    throw new UnauthorizedError(`The user is not authorized to use the API: ${result.error}`)
  const { claims } = result
  const kind = claims.acct === undefined ? 'app' : 'user'
  const principal: Principal = {
    kind,
    orgId: claims.context_name,
    perms: new Set(currentPerms(kind, claims, emulator)),
    sub: claims.sub,
    username: claims.username,
    claims,
  }
  request.principal = principal
  return principal
}

/**
 * The caller's permissions now: a user's from their membership (401 when they are no longer a
 * member), an app's from its record (401 when it was deleted) [I: CSP documents no revocation
 * delay; production's authorization reads the membership on each request].
 */
function currentPerms(kind: 'user' | 'app', claims: AccessTokenClaims, emulator: EmulatorContext): string[] {
  if (kind === 'app') {
    const app = emulator.state.apps.get(claims.sub)
    if (!app) throw new UnauthorizedError('The user is not authorized to use the API: unknown client')
    return permsOf(app.orgRoles, app.serviceRoles)
  }
  const membership = emulator.state.org(claims.context_name)?.members.get(claims.sub)
  if (!membership) {
    throw new UnauthorizedError(
      'The user is not authorized to use the API: the user is not a member of the organization',
    )
  }
  return permsOf(membership.orgRoles, membership.serviceRoles)
}

/** The org of the path, if the token is for it; 404 otherwise, as CSP answers for a foreign org. */
export function requireOrg(principal: Principal, orgId: string, emulator: EmulatorContext): OrgState {
  const org = emulator.state.org(orgId)
  if (!org || principal.orgId !== orgId) {
    throw new NotFoundError(`Organization with id ${orgId} not found`, {
      cspErrorCode: 'organization.not.found',
    })
  }
  return org
}

/** True when the token carries an owner or admin role. */
export function canManage(principal: Principal): boolean {
  return principal.perms.has('csp:org_owner') || principal.perms.has('csp:org_admin')
}

/** 403 unless the caller is an org owner or admin. */
export function requireManager(principal: Principal): void {
  if (!canManage(principal)) {
    throw new ForbiddenError('The user is forbidden to use the API: org_owner or org_admin role required')
  }
}

/**
 * 403 for an OAuth app on a deployment whose reference refuses service accounts this operation
 * (console CSP: inviting and removing users; csp-api.md §10). `what` names the operation.
 */
export function requireUserOnConsole(principal: Principal, emulator: EmulatorContext, what: string): void {
  if (principal.kind === 'app' && emulator.config.profile === 'console') {
    throw new ForbiddenError(
      `The user is forbidden to use the API: service accounts (OAuth apps) may not ${what} on this deployment`,
      { cspErrorCode: 'service.account.forbidden' },
    )
  }
}

/**
 * True when the caller sees the roles of other users in user lists: owners on console CSP ("owners
 * and read-only administrators"; the emulator has no read-only administrator role), owners and
 * admins on TCSP; members never (csp-api.md §10).
 */
export function seesRoles(principal: Principal, emulator: EmulatorContext): boolean {
  if (principal.perms.has('csp:org_owner')) return true
  return emulator.config.profile === 'tanzu' && principal.perms.has('csp:org_admin')
}

/** Authenticates and resolves the path's `{orgId}` in one step, for the common org-scoped read. */
export function orgScope(
  request: RequestContext,
  emulator: EmulatorContext,
): { principal: Principal; org: OrgState } {
  const principal = authenticate(request, emulator)
  return { principal, org: requireOrg(principal, request.param('orgId'), emulator) }
}
