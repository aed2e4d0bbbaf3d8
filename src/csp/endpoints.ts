// The CSP URLs the client uses, one typed function each (csp-api.md): the only place on the client
// side that spells a CSP path.
import type {
  AddUsersToGroupRequest,
  GroupMembershipResponse,
  GroupUsersPage,
  GroupsPage,
  RemoveUsersFromGroupRequest,
  UpdateMemberRolesRequest,
  OrganizationRolesResponse,
  PartialSuccessResponse,
  RemoveUsersRequest,
  SearchUsersResponse,
  ServiceDefinitionsPage,
  ServiceDefinitionsResponse,
  ServiceRolesResponse,
  UserOrganizationInvitationResponse,
  UsersOrganizationInvitationRequest,
  UsersPage,
} from '../wire/csp.js'
import { AuthError } from '../engine/index.js'
import type { CspClient } from './client.js'

const AM = '/csp/gateway/am/api'

/**
 * The paths src/auth talks to (csp-api.md §1): the API-token exchange, OAuth discovery, the
 * client-credentials token endpoint public clients post to (pyVMC, tanzu-cli), and the token details.
 */
export const AUTH_PATHS = {
  apiTokenAuthorize: `${AM}/auth/api-tokens/authorize`,
  apiTokenDetails: `${AM}/auth/api-tokens/details`,
  discovery: `${AM}/.well-known/openid-configuration`,
  clientCredentials: `${AM}/auth/authorize`,
} as const

/** The organization itself (its display name). */
export function organizationPath(orgId: string): string {
  return `${AM}/orgs/${encodeURIComponent(orgId)}`
}

export { LIMITS } from './limits.js'

interface Call {
  signal?: AbortSignal
  log?: (message: string) => void
  onWait?: (ms: number, reason: string) => void
}

/** The organization's roles. */
export async function listOrganizationRoles(client: CspClient, call: Call = {}) {
  const body = await client.get<OrganizationRolesResponse>(`${AM}/orgs/${client.orgId}/roles`, {
    ...call,
    query: { expand: 'true' },
  })
  return body.orgRolesData ?? []
}

/** The services of the organization (ids and names; CSP sends no roles here). */
export async function listServices(client: CspClient, call: Call = {}) {
  const body = await client.get<Partial<ServiceDefinitionsResponse> | undefined>(
    '/csp/gateway/slc/api/v2/ui/definitions/',
    { ...call, query: { orgId: client.orgId } },
  )
  return Array.isArray(body?.servicesList) ? body.servicesList : []
}

/**
 * The documented service catalogue: the org's service definitions with their roles and
 * descriptions (`/slc/api/definitions?expand`, csp-api.md §10).
 */
export async function listServiceCatalogue(client: CspClient, call: Call = {}) {
  const body = await client.get<Partial<ServiceDefinitionsPage> | undefined>(
    '/csp/gateway/slc/api/definitions',
    {
      ...call,
      query: { expand: 'true', orgLink: `${AM}/orgs/${client.orgId}` },
    },
  )
  return Array.isArray(body?.results) ? body.results : []
}

/** The roles of one service (`/slc/api/definitions/external/{id}/service-roles`). */
export async function listServiceRoles(client: CspClient, serviceDefinitionId: string, call: Call = {}) {
  const body = await client.get<Partial<ServiceRolesResponse> | undefined>(
    `${serviceDefinitionLink(serviceDefinitionId)}/service-roles`,
    call,
  )
  return Array.isArray(body?.serviceRoles) ? body.serviceRoles : []
}

/** One page of the user list; `pageStart` is a 1-based item index. */
export function listUsersPage(client: CspClient, pageStart: number, pageLimit: number, call: Call = {}) {
  return client.get<UsersPage>(`${AM}/v2/orgs/${client.orgId}/users`, {
    ...call,
    query: { pageStart, pageLimit },
  })
}

/** Server-side "contains" search on username, names and e-mail: at most 20 results. */
export async function searchUsers(client: CspClient, term: string, call: Call = {}) {
  const body = await client.get<SearchUsersResponse>(`${AM}/orgs/${client.orgId}/users/search`, {
    ...call,
    query: { userSearchTerm: term },
  })
  return body.results ?? []
}

/**
 * Hosts whose published access rules refuse OAuth apps (service accounts) invitations and user
 * removal: console CSP's reference marks them ❌ for `POST invitations` and `DELETE v2/orgs/{org}/users`;
 * the Tanzu deployment (console.tanzu.broadcom.com) allows them (csp-api.md §10).
 */
export const APP_MUTATIONS_REFUSED = ['console.cloud.vmware.com', 'console-stg.cloud.vmware.com'] as const

/** True when the host's published rules refuse OAuth apps invitations and user removal. */
export function refusesAppMutations(server: string): boolean {
  const host = server.toLowerCase().replace(/:443$/, '')
  return (APP_MUTATIONS_REFUSED as readonly string[]).includes(host)
}

/** What to do when CSP refuses an OAuth app a mutation (403). */
export function appMutationHint(server: string): string {
  return `Connect with an API token of an organization owner or administrator (Connect-Vcs -Server ${server}) for this; ${refusesAppMutations(server) ? `${server} does not let OAuth apps invite or remove users (console.tanzu.broadcom.com does)` : 'the OAuth app needs the org_owner or org_admin role, and this host may not let apps do it at all'}.`
}

/** An OAuth app's 403 on a mutation, reworded to say what to do; anything else unchanged. */
function forAppMutation(client: CspClient, error: unknown, what: string): unknown {
  if ((error as { status?: number }).status !== 403 || client.connection.authType !== 'OAuthApp') return error
  const cause = error as Error
  return new AuthError(
    'Forbidden',
    `CSP refused the OAuth app ${client.connection.user} permission to ${what} (403: ${cause.message.replace(/\.$/, '')}).`,
    { status: 403, category: 'PermissionDenied', cause, hint: appMutationHint(client.connection.server) },
  )
}

/** Removes at most 20 users; the answer lists which ids succeeded and which failed. */
export async function removeUsers(client: CspClient, request: RemoveUsersRequest, call: Call = {}) {
  try {
    const response = await client.request<PartialSuccessResponse>({
      ...call,
      method: 'DELETE',
      path: usersPath(client),
      body: request,
    })
    const body = response.body as Partial<PartialSuccessResponse> | undefined
    return {
      succeeded: Array.isArray(body?.succeeded) ? body.succeeded : [],
      failed: Array.isArray(body?.failed) ? body.failed : [],
    }
  } catch (error) {
    throw forAppMutation(client, error, 'remove users')
  }
}

/** True when the user is a member of the organization (CSP answers 404 for anyone else). */
export async function isMember(client: CspClient, userId: string, call: Call = {}): Promise<boolean> {
  try {
    await client.get(`${AM}/v2/users/${encodeURIComponent(userId)}/orgs/${client.orgId}/roles`, call)
    return true
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false
    throw error
  }
}

/** Every invitation of the organization (a plain array; CSP does not page it). */
export async function listInvitations(client: CspClient, call: Call = {}) {
  const body = await client.get<UserOrganizationInvitationResponse[]>(
    `${AM}/orgs/${client.orgId}/invitations`,
    { ...call, query: { expand: 'true' } },
  )
  return Array.isArray(body) ? body : []
}

/** One invitation by id. */
export function getInvitation(client: CspClient, id: string, call: Call = {}) {
  return client.get<UserOrganizationInvitationResponse>(
    `${AM}/orgs/${client.orgId}/invitations/${encodeURIComponent(id)}`,
    call,
  )
}

/** The path an invitation POST goes to, for -WhatIf. */
export function invitationsPath(client: CspClient): string {
  return `${AM}/orgs/${client.orgId}/invitations`
}

/** The path of one invitation (revoked with DELETE), for -WhatIf. */
export function invitationPath(client: CspClient, id: string): string {
  return `${AM}/orgs/${client.orgId}/invitations/${encodeURIComponent(id)}`
}

/** The path of the organization's users (removed in batches with DELETE), for -WhatIf. */
export function usersPath(client: CspClient): string {
  return `${AM}/v2/orgs/${client.orgId}/users`
}

/** Creates invitations: CSP answers 202 with no body, so callers list invitations afterwards. */
export async function createInvitations(
  client: CspClient,
  request: UsersOrganizationInvitationRequest,
  call: Call = {},
): Promise<void> {
  try {
    await client.request({ ...call, method: 'POST', path: invitationsPath(client), body: request })
  } catch (error) {
    throw forAppMutation(client, error, 'invite users')
  }
}

/** Revokes one invitation. Re-sending is harmless (a revoked invitation stays revoked). */
export async function revokeInvitation(client: CspClient, id: string, call: Call = {}): Promise<void> {
  await client.request({
    ...call,
    method: 'DELETE',
    path: invitationPath(client, id),
    idempotent: true,
  })
}

/**
 * Revokes the AVAILABLE invitations of `usernames` in one request (`POST ...?action=revoke`,
 * csp-api.md §4.1). CSP answers 202 with no body; re-sending is harmless (revoked ones are ignored).
 */
export async function revokeInvitationsByUsername(
  client: CspClient,
  usernames: readonly string[],
  call: Call = {},
): Promise<void> {
  await client.request({
    ...call,
    method: 'POST',
    path: invitationsPath(client),
    query: { action: 'revoke' },
    body: { usernames: [...usernames] },
    idempotent: true,
  })
}

/** One page of the organization's groups. */
export function listGroupsPage(client: CspClient, pageStart: number, pageLimit: number, call: Call = {}) {
  return client.get<GroupsPage>(`${AM}/orgs/${client.orgId}/groups`, {
    ...call,
    query: { pageStart, pageLimit },
  })
}

/** The link invitations use to name a service. */
export function serviceDefinitionLink(serviceDefinitionId: string): string {
  return `/csp/gateway/slc/api/definitions/external/${serviceDefinitionId}`
}

/** The path of one member's roles (changed with PATCH), for -WhatIf. */
export function userRolesPath(client: CspClient, userId: string): string {
  return `${AM}/v3/users/${encodeURIComponent(userId)}/orgs/${client.orgId}/roles`
}

/**
 * Adds and removes a member's organization and service roles in one request (docs/csp-api-notes.md
 * "Managing access"). The answer is undocumented, so nothing is read from it.
 */
export async function updateUserRoles(
  client: CspClient,
  userId: string,
  request: UpdateMemberRolesRequest,
  call: Call = {},
): Promise<void> {
  // Adding a held role or removing an absent one changes nothing, so a retry after a reset is safe.
  await client.request({
    ...call,
    method: 'PATCH',
    path: userRolesPath(client, userId),
    body: request,
    idempotent: true,
  })
}

/** The path of a group's members, for -WhatIf. */
export function groupUsersPath(client: CspClient, groupId: string): string {
  return `${AM}/orgs/${client.orgId}/groups/${encodeURIComponent(groupId)}/users`
}

/** One page of a group's members. */
export function listGroupUsersPage(
  client: CspClient,
  groupId: string,
  pageStart: number,
  pageLimit: number,
  call: Call = {},
) {
  return client.get<GroupUsersPage>(groupUsersPath(client, groupId), {
    ...call,
    query: { pageStart, pageLimit },
  })
}

/** Adds at most 20 users (by username) to a group; an undocumented answer reads as all succeeded. */
export async function addGroupUsers(
  client: CspClient,
  groupId: string,
  request: AddUsersToGroupRequest,
  call: Call = {},
) {
  const response = await client.request<Partial<GroupMembershipResponse>>({
    ...call,
    method: 'POST',
    path: groupUsersPath(client, groupId),
    body: request,
  })
  return { succeeded: response.body?.succeeded, failed: response.body?.failed ?? [] }
}

/** Removes at most 20 users (by id) from a group. */
export async function removeGroupUsers(
  client: CspClient,
  groupId: string,
  request: RemoveUsersFromGroupRequest,
  call: Call = {},
) {
  const response = await client.request<Partial<GroupMembershipResponse>>({
    ...call,
    method: 'DELETE',
    path: groupUsersPath(client, groupId),
    body: request,
  })
  return { succeeded: response.body?.succeeded, failed: response.body?.failed ?? [] }
}

/** The user the token belongs to (csp-api.md: GET /am/api/loggedin/user). */
export function loggedInUser(client: CspClient, call: Call = {}) {
  return client.get<{ userId?: string; username?: string; email?: string }>(`${AM}/loggedin/user`, call)
}

/** A member's organization roles (`RolesDto`), e.g. the caller's, to know what they may grant. */
export async function listUserOrganizationRoles(client: CspClient, userId: string, call: Call = {}) {
  const body = await client.get<Array<{ name?: string }>>(
    `${AM}/v2/users/${encodeURIComponent(userId)}/orgs/${client.orgId}/roles`,
    call,
  )
  return Array.isArray(body) ? body.map((role) => role.name).filter((name) => typeof name === 'string') : []
}
