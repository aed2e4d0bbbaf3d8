// Invitations and groups (csp-api.md §4, §8).
// Plain type declarations only; see ../csp.ts.

import type { BaseRoleBinding, OrganizationRoleBinding, UserServiceRoles } from './orgs.js'
import type { CspUser, PagedResponse } from './users.js'

// Invitations (csp-api.md §4)

/** A service's roles in an invitation. Real clients send either name form. */
export interface ServiceRolesDto {
  /** `/csp/gateway/slc/api/definitions/external/<id>` (or `/paid/<id>`). */
  serviceDefinitionLink: string
  serviceRoleNames?: string[] | null
  serviceRoles?: BaseRoleBinding[] | null
}

/** `POST /csp/gateway/am/api/orgs/{orgId}/invitations` body. Nulls mean absent; unknown keys are ignored. */
export interface UsersOrganizationInvitationRequest {
  /** E-mails; required. The emulator accepts at most 100 per request [I]. */
  usernames: string[]
  organizationRoles?: BaseRoleBinding[] | null
  /** Deprecated alternative to `organizationRoles`. */
  orgRoleNames?: string[] | null
  /** Very old scripts send one role name in this singular field. */
  orgRoleName?: string | null
  serviceRolesDtos?: ServiceRolesDto[] | null
  customRoles?: BaseRoleBinding[] | null
  /** At most 15 group ids; the invitee joins them on redemption. */
  customGroupsIds?: string[] | null
  /** Deprecated. */
  skipNotify?: boolean | null
  /** Deprecated. */
  skipNotifyRegistration?: boolean | null
  notifyUsersOfOrgAccess?: boolean | null
  notifyUsersOfRegistration?: boolean | null
  invitedBy?: string | null
  /** 1..90, default 7. */
  invitationExpirationInDays?: number | null
}

/** `POST .../invitations?action=revoke` body: revokes the pending invitations of these usernames. */
export interface RevokeInvitationsRequest {
  usernames: string[]
}

/** CSP has no EXPIRED status: an expired invitation stays AVAILABLE past its `expirationTime`. */
export type InvitationStatus = 'AVAILABLE' | 'REDEEMED' | 'REVOKED'

/** An invitation as listed (`UserOrganizationInvitationResponse`); times are epoch ms. */
export interface UserOrganizationInvitationResponse {
  /** `/csp/gateway/am/api/orgs/<orgId>/invitations/<invitationGuid>`; the id is its last segment. */
  refLink: string
  username: string
  status: InvitationStatus
  expirationTime: number
  generatedAt: number
  /** The creator, usually a client identifier. */
  generatedBy: string
  invitedByUsername: string | null
  /** Deprecated; the emulator always answers null (the invitee's link is in its mailbox). */
  invitationLink: string | null
  orgRoleNames: string[]
  /** Only with `expand` [I]. */
  organizationRoles?: BaseRoleBinding[]
  serviceRolesDtos: ServiceRolesDto[]
  customRoles: BaseRoleBinding[]
  customGroupsIds: string[]
  /** Only with `expandCustomGroups`. */
  customGroups?: GroupDto[]
  redeemedAt: number | null
  redeemedBy: string | null
  revokedAt: number | null
  revokedBy: string | null
}

// Groups (csp-api.md §8; shapes from VMC-Go-Client's Go DTOs)

/** A group (`GroupDto`). */
export interface GroupDto {
  id: string
  displayName: string
  description: string
  domain: string
  /** [I] The emulator's groups are all `USER_GROUP`. */
  groupType: string
  ownerOrgId: string
  sharedOrgIds: string[]
  usersCount: number
}

/** A group with its roles (`ExpandedGroupDto`); the emulator's groups grant no roles [I]. */
export interface ExpandedGroupDto extends GroupDto {
  organizationRoles: OrganizationRoleBinding[]
  serviceRoles: UserServiceRoles[]
  customRoles: BaseRoleBinding[]
}

/** `GET /csp/gateway/am/api/orgs/{orgId}/groups`. */
export type GroupsPage = PagedResponse<ExpandedGroupDto>

/** `GET /csp/gateway/am/api/orgs/{orgId}/groups-search?groupSearchTerm=`. */
export interface SearchGroupsResponse {
  results: ExpandedGroupDto[]
}

/** `GET /csp/gateway/am/api/orgs/{orgId}/groups/{groupId}/users`. */
export type GroupUsersPage = PagedResponse<CspUser>
