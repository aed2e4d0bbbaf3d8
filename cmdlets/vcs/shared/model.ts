// The objects the Vcs cmdlets emit: PowerCLI's VMware.CloudServices property names (Id, Name, Email,
// Username, Status, CreatedBy, ...) plus what users need (roles, RevokedDate, a role's service), built
// from CSP's wire shapes in one place so every cmdlet shows the same thing the same way.
import { withTypeName } from '../../../src/engine/index.js'
import { serviceDefinitionLink } from '../../../src/csp/endpoints.js'
import type {
  ExpandedTypedUser,
  GroupDto,
  RoleDto,
  ServiceDefinition,
  ServiceRoleDefinition,
  UserOrganizationInvitationResponse,
} from '../../../src/wire/csp.js'

/** A user of the organization (PowerCLI IVcsUser plus names and roles). */
export interface VcsUser {
  /** CSP user id, `<domain>:<guid>`. */
  Id: string
  /** Full name ("First Last"); the username when CSP has no names. */
  Name: string
  Username: string
  Email: string
  FirstName: string | null
  LastName: string | null
  Domain: string
  /** Organization role names, e.g. `org_member`. */
  OrganizationRoles: string[]
  /** Service role names, e.g. `vmc-user:full`. */
  ServiceRoles: string[]
  /** Ids of the services the service roles belong to. */
  ServiceIds: string[]
}

/** PowerCLI's UserInvitationStatusEnum plus Expired, which CSP has not: derived from ExpiredDate. */
export type VcsInvitationStatus = 'Available' | 'Redeemed' | 'Revoked' | 'Expired'

/** An invitation to the organization (PowerCLI IVcsUserInvitation plus roles and RevokedDate). */
export interface VcsUserInvitation {
  /** The invitation GUID (last segment of CSP's refLink). */
  Id: string
  /** The invitee's e-mail, as PowerCLI names it. */
  Name: string
  Email: string
  Status: VcsInvitationStatus
  CreatedBy: string
  CreatedDate: Date
  /** When the invitation expires (or expired). */
  ExpiredDate: Date
  RedeemedBy: string | null
  RedeemedDate: Date | null
  RevokedDate: Date | null
  OrganizationRoles: string[]
  ServiceRoles: string[]
  /** Group ids the invitee joins on redemption. */
  Groups: string[]
}

/** An organization role (PowerCLI IVcsOrganizationRole). */
export interface VcsOrganizationRole {
  /** CSP's role name, e.g. `org_member`; the name invitations use. */
  Name: string
  DisplayName: string
  /** Same as Name: CSP identifies organization roles by name. */
  Id: string
}

/** A service of the organization (PowerCLI IVcsService plus its roles). */
export interface VcsService {
  /** The service definition id. */
  Id: string
  /** The display name, as PowerCLI shows it. */
  Name: string
  DisplayName: string
  Description: string
  /** `/csp/gateway/slc/api/definitions/external/<id>`, the link invitations use. */
  SelfLink: string
  /** Role names of the service. */
  Roles: string[]
}

/** A role of a service (PowerCLI IVcsServiceRole plus the service it belongs to). */
export interface VcsServiceRole {
  /** Role name, e.g. `vmc-user:full`. */
  Name: string
  DisplayName: string
  /** `<serviceId>/<name>`: unique across services. */
  Id: string
  Description: string
  ServiceId: string
  ServiceName: string
}

/** A group of the organization. */
export interface VcsGroup {
  Id: string
  Name: string
  DisplayName: string
  Description: string
  Type: string
  UsersCount: number
}

/** What became of one input e-mail of New-VcsUserInvitation; also a row of its -ResultPath file. */
export type InvitationOutcome =
  'Invited' | 'AddedDirectly' | 'AlreadyMember' | 'AlreadyInvited' | 'Invalid' | 'Failed'

/** One row of New-VcsUserInvitation's result file. */
export interface VcsInvitationResult {
  Email: string
  Result: InvitationOutcome
  InvitationId: string
  Reason: string
  Timestamp: string
}

/** What became of one user given to Remove-VcsUser -PassThru. */
export interface VcsUserRemovalResult {
  Id: string
  Email: string
  Result: 'Removed' | 'Failed'
  Reason: string
}

/** Builds a VcsUser; null or missing names are fine. */
export function toVcsUser(item: ExpandedTypedUser): VcsUser {
  const { user } = item
  const first = user.firstName ?? null
  const last = user.lastName ?? null
  const fullName = [first, last].filter((part) => part && part.trim()).join(' ')
  return withTypeName('VcsUser', {
    Id: user.userId,
    Name: fullName || user.username || user.email,
    Username: user.username,
    Email: user.email,
    FirstName: first,
    LastName: last,
    Domain: user.domain,
    OrganizationRoles: (item.organizationRoles ?? []).map((role) => role.name),
    ServiceRoles: (item.serviceRoles ?? []).flatMap((service) =>
      service.serviceRoles?.length
        ? service.serviceRoles.map((role) => role.name ?? role.roleName)
        : (service.serviceRoleNames ?? []),
    ),
    ServiceIds: (item.serviceRoles ?? []).map((service) => service.serviceDefinitionId),
  })
}

/** The invitation id: the last segment of its refLink. */
export function invitationId(invitation: Pick<UserOrganizationInvitationResponse, 'refLink'>): string {
  return invitation.refLink.split('/').filter(Boolean).pop() ?? ''
}

/** CSP's status, with Expired derived from the expiration time (CSP has no EXPIRED status). */
export function invitationStatus(
  invitation: Pick<UserOrganizationInvitationResponse, 'status' | 'expirationTime'>,
  now = Date.now(),
): VcsInvitationStatus {
  switch (invitation.status) {
    case 'REDEEMED':
      return 'Redeemed'
    case 'REVOKED':
      return 'Revoked'
    default:
      return invitation.expirationTime <= now ? 'Expired' : 'Available'
  }
}

/** Service role names of an invitation, from either name form CSP uses. */
export function invitationServiceRoles(invitation: UserOrganizationInvitationResponse): string[] {
  return (invitation.serviceRolesDtos ?? []).flatMap((dto) =>
    dto.serviceRoleNames?.length ? dto.serviceRoleNames : (dto.serviceRoles ?? []).map((role) => role.name),
  )
}

/** Builds a VcsUserInvitation. */
export function toVcsUserInvitation(
  invitation: UserOrganizationInvitationResponse,
  now = Date.now(),
): VcsUserInvitation {
  const date = (ms: number | null | undefined) => (typeof ms === 'number' ? new Date(ms) : null)
  return withTypeName('VcsUserInvitation', {
    Id: invitationId(invitation),
    Name: invitation.username,
    Email: invitation.username,
    Status: invitationStatus(invitation, now),
    CreatedBy: invitation.invitedByUsername ?? invitation.generatedBy,
    CreatedDate: new Date(invitation.generatedAt),
    ExpiredDate: new Date(invitation.expirationTime),
    RedeemedBy: invitation.redeemedBy ?? null,
    RedeemedDate: date(invitation.redeemedAt),
    RevokedDate: date(invitation.revokedAt),
    OrganizationRoles: invitation.orgRoleNames?.length
      ? invitation.orgRoleNames
      : (invitation.organizationRoles ?? []).map((role) => role.name),
    ServiceRoles: invitationServiceRoles(invitation),
    Groups: invitation.customGroupsIds ?? [],
  })
}

export function toVcsOrganizationRole(role: RoleDto): VcsOrganizationRole {
  return withTypeName('VcsOrganizationRole', {
    Name: role.name,
    DisplayName: role.displayName ?? role.name,
    Id: role.name,
  })
}

export function toVcsService(service: ServiceDefinition): VcsService {
  return withTypeName('VcsService', {
    Id: service.serviceDefinitionId,
    Name: service.displayName,
    DisplayName: service.displayName,
    Description: service.description ?? '',
    SelfLink: service.serviceDefinitionLink ?? serviceDefinitionLink(service.serviceDefinitionId),
    Roles: (service.serviceRoles ?? []).map((role) => role.name),
  })
}

export function toVcsServiceRole(service: ServiceDefinition, role: ServiceRoleDefinition): VcsServiceRole {
  return withTypeName('VcsServiceRole', {
    Name: role.name,
    DisplayName: role.displayName ?? role.name,
    Id: `${service.serviceDefinitionId}/${role.name}`,
    Description: role.description ?? '',
    ServiceId: service.serviceDefinitionId,
    ServiceName: service.displayName,
  })
}

export function toVcsGroup(group: GroupDto): VcsGroup {
  return withTypeName('VcsGroup', {
    Id: group.id,
    Name: group.displayName,
    DisplayName: group.displayName,
    Description: group.description ?? '',
    Type: group.groupType,
    UsersCount: group.usersCount ?? 0,
  })
}
