// Users of an organization and the logged-in user (csp-api.md §3).
// Plain type declarations only; see ../csp.ts.

import type {
  BaseRoleBinding,
  OrganizationDto,
  OrganizationRoleBinding,
  RoleDto,
  UserServiceRoles,
} from './orgs.js'

// Users (csp-api.md §3)

/** Optional profile of a user; `null` unless `expandProfile` is given. */
export interface UserProfile {
  locale: string | null
  language: string | null
  alternativeEmail: string | null
}

/** The `user` part of a user list item (`BaseUserWithProfileDto`). */
export interface CspUser {
  username: string
  /** Clients must cope with null; the emulator's seed always sets a string. */
  firstName: string | null
  lastName: string | null
  domain: string
  idpId: string
  accessible: boolean
  acct: string
  email: string
  /** `<domain>:<guid>` */
  userId: string
  userProfile: UserProfile | null
}

/**
 * An item of the user list and user search. The role lists are omitted when the caller is a plain
 * member (CSP shows members basic user info only) or sent `excludeRoles` [I: omitted, not empty].
 */
export interface ExpandedTypedUser {
  user: CspUser
  orgId: string
  organizationRoles?: OrganizationRoleBinding[]
  serviceRoles?: UserServiceRoles[]
  customRoles?: BaseRoleBinding[]
}

/** CSP's paged envelope; links are relative and absent when there is no such page. */
export interface PagedResponse<T> {
  results: T[]
  totalResults: number
  nextLink?: string
  prevLink?: string
  /**
   * Newer CSP (TCSP's `PagedErrorAwareResponse...`) lists what it failed to read here: the page is
   * then partial. The entries' fields are not documented; CSP's error shape is assumed [I].
   */
  errors?: Array<{ statusCode?: number; message?: string; [key: string]: unknown }>
}

/** `GET /csp/gateway/am/api/v2/orgs/{orgId}/users?pageStart&pageLimit`. */
export type UsersPage = PagedResponse<ExpandedTypedUser>

/** `GET /csp/gateway/am/api/orgs/{orgId}/users/search?userSearchTerm=`: at most 20, no paging. */
export interface SearchUsersResponse {
  results: ExpandedTypedUser[]
}

/** `DELETE /csp/gateway/am/api/v2/orgs/{orgId}/users` body. */
export interface RemoveUsersRequest {
  /** At most 20 CSP user ids. */
  ids: string[]
  notifyUsers?: boolean
}

/** `DELETE /csp/gateway/am/api/v2/orgs/{orgId}/users` answer (`PartialSuccessResponseString`). */
export interface PartialSuccessResponse {
  succeeded: string[]
  failed: string[]
}

/** `GET /csp/gateway/am/api/loggedin/user` (`UserDto`); the emulator fills the identity fields only. */
export interface LoggedInUser {
  username: string
  firstName: string | null
  lastName: string | null
  email: string
  acct: string
  userId: string
  emailVerified: boolean
  /** [I] `/csp/gateway/am/api/users/<userId>` */
  refLink: string
  userProfile: UserProfile | null
}

/** Alias under CSP's own DTO name. */
export type UserDto = LoggedInUser

/** One organization in `UserInfoDto.userOrgInfo`. */
export interface UserOrgInfo {
  /** The org name (short id). */
  name: string
  displayName: string
  orgRoles: RoleDto[]
  servicesDef: Array<{
    /** `/csp/gateway/slc/api/definitions/external/<id>` */
    refLink: string
    serviceName: string
    serviceDisplayName: string
    serviceRoles: string[]
    roles: BaseRoleBinding[]
  }>
  customRoles: BaseRoleBinding[]
}

/** `GET /csp/gateway/am/api/v2/users/{userId}/orgs/{orgId}/info` (`UserInfoDto`). */
export interface UserInfoDto {
  user: LoggedInUser
  userOrgInfo: UserOrgInfo[]
}

/** `GET /csp/gateway/am/api/v2/loggedin/user/orgs`. */
export type OrganizationsPage = PagedResponse<OrganizationDto>
