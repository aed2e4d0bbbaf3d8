// Changing a member's roles and custom-group membership (docs/csp-api-notes.md "Managing access").
// Plain type declarations only; see ../csp.ts.

/** A role named in an add/remove list (`BaseRole`; only `name` is needed). */
export interface RoleName {
  name: string
}

/** Add/remove lists of one role scope (`OrgRoleRequest`; the name lists are deprecated). */
export interface RoleChanges {
  rolesToAdd?: RoleName[]
  rolesToRemove?: RoleName[]
  roleNamesToAdd?: string[]
  roleNamesToRemove?: string[]
}

/** The service part of a role change (`OrgServiceRoleRequest`). */
export interface ServiceRoleChanges extends RoleChanges {
  serviceDefinitionId: string
}

/** `PATCH /csp/gateway/am/api/v3/users/{userId}/orgs/{orgId}/roles` body (`UpdateMemberRolesRequest`). */
export interface UpdateMemberRolesRequest {
  organizationRoles?: RoleChanges
  serviceRoles?: ServiceRoleChanges[]
}

/** `POST .../orgs/{orgId}/groups/{groupId}/users` body (`AddUsersToCustomGroupRequest`, ≤ 20). */
export interface AddUsersToGroupRequest {
  usernamesToAdd: string[]
  notifyUsers?: boolean
}

/** `DELETE .../orgs/{orgId}/groups/{groupId}/users` body (`RemoveUsersFromCustomGroupRequest`). */
export interface RemoveUsersFromGroupRequest {
  ids: string[]
  notifyUsers?: boolean
}

/** The answer to a group-membership change [I: undocumented]; clients tolerate its absence. */
export interface GroupMembershipResponse {
  succeeded: string[]
  failed: string[]
}
