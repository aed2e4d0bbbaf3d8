// The CSP URLs the client uses, one typed function each (csp-api.md): the only place on the client
// side that spells a CSP path.
import type {
  GroupsPage,
  OrganizationRolesResponse,
  PartialSuccessResponse,
  RemoveUsersRequest,
  SearchUsersResponse,
  ServiceDefinitionsResponse,
  UserOrganizationInvitationResponse,
  UsersOrganizationInvitationRequest,
  UsersPage,
} from '../wire/csp.js'
import type { CspClient } from './client.js'

const AM = '/csp/gateway/am/api'

/** CSP's limits the client respects (csp-api.md §3.1, §3.2, §3.4, §4.1). */
export const LIMITS = {
  /** Largest `pageLimit` of the user list. */
  pageLimit: 200,
  /** User search returns at most this many, with no paging. */
  searchResults: 20,
  /** Longest user search term. */
  searchTermLength: 120,
  /** Most user ids per removal request. */
  removeBatch: 20,
  /** Most usernames per invitation request (the emulator's limit; CSP does not document one). */
  inviteBatch: 100,
  /** Most groups per invitation. */
  inviteGroups: 15,
} as const

interface Call {
  signal?: AbortSignal
  log?: (message: string) => void
}

/** The organization's roles. */
export async function listOrganizationRoles(client: CspClient, call: Call = {}) {
  const body = await client.get<OrganizationRolesResponse>(`${AM}/orgs/${client.orgId}/roles`, {
    ...call,
    query: { expand: 'true' },
  })
  return body.orgRolesData ?? []
}

/** The services of the organization, with their roles. */
export async function listServices(client: CspClient, call: Call = {}) {
  const body = await client.get<ServiceDefinitionsResponse>('/csp/gateway/slc/api/v2/ui/definitions/', {
    ...call,
    query: { orgId: client.orgId },
  })
  return body.servicesList ?? []
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

/** Removes at most 20 users; the answer lists which ids succeeded and which failed. */
export async function removeUsers(client: CspClient, request: RemoveUsersRequest, call: Call = {}) {
  const response = await client.request<PartialSuccessResponse>({
    ...call,
    method: 'DELETE',
    path: usersPath(client),
    body: request,
  })
  return { succeeded: response.body?.succeeded ?? [], failed: response.body?.failed ?? [] }
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
  await client.request({ ...call, method: 'POST', path: invitationsPath(client), body: request })
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
