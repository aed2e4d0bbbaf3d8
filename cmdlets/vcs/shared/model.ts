// The objects the Vcs cmdlets emit: PowerCLI's VMware.CloudServices property names (Id, Name, Email,
// Username, Status, CreatedBy, ...) plus what users need (roles, RevokedDate, a role's service), built
// from CSP's wire shapes in one place so every cmdlet shows the same thing the same way.
import { withTypeName } from '../../../src/engine/index.js'
import type {
  ExpandedTypedUser,
  GroupDto,
  RoleDto,
  UserOrganizationInvitationResponse,
} from '../../../src/wire/csp.js'
import type { CspCall } from '../../../src/csp/connection.js'
import { objectUid, organizationUid } from '../../../src/csp/uid.js'
import type { CatalogRole, CatalogService } from './services.js'

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
  /** Organization role names, e.g. `org_member`; null when CSP did not show this caller the roles. */
  OrganizationRoles: string[] | null
  /** Service role names, e.g. `vmc-user:full`; null when CSP did not show this caller the roles. */
  ServiceRoles: string[] | null
  /** Ids of the services the service roles belong to. */
  ServiceIds: string[]
  /** PowerCLI's Uid: `/VcsServer=<user>@<server>/Organization=<orgId>/User=<Id>/`; null when CSP sent no id. */
  Uid: string | null
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
  /** Null when CSP sent no creation time. */
  CreatedDate: Date | null
  /** When the invitation expires (or expired); null when CSP sent no expiration time. */
  ExpiredDate: Date | null
  RedeemedBy: string | null
  RedeemedDate: Date | null
  RevokedDate: Date | null
  OrganizationRoles: string[]
  ServiceRoles: string[]
  /** Group ids the invitee joins on redemption. */
  Groups: string[]
  /** PowerCLI's Uid: `/VcsServer=.../Organization=<orgId>/UserInvitation=<Id>/`; null when CSP sent no id. */
  Uid: string | null
}

/** An organization role (PowerCLI IVcsOrganizationRole). */
export interface VcsOrganizationRole {
  /** CSP's role name, e.g. `org_member`; the name invitations use. */
  Name: string
  DisplayName: string
  /** Same as Name: CSP identifies organization roles by name. */
  Id: string
  /** PowerCLI's Uid: `/VcsServer=.../Organization=<orgId>/OrganizationRole=<Name>/`; null when CSP sent no id. */
  Uid: string | null
}

/** A service of the organization (PowerCLI IVcsService plus its roles). */
export interface VcsService {
  /** The service definition id. */
  Id: string
  /** The display name, as PowerCLI shows it. */
  Name: string
  DisplayName: string
  /** CSP's `descriptionShort` (else `descriptionLong`); empty when the catalogue has none. */
  Description: string
  /** `/csp/gateway/slc/api/definitions/external/<id>`, the link invitations use. */
  SelfLink: string
  /** Role names of the service; null when CSP's service-role catalogue could not be read. */
  Roles: string[] | null
  /** PowerCLI's Uid: `/VcsServer=.../Organization=<orgId>/Service=<Id>/`; null when CSP sent no id. */
  Uid: string | null
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
  /** PowerCLI's Uid: `/VcsServer=.../Organization=<orgId>/Service=<ServiceId>/ServiceRole=<Name>/`; null when CSP sent no id. */
  Uid: string | null
}

/** A group of the organization. */
export interface VcsGroup {
  Id: string
  Name: string
  DisplayName: string
  Description: string
  Type: string
  UsersCount: number
  /** PowerCLI's Uid: `/VcsServer=.../Organization=<orgId>/Group=<Id>/`; null when CSP sent no id. */
  Uid: string | null
}

/** What became of one input e-mail of New-VcsUserInvitation; also a row of its -ResultPath file. */
export type InvitationOutcome =
  | 'Invited'
  | 'AddedDirectly'
  | 'AlreadyMember'
  | 'AlreadyInvited'
  | 'Invalid'
  | 'Failed'
  /** Sent, and the run ended before CSP's answer or a look told what became of it. */
  | 'Unknown'

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

/** The Uid scope of a call's objects: its connection's organization (`/VcsServer=.../Organization=<id>/`). */
export function uidScope(call: Pick<CspCall, 'client'>): string {
  return organizationUid(call.client.connection)
}

/** A string field, or null when CSP sent none (absent, null, or not a string). */
function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

/** A list field as an array (absent or null: empty), without entries that are null. */
function list<T>(value: readonly (T | null)[] | null | undefined): T[] {
  return Array.isArray(value)
    ? value.filter((entry): entry is T => entry !== null && entry !== undefined)
    : []
}

/** Role names of role bindings, skipping bindings without a name. */
function names(
  bindings: ReadonlyArray<{ name?: unknown; roleName?: unknown } | null> | null | undefined,
): string[] {
  return list(bindings)
    .map((binding) => text(binding.name) ?? text(binding.roleName))
    .filter((name): name is string => name !== null)
}

/** A date from epoch milliseconds, or null. */
function dateOf(ms: unknown): Date | null {
  return typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms) : null
}

/**
 * Builds a VcsUser; null or missing names are fine. Roles are null (unknown) when CSP sent no role
 * field at all: it hides them from callers who may not see them (csp-api.md §10). `scope` is the
 * organization's Uid (organizationUid of the connection), which the object's Uid extends.
 */
export function toVcsUser(item: ExpandedTypedUser, scope: string): VcsUser {
  const user = (item.user ?? {}) as Partial<ExpandedTypedUser['user']>
  const first = text(user.firstName)
  const last = text(user.lastName)
  const fullName = [first, last].filter((part) => part && part.trim()).join(' ')
  const email = text(user.email) ?? text(user.acct) ?? ''
  const username = text(user.username) ?? email
  const hidden = item.organizationRoles == null && item.serviceRoles == null
  const services = list(item.serviceRoles)
  const id = text(user.userId) ?? ''
  return withTypeName('VcsUser', {
    Id: id,
    Name: fullName || username || email,
    Username: username,
    Email: email,
    FirstName: first,
    LastName: last,
    Domain: text(user.domain) ?? '',
    OrganizationRoles: hidden ? null : names(item.organizationRoles),
    ServiceRoles: hidden
      ? null
      : services.flatMap((service) => {
          const bound = names(service.serviceRoles)
          return bound.length > 0
            ? bound
            : list(service.serviceRoleNames).filter((n) => typeof n === 'string')
        }),
    ServiceIds: services
      .map((service) => text(service.serviceDefinitionId))
      .filter((id): id is string => !!id),
    Uid: objectUid(scope, 'User', id),
  })
}

/** The invitation id: the last segment of its refLink. */
export function invitationId(invitation: Pick<UserOrganizationInvitationResponse, 'refLink'>): string {
  return (text(invitation.refLink) ?? '').split('/').filter(Boolean).pop() ?? ''
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
      return typeof invitation.expirationTime === 'number' && invitation.expirationTime <= now
        ? 'Expired'
        : 'Available'
  }
}

/** Service role names of an invitation, from either name form CSP uses. */
export function invitationServiceRoles(invitation: UserOrganizationInvitationResponse): string[] {
  return list(invitation.serviceRolesDtos).flatMap((dto) => {
    const given = list(dto.serviceRoleNames).filter((name) => typeof name === 'string')
    return given.length > 0 ? given : names(dto.serviceRoles)
  })
}

/** Builds a VcsUserInvitation under `scope` (the organization's Uid); any optional field may be missing or null. */
export function toVcsUserInvitation(
  invitation: UserOrganizationInvitationResponse,
  scope: string,
  now = Date.now(),
): VcsUserInvitation {
  const email = text(invitation.username) ?? ''
  const orgRoles = list(invitation.orgRoleNames).filter((name) => typeof name === 'string')
  const id = invitationId(invitation)
  return withTypeName('VcsUserInvitation', {
    Id: id,
    Name: email,
    Email: email,
    Status: invitationStatus(invitation, now),
    CreatedBy: text(invitation.invitedByUsername) ?? text(invitation.generatedBy) ?? '',
    CreatedDate: dateOf(invitation.generatedAt),
    ExpiredDate: dateOf(invitation.expirationTime),
    RedeemedBy: text(invitation.redeemedBy),
    RedeemedDate: dateOf(invitation.redeemedAt),
    RevokedDate: dateOf(invitation.revokedAt),
    OrganizationRoles: orgRoles.length > 0 ? orgRoles : names(invitation.organizationRoles),
    ServiceRoles: invitationServiceRoles(invitation),
    Groups: list(invitation.customGroupsIds).filter((group) => typeof group === 'string'),
    Uid: objectUid(scope, 'UserInvitation', id),
  })
}

/** Builds a VcsOrganizationRole under `scope` (the organization's Uid). */
export function toVcsOrganizationRole(role: RoleDto, scope: string): VcsOrganizationRole {
  const name = text(role.name) ?? ''
  return withTypeName('VcsOrganizationRole', {
    Name: name,
    DisplayName: text(role.displayName) || name,
    Id: name,
    Uid: objectUid(scope, 'OrganizationRole', name),
  })
}

/** A service; `Roles` is null when CSP's catalogue could not be read (unknown, not "none"). */
export function toVcsService(service: CatalogService, scope: string): VcsService {
  return withTypeName('VcsService', {
    Id: service.serviceDefinitionId,
    Name: service.displayName,
    DisplayName: service.displayName,
    Description: service.description,
    SelfLink: service.selfLink,
    Roles: service.roles === undefined ? null : service.roles.map((role) => role.name),
    Uid: objectUid(scope, 'Service', service.serviceDefinitionId),
  })
}

/** Builds a VcsServiceRole under `scope` (the organization's Uid); its Uid extends its service's. */
export function toVcsServiceRole(service: CatalogService, role: CatalogRole, scope: string): VcsServiceRole {
  return withTypeName('VcsServiceRole', {
    Name: role.name,
    DisplayName: role.displayName,
    Id: `${service.serviceDefinitionId}/${role.name}`,
    Description: role.description,
    ServiceId: service.serviceDefinitionId,
    ServiceName: service.displayName,
    Uid: objectUid(
      objectUid(scope, 'Service', service.serviceDefinitionId) ?? scope,
      'ServiceRole',
      role.name,
    ),
  })
}

/** Builds a VcsGroup under `scope` (the organization's Uid). */
export function toVcsGroup(group: GroupDto, scope: string): VcsGroup {
  const name = text(group.displayName) ?? text(group.id) ?? ''
  const id = text(group.id) ?? ''
  return withTypeName('VcsGroup', {
    Id: id,
    Name: name,
    DisplayName: name,
    Description: text(group.description) ?? '',
    Type: text(group.groupType) ?? '',
    UsersCount: typeof group.usersCount === 'number' ? group.usersCount : 0,
    Uid: objectUid(scope, 'Group', id),
  })
}
