// Library functions for the vcs cmdlets (`await getVcsUser({ name: 'A*' })` is typed VcsUser[]);
// see src/index.ts.
import { cmdletFunction } from '../engine/index.js'
import {
  GetVcsGroup,
  GetVcsOrganizationRole,
  GetVcsService,
  GetVcsServiceRole,
  GetVcsUser,
  GetVcsUserInvitation,
  NewVcsUserInvitation,
  RemoveVcsUser,
  RemoveVcsUserInvitation,
  SendVcsUserInvitation,
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
