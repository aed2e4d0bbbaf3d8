// The CSP cmdlets: users, invitations, roles, services and groups (connection cmdlets are listed in
// connection-cmdlets.ts).
import type { AnyCmdlet } from '../../src/engine/index.js'
import AddVcsUserRole from './Add-VcsUserRole.js'
import AddVcsGroupMember from './Add-VcsGroupMember.js'
import CompareVcsOrganization from './Compare-VcsOrganization.js'
import GetVcsGroup from './Get-VcsGroup.js'
import GetVcsGroupMember from './Get-VcsGroupMember.js'
import GetVcsOrganizationRole from './Get-VcsOrganizationRole.js'
import GetVcsService from './Get-VcsService.js'
import GetVcsServiceRole from './Get-VcsServiceRole.js'
import GetVcsUser from './Get-VcsUser.js'
import GetVcsUserInvitation from './Get-VcsUserInvitation.js'
import NewVcsUserInvitation from './New-VcsUserInvitation/New-VcsUserInvitation.js'
import RemoveVcsGroupMember from './Remove-VcsGroupMember.js'
import RemoveVcsUser from './Remove-VcsUser/Remove-VcsUser.js'
import RemoveVcsUserInvitation from './Remove-VcsUserInvitation.js'
import RemoveVcsUserRole from './Remove-VcsUserRole.js'
import SendVcsUserInvitation from './Send-VcsUserInvitation.js'
import SetVcsUser from './Set-VcsUser.js'
import SyncVcsOrganization from './Sync-VcsOrganization/Sync-VcsOrganization.js'

export {
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
}

export const vcsCmdlets: AnyCmdlet[] = [
  GetVcsOrganizationRole,
  GetVcsService,
  GetVcsServiceRole,
  GetVcsGroup,
  GetVcsGroupMember,
  GetVcsUser,
  GetVcsUserInvitation,
  NewVcsUserInvitation,
  SendVcsUserInvitation,
  RemoveVcsUserInvitation,
  RemoveVcsUser,
  AddVcsUserRole,
  RemoveVcsUserRole,
  SetVcsUser,
  AddVcsGroupMember,
  RemoveVcsGroupMember,
  CompareVcsOrganization,
  SyncVcsOrganization,
]
