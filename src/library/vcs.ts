// Library functions for the vcs cmdlets (`await getVcsUser({ name: 'A*' })` is typed VcsUser[]);
// see src/index.ts.
import { cmdletFunction } from '../engine/index.js'
import {
  AddVcsGroupMember,
  AddVcsUserRole,
  CompareVcsOrganization,
  GetVcsGroup,
  GetVcsGroupMember,
  GetVcsOrganizationRole,
  GetVcsService,
  GetVcsServiceRole,
  GetVcsUser,
  GetVcsUserInvitation,
  NewVcsUserInvitation,
  RemoveVcsGroupMember,
  RemoveVcsUser,
  RemoveVcsUserInvitation,
  RemoveVcsUserRole,
  SendVcsUserInvitation,
  SetVcsUser,
  SyncVcsOrganization,
} from '../../cmdlets/vcs/index.js'

export type {
  VcsUser,
  VcsUserInvitation,
  VcsOrganizationRole,
  VcsService,
  VcsServiceRole,
  VcsGroup,
  VcsInvitationStatus,
  VcsInvitationResult,
  VcsUserRemovalResult,
  InvitationOutcome,
} from '../../cmdlets/vcs/shared/model.js'
export type { VcsUserRoleResult } from '../../cmdlets/vcs/shared/user-roles.js'
export type { VcsGroupMemberResult } from '../../cmdlets/vcs/shared/group-members.js'
export type { VcsSyncAction } from '../../cmdlets/vcs/shared/sync-plan.js'
export type { VcsSyncResult } from '../../cmdlets/vcs/Sync-VcsOrganization/apply.js'
export { setRetryPolicy, type RetryPolicy } from '../csp/client.js'

/** Get-VcsOrganizationRole. */
export const getVcsOrganizationRole = cmdletFunction(GetVcsOrganizationRole)
/** Get-VcsService. */
export const getVcsService = cmdletFunction(GetVcsService)
/** Get-VcsServiceRole. */
export const getVcsServiceRole = cmdletFunction(GetVcsServiceRole)
/** Get-VcsGroup. */
export const getVcsGroup = cmdletFunction(GetVcsGroup)
/** Get-VcsUser. */
export const getVcsUser = cmdletFunction(GetVcsUser)
/** Get-VcsUserInvitation. */
export const getVcsUserInvitation = cmdletFunction(GetVcsUserInvitation)
/** New-VcsUserInvitation. */
export const newVcsUserInvitation = cmdletFunction(NewVcsUserInvitation)
/** Send-VcsUserInvitation. */
export const sendVcsUserInvitation = cmdletFunction(SendVcsUserInvitation)
/** Remove-VcsUserInvitation. */
export const removeVcsUserInvitation = cmdletFunction(RemoveVcsUserInvitation)
/** Remove-VcsUser. */
export const removeVcsUser = cmdletFunction(RemoveVcsUser)
/** Add-VcsUserRole. */
export const addVcsUserRole = cmdletFunction(AddVcsUserRole)
/** Remove-VcsUserRole. */
export const removeVcsUserRole = cmdletFunction(RemoveVcsUserRole)
/** Set-VcsUser. */
export const setVcsUser = cmdletFunction(SetVcsUser)
/** Get-VcsGroupMember. */
export const getVcsGroupMember = cmdletFunction(GetVcsGroupMember)
/** Add-VcsGroupMember. */
export const addVcsGroupMember = cmdletFunction(AddVcsGroupMember)
/** Remove-VcsGroupMember. */
export const removeVcsGroupMember = cmdletFunction(RemoveVcsGroupMember)
/** Compare-VcsOrganization. */
export const compareVcsOrganization = cmdletFunction(CompareVcsOrganization)
/** Sync-VcsOrganization. */
export const syncVcsOrganization = cmdletFunction(SyncVcsOrganization)
