// Organization, roles and service definitions (csp-api.md §2).
// Plain type declarations only; see ../csp.ts.

// Organization and roles (csp-api.md §2)

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

// Services (csp-api.md §2.3)

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
