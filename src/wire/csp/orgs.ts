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

// Services (csp-api.md §2.3, §10)

/**
 * A role of a service in the catalogue (`ServiceRoleDto`). The first five fields are documented;
 * `description` and `refLink` are [I] and may be absent.
 */
export interface ServiceRoleDefinition {
  /** `<service-prefix>:<role>`, e.g. `vmc-user:full`. */
  name: string
  displayName: string
  isDefault: boolean
  isHidden: boolean
  status: string
  /** [I] */
  description?: string
  /** [I] `/csp/gateway/slc/api/definitions/external/<id>/roles/<name>` */
  refLink?: string
}

/**
 * An item of `servicesList` in `GET /csp/gateway/slc/api/v2/ui/definitions/?orgId=`: only the fields
 * public consumers read (pyVMC, tanzu-cli). No public source shows roles or descriptions here.
 */
export interface ServiceDefinition {
  serviceDefinitionId: string
  displayName: string
  productIdentifier: string
  serviceAccessType: string
  serviceUrls: { serviceHome: string }
}

/** `GET /csp/gateway/slc/api/v2/ui/definitions/?orgId=`. */
export interface ServiceDefinitionsResponse {
  servicesList: ServiceDefinition[]
}

/**
 * `GET /csp/gateway/slc/api/definitions/external/{id}` and items of
 * `GET /csp/gateway/slc/api/definitions?expand` (`ServiceDefinitionsDto`, csp-api.md §10): the
 * documented service-role catalogue. `serviceRoles` comes with `expand` [I: without it, not sent].
 */
export interface ServiceDefinitionDto {
  name: string
  displayName: string
  descriptionShort: string
  descriptionLong: string
  productIdentifier: string
  visible: boolean
  serviceUrls: { serviceHome: string }
  serviceRoles?: ServiceRoleDefinition[]
  organizationLink: string | null
  /** `/csp/gateway/slc/api/definitions/external/<id>` */
  documentSelfLink: string
}

/** `GET /csp/gateway/slc/api/definitions?expand[&orgLink=]`. */
export interface ServiceDefinitionsPage {
  results: ServiceDefinitionDto[]
}

/** `GET /csp/gateway/slc/api/definitions/external/{id}/service-roles` (old public swagger). */
export interface ServiceRolesResponse {
  refLinks: string[]
  serviceRoles: ServiceRoleDefinition[]
}
