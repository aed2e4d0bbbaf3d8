// The CSP wire shapes, as plain type declarations shared by the client (src/csp) and the emulator
// (src/emulator). No runtime code lives here: the two sides may agree on a shape, never on behaviour.
// Every shape follows /work/shared/design/csp-api.md; a field marked [I] in TSDoc is our inference
// where that document (or the Go structs of VMC-Go-Client it cites) is silent.

// ---------------------------------------------------------------------------------------------
// Errors (csp-api.md §5)
// ---------------------------------------------------------------------------------------------

/** The error body of every CSP endpoint. Real bodies may carry only a subset (`moduleCode`, `message`). */
export interface CspErrorResponse {
  statusCode: number
  message: string
  requestId: string
  moduleCode: number
  /** [I] A short machine-readable code; the emulator sets it on some errors only. */
  errorCode?: string
  /** Detected by some clients (HCS); the emulator sets it on some errors only. */
  cspErrorCode?: string
}

// ---------------------------------------------------------------------------------------------
// Authentication (csp-api.md §1)
// ---------------------------------------------------------------------------------------------

/**
 * The answer of both token endpoints (`AccessTokenDto`). For the API-token exchange `refresh_token`
 * echoes the API token and `id_token` is a JWT; for client credentials both are `null`.
 */
export interface AccessTokenResponse {
  id_token: string | null
  token_type: 'bearer'
  /** Seconds; CSP answers 1799 for a 1800 s token. */
  expires_in: number
  /** Space-separated. */
  scope: string
  access_token: string
  refresh_token: string | null
}

/** Alias under CSP's own DTO name. */
export type AccessTokenDto = AccessTokenResponse

/** Form fields of `POST /csp/gateway/am/api/auth/api-tokens/authorize` (form-urlencoded). */
export interface ApiTokenAuthorizeForm {
  api_token?: string
  /** Deprecated alias of `api_token`, still accepted. */
  refresh_token?: string
  passcode?: string
  scope?: string
}

/** Form fields of `POST /csp/gateway/am/api/auth/authorize` (client id/secret go in HTTP Basic). */
export interface ClientCredentialsForm {
  grant_type: 'client_credentials'
  /** Limits the token to this organization; without it the token is for the app's own org. */
  orgId?: string
}

/** Header of CSP's JWTs. */
export interface JwtHeader {
  alg: 'RS256'
  typ: 'JWT'
  kid: string
}

/**
 * Claims of a CSP access token. `acct` and `username` are absent on client-credentials tokens [I];
 * there `sub` and `azp` are the app id [I].
 */
export interface AccessTokenClaims {
  /** `<idp-domain>:<user-guid>`, the same format as a CSP `userId`. */
  sub: string
  iss: string
  /** The organization id (GUID). Clients read the org id from here. */
  context_name: string
  /** A login-context GUID, not the org id. */
  context: string
  /** The client id that issued the token. */
  azp: string
  authorization_details: unknown[]
  domain: string
  /** `csp:<orgRole>` and `external/<serviceDefinitionId>/<serviceRole>`. */
  perms: string[]
  exp: number
  iat: number
  jti: string
  acct?: string
  username?: string
}

/** Claims of the `id_token` returned by the API-token exchange. */
export interface IdTokenClaims {
  sub: string
  iss: string
  aud: string[]
  email: string
  email_verified: boolean
  given_name: string
  family_name: string
  customer_number: string | null
  context_name: string
  context: string
  domain: string
  group_ids: string[]
  group_names: string[]
  auth_time: number
  exp: number
  iat: number
  jti: string
  acct: string
  username: string
}

/** `POST /csp/gateway/am/api/auth/api-tokens/details` request body. */
export interface ApiTokenDetailsRequest {
  tokenValue: string
}

/**
 * `POST /csp/gateway/am/api/auth/api-tokens/details` answer. The three times (epoch ms) are
 * documented; the identity fields are [I].
 */
export interface ApiTokenDetails {
  createdAt: number
  lastUsedAt: number | null
  expiresAt: number
  /** [I] */
  tokenId?: string
  /** [I] */
  tokenName?: string
  /** [I] */
  userId?: string
  /** [I] */
  username?: string
  /** [I] */
  domain?: string
  /** [I] */
  orgId?: string
}

/** The OpenID discovery document (note CSP's camelCase `claimsSupported`). */
export interface OpenIdConfiguration {
  issuer: string
  authorization_endpoint: string
  token_endpoint: string
  userinfo_endpoint: string
  end_session_endpoint: string
  jwks_uri: string
  response_types_supported: string[]
  scopes_supported: string[]
  subject_types_supported: string[]
  id_token_signing_alg_values_supported: string[]
  token_endpoint_auth_methods_supported: string[]
  code_challenge_methods_supported: string[]
  claimsSupported: string[]
}

/** An RSA public key in JWK form. */
export interface RsaJwk {
  kty: 'RSA'
  kid: string
  alg: 'RS256'
  use: 'sig'
  n: string
  e: string
}

/** `GET /csp/gateway/am/api/auth/token-public-key?format=jwks` (`PublicKeyDto`). `value` is the PEM. */
export interface PublicKeyResponse {
  alg: string
  issuer: string
  keys: RsaJwk[]
  value: string
}

/** `GET /csp/gateway/am/api/userinfo` (`OidcUserInfoDto`). */
export interface UserInfo {
  acct: string
  context: string
  context_name: string
  domain: string
  email: string
  email_verified: boolean
  family_name: string
  given_name: string
  group_ids: string[]
  group_names: string[]
  sub: string
  username: string
}

/** Alias under CSP's own DTO name. */
export type OidcUserInfoDto = UserInfo

// ---------------------------------------------------------------------------------------------
// Organization and roles (csp-api.md §2)
// ---------------------------------------------------------------------------------------------

/** `GET /csp/gateway/am/api/orgs/{orgId}`. */
export interface OrganizationDto {
  /** `/csp/gateway/am/api/orgs/<orgId>` */
  refLink: string
  /** A short unique id; the emulator uses the org GUID [I]. */
  name: string
  displayName: string
  parentRefLink: string | null
  metadata: Record<string, string>
  language: string
  locale: string
  isMfaRequired: boolean
  enforceUserApiTokenMfa: boolean
  auditLogsInstanceId: string | null
  maxAllowedAuthExemptedUserCount: number
}

/** An organization role definition (`RoleDto`). */
export interface RoleDto {
  name: string
  displayName: string
  /** `/csp/gateway/am/api/orgs/<orgId>` */
  organizationLink: string
  visible: boolean
  resource: string | null
  expiresAt: number | null
  createdBy: string | null
  createdDate: string | null
  lastUpdatedBy: string | null
  lastUpdatedDate: string | null
}

/** `GET /csp/gateway/am/api/orgs/{orgId}/roles`: the emulator always returns both lists [I]. */
export interface OrganizationRolesResponse {
  /** `/csp/gateway/am/api/orgs/<orgId>/roles/<roleName>` [I, vRA clone format]. */
  refLinks: string[]
  orgRolesData: RoleDto[]
}

/** A role as sent in requests (`BaseRoleBinding`): in practice only `name`. */
export interface BaseRoleBinding {
  name: string
  resource?: string | null
  expiresAt?: number | null
  membershipType?: MembershipType | null
  createdBy?: string | null
  createdDate?: string | null
  lastUpdatedBy?: string | null
  lastUpdatedDate?: string | null
}

/** How a user holds a role. */
export type MembershipType = 'DIRECT' | 'GROUP' | 'NESTED'

/** An organization role held by a user, as in the user list. */
export interface OrganizationRoleBinding {
  id: string | null
  name: string
  displayName: string
  resource: string | null
  membershipType: MembershipType
  /** Epoch seconds or null. */
  expiresAt: number | null
  orgId: string
  /** Only with `includeGroupIdsInRoles`. */
  groupIds?: string[]
}

/** A service role held by a user, as in the user list. */
export interface ServiceRoleBinding {
  id: string | null
  name: string
  roleName: string
  resource: string | null
  membershipType: MembershipType
  expiresAt: number | null
  /** Only with `includeGroupIdsInRoles`. */
  groupIds?: string[]
}

/** A user's roles in one service, as in the user list. */
export interface UserServiceRoles {
  serviceDefinitionId: string
  /** Present in CSP's Go DTOs (VMC-Go-Client), not in the SALT fixture. */
  serviceRoleNames: string[]
  serviceRoles: ServiceRoleBinding[]
}

/** `GET .../loggedin/user/orgs/{orgId}/service-roles` and `.../v2/users/{userId}/orgs/{orgId}/service-roles`. */
export interface UserServiceRolesResponse {
  serviceRoles: Array<{
    /** `/csp/gateway/slc/api/definitions/external/<serviceDefinitionId>` */
    serviceDefinitionLink: string
    serviceRoleNames: string[]
    serviceRoles: BaseRoleBinding[]
  }>
}

/** `GET .../loggedin/user/orgs/{orgId}/roles` and `.../v2/users/{userId}/orgs/{orgId}/roles` (`RolesDto`). */
export type RolesDto = RoleDto[]

// ---------------------------------------------------------------------------------------------
// Services (csp-api.md §2.3)
// ---------------------------------------------------------------------------------------------

/** A role of a service, as listed in its definition. */
export interface ServiceRoleDefinition {
  /** `<service-prefix>:<role>`, e.g. `vmc-user:full`. */
  name: string
  displayName: string
  description: string
  isDefault: boolean
  isHidden: boolean
  /** [I] */
  status: 'ACTIVE'
  /** [I] */
  type: 'SERVICE_ROLE'
  /** [I] `/csp/gateway/slc/api/definitions/external/<id>/roles/<name>` */
  refLink: string
}

/**
 * An item of `servicesList` in `GET /csp/gateway/slc/api/v2/ui/definitions/?orgId=`. The first
 * five fields are the documented ones; the rest are [I].
 */
export interface ServiceDefinition {
  serviceDefinitionId: string
  displayName: string
  productIdentifier: string
  serviceAccessType: string
  serviceUrls: { serviceHome: string }
  /** [I] */
  description: string
  /** [I] */
  visible: boolean
  /** [I] `/csp/gateway/slc/api/definitions/external/<id>`, the link invitations use. */
  serviceDefinitionLink: string
  /** [I] The roles of the service, so a client can resolve role names with one call. */
  serviceRoles: ServiceRoleDefinition[]
}

/** `GET /csp/gateway/slc/api/v2/ui/definitions/?orgId=`. */
export interface ServiceDefinitionsResponse {
  servicesList: ServiceDefinition[]
}

/** `GET /csp/gateway/slc/api/definitions/external/{id}` and items of `GET .../slc/api/definitions` (`ServiceDefinitionDto`). */
export interface ServiceDefinitionDto {
  name: string
  displayName: string
  descriptionLong: string
  productIdentifier: string
  visible: boolean
  serviceUrls: { serviceHome: string }
  serviceRoles: ServiceRoleDefinition[]
  organizationLink: string | null
  documentSelfLink: string
}

/** `GET /csp/gateway/slc/api/definitions?expand=1`. */
export interface ServiceDefinitionsPage {
  results: ServiceDefinitionDto[]
}

// ---------------------------------------------------------------------------------------------
// Users (csp-api.md §3)
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Invitations (csp-api.md §4)
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Groups (csp-api.md §8; shapes from VMC-Go-Client's Go DTOs)
// ---------------------------------------------------------------------------------------------

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
