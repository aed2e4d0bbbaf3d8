// Who is calling: the access token from `csp-auth-token` or `Authorization: Bearer`, verified, and
// the checks CSP applies with it — 401 without a valid token, 404 for another org than the token's
// (csp-api.md §7), 403 for a write without `csp:org_owner` or `csp:org_admin`.
import type { AccessTokenClaims } from '../../wire/csp.js'
import type { EmulatorContext } from '../context.js'
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.js'
import type { RequestContext } from '../http/request.js'
import type { OrgState } from '../state/state.js'

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
  const principal: Principal = {
    kind: claims.acct === undefined ? 'app' : 'user',
    orgId: claims.context_name,
    perms: new Set(claims.perms),
    sub: claims.sub,
    username: claims.username,
    claims,
  }
  request.principal = principal
  return principal
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

/** Authenticates and resolves the path's `{orgId}` in one step, for the common org-scoped read. */
export function orgScope(
  request: RequestContext,
  emulator: EmulatorContext,
): { principal: Principal; org: OrgState } {
  const principal = authenticate(request, emulator)
  return { principal, org: requireOrg(principal, request.param('orgId'), emulator) }
}
