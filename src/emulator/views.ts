// Records to wire shapes. Every field name and nesting here comes from csp-api.md (or, where it is
// silent, from the Go DTOs it cites); the types in ../wire/csp.ts keep both sides honest.
import type {
  CspUser,
  ExpandedGroupDto,
  ExpandedTypedUser,
  LoggedInUser,
  OrganizationDto,
  OrganizationRoleBinding,
  RoleDto,
  ServiceDefinition,
  ServiceDefinitionDto,
  ServiceRoleDefinition,
  UserOrganizationInvitationResponse,
  UserServiceRoles,
  UserServiceRolesResponse,
} from '../wire/csp.js'
import { ORG_ROLES, orgRoleByName, type OrgRoleDefinition, type ServiceSpec } from './seed/catalog.js'
import type {
  AccountRecord,
  GroupRecord,
  InvitationRecord,
  MembershipRecord,
  OrgRecord,
  ServiceRoleGrant,
} from './state/model.js'

/** `/csp/gateway/am/api/orgs/<orgId>` */
export function orgLink(orgId: string): string {
  return `/csp/gateway/am/api/orgs/${orgId}`
}

/** `/csp/gateway/slc/api/definitions/external/<id>`, the link invitations carry. */
export function serviceDefinitionLink(serviceId: string): string {
  return `/csp/gateway/slc/api/definitions/external/${serviceId}`
}

/** `/csp/gateway/am/api/orgs/<orgId>/invitations/<id>` */
export function invitationRefLink(orgId: string, invitationId: string): string {
  return `${orgLink(orgId)}/invitations/${invitationId}`
}

/** The `user` part of a user item. */
export function toCspUser(account: AccountRecord, expandProfile = false): CspUser {
  return {
    username: account.username,
    firstName: account.firstName,
    lastName: account.lastName,
    domain: account.domain,
    idpId: account.idpId,
    accessible: true,
    acct: account.email,
    email: account.email,
    userId: account.userId,
    userProfile: expandProfile ? { locale: 'en_US', language: 'en', alternativeEmail: null } : null,
  }
}

/** How much of a user item to show. */
export interface UserViewOptions {
  /** Owners and admins see roles; members do not (csp-api.md §3.1 "Visibility"). */
  withRoles: boolean
  expandProfile: boolean
  includeGroupIds: boolean
}

/** An org role held by a member. */
export function toOrgRoleBinding(
  orgId: string,
  name: string,
  includeGroupIds: boolean,
): OrganizationRoleBinding {
  const binding: OrganizationRoleBinding = {
    id: null,
    name,
    displayName: orgRoleByName(name)?.displayName ?? name,
    resource: null,
    membershipType: 'DIRECT',
    expiresAt: null,
    orgId,
  }
  if (includeGroupIds) binding.groupIds = []
  return binding
}

/** A member's service roles, grouped by service. */
export function toUserServiceRoles(
  grants: readonly ServiceRoleGrant[],
  includeGroupIds: boolean,
): UserServiceRoles[] {
  return grants.map((grant) => ({
    serviceDefinitionId: grant.serviceDefinitionId,
    serviceRoleNames: [...grant.roles],
    serviceRoles: grant.roles.map((name) => ({
      id: null,
      name,
      roleName: name,
      resource: null,
      membershipType: 'DIRECT' as const,
      expiresAt: null,
      ...(includeGroupIds ? { groupIds: [] } : {}),
    })),
  }))
}

/** A user list item (`ExpandedTypedUser`). */
export function toExpandedTypedUser(
  account: AccountRecord,
  membership: MembershipRecord,
  options: UserViewOptions,
): ExpandedTypedUser {
  const item: ExpandedTypedUser = { user: toCspUser(account, options.expandProfile), orgId: membership.orgId }
  if (options.withRoles) {
    item.organizationRoles = membership.orgRoles.map((name) =>
      toOrgRoleBinding(membership.orgId, name, options.includeGroupIds),
    )
    item.serviceRoles = toUserServiceRoles(membership.serviceRoles, options.includeGroupIds)
    item.customRoles = []
  }
  return item
}

/** An organization role definition (`RoleDto`). */
export function toRoleDto(org: OrgRecord, role: OrgRoleDefinition): RoleDto {
  return {
    name: role.name,
    displayName: role.displayName,
    organizationLink: orgLink(org.id),
    visible: true,
    resource: null,
    expiresAt: null,
    createdBy: null,
    createdDate: new Date(org.createdAt).toISOString(),
    lastUpdatedBy: null,
    lastUpdatedDate: null,
  }
}

/** The RoleDtos of a member's org roles. */
export function toRoleDtos(org: OrgRecord, roleNames: readonly string[]): RoleDto[] {
  return ORG_ROLES.filter((role) => roleNames.includes(role.name)).map((role) => toRoleDto(org, role))
}

/** `UserServiceRolesResponse` of a member (or app). */
export function toUserServiceRolesResponse(grants: readonly ServiceRoleGrant[]): UserServiceRolesResponse {
  return {
    serviceRoles: grants.map((grant) => ({
      serviceDefinitionLink: serviceDefinitionLink(grant.serviceDefinitionId),
      serviceRoleNames: [...grant.roles],
      serviceRoles: grant.roles.map((name) => ({ name, membershipType: 'DIRECT' as const })),
    })),
  }
}

/** `OrganizationDto`. */
export function toOrganizationDto(org: OrgRecord): OrganizationDto {
  return {
    refLink: orgLink(org.id),
    name: org.id,
    displayName: org.displayName,
    parentRefLink: null,
    metadata: {},
    language: 'en',
    locale: 'en_US',
    isMfaRequired: false,
    enforceUserApiTokenMfa: false,
    auditLogsInstanceId: null,
    maxAllowedAuthExemptedUserCount: 0,
  }
}

/** The catalogue's roles of a service (`ServiceRoleDto`). */
export function toServiceRoleDefinitions(service: ServiceSpec): ServiceRoleDefinition[] {
  return service.roles.map((role) => ({
    name: role.name,
    displayName: role.displayName,
    isDefault: role.isDefault === true,
    isHidden: false,
    status: 'ACTIVE',
    description: role.description,
    refLink: `${serviceDefinitionLink(service.id)}/roles/${encodeURIComponent(role.name)}`,
  }))
}

/** An item of `servicesList`: only the documented fields (no roles, no description). */
export function toServiceDefinition(service: ServiceSpec): ServiceDefinition {
  return {
    serviceDefinitionId: service.id,
    displayName: service.displayName,
    productIdentifier: service.productIdentifier,
    serviceAccessType: 'ORG_BASED',
    serviceUrls: { serviceHome: service.serviceHome },
  }
}

/** `ServiceDefinitionsDto`; roles only when `withRoles` (`?expand`). */
export function toServiceDefinitionDto(
  service: ServiceSpec,
  orgId: string,
  withRoles: boolean,
): ServiceDefinitionDto {
  return {
    name: service.name,
    displayName: service.displayName,
    descriptionShort: service.description,
    descriptionLong: service.description,
    productIdentifier: service.productIdentifier,
    visible: true,
    serviceUrls: { serviceHome: service.serviceHome },
    ...(withRoles ? { serviceRoles: toServiceRoleDefinitions(service) } : {}),
    organizationLink: orgLink(orgId),
    documentSelfLink: serviceDefinitionLink(service.id),
  }
}

/** How much of an invitation to show. */
export interface InvitationViewOptions {
  expand: boolean
  /** Resolves `customGroupsIds` when `expandCustomGroups` is asked for. */
  groups?: (id: string) => GroupRecord | undefined
}

/** `UserOrganizationInvitationResponse`. */
export function toInvitation(
  invitation: InvitationRecord,
  options: InvitationViewOptions,
): UserOrganizationInvitationResponse {
  const view: UserOrganizationInvitationResponse = {
    refLink: invitationRefLink(invitation.orgId, invitation.id),
    username: invitation.username,
    status: invitation.status,
    expirationTime: invitation.expirationTime,
    generatedAt: invitation.generatedAt,
    generatedBy: invitation.generatedBy,
    invitedByUsername: invitation.invitedByUsername,
    invitationLink: null,
    orgRoleNames: [...invitation.orgRoles],
    serviceRolesDtos: invitation.serviceRoles.map((grant) => ({
      serviceDefinitionLink: serviceDefinitionLink(grant.serviceDefinitionId),
      serviceRoleNames: [...grant.roles],
      ...(options.expand ? { serviceRoles: grant.roles.map((name) => ({ name })) } : {}),
    })),
    customRoles: [],
    customGroupsIds: [...invitation.customGroupsIds],
    redeemedAt: invitation.redeemedAt,
    redeemedBy: invitation.redeemedBy,
    revokedAt: invitation.revokedAt,
    revokedBy: invitation.revokedBy,
  }
  if (options.expand) view.organizationRoles = invitation.orgRoles.map((name) => ({ name }))
  if (options.groups) {
    const resolve = options.groups
    view.customGroups = invitation.customGroupsIds
      .map((id) => resolve(id))
      .filter((group): group is GroupRecord => group !== undefined)
      .map(toGroup)
  }
  return view
}

/** `ExpandedGroupDto`: the emulator's groups grant no roles of their own. */
export function toGroup(group: GroupRecord): ExpandedGroupDto {
  return {
    id: group.id,
    displayName: group.displayName,
    description: group.description,
    domain: 'csp.local',
    groupType: 'USER_GROUP',
    ownerOrgId: group.orgId,
    sharedOrgIds: [],
    usersCount: group.memberIds.length,
    organizationRoles: [],
    serviceRoles: [],
    customRoles: [],
  }
}

/** `UserDto` of the logged-in user. */
export function toLoggedInUser(account: AccountRecord): LoggedInUser {
  return {
    username: account.username,
    firstName: account.firstName,
    lastName: account.lastName,
    email: account.email,
    acct: account.email,
    userId: account.userId,
    emailVerified: true,
    refLink: `/csp/gateway/am/api/users/${account.userId}`,
    userProfile: null,
  }
}
