// The CSP cmdlets: users, invitations, roles, services and groups (connection cmdlets are listed in
// connection-cmdlets.ts).
import type { AnyCmdlet } from '../../src/engine/index.js'
import GetVcsGroup from './Get-VcsGroup.js'
import GetVcsOrganizationRole from './Get-VcsOrganizationRole.js'
import GetVcsService from './Get-VcsService.js'
import GetVcsServiceRole from './Get-VcsServiceRole.js'
import GetVcsUser from './Get-VcsUser.js'
import GetVcsUserInvitation from './Get-VcsUserInvitation.js'
import NewVcsUserInvitation from './New-VcsUserInvitation/New-VcsUserInvitation.js'
import RemoveVcsUser from './Remove-VcsUser/Remove-VcsUser.js'
import RemoveVcsUserInvitation from './Remove-VcsUserInvitation.js'
import SendVcsUserInvitation from './Send-VcsUserInvitation.js'

export {
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
}

export const vcsCmdlets: AnyCmdlet[] = [
  GetVcsOrganizationRole,
  GetVcsService,
  GetVcsServiceRole,
  GetVcsGroup,
  GetVcsUser,
  GetVcsUserInvitation,
  NewVcsUserInvitation,
  SendVcsUserInvitation,
  RemoveVcsUserInvitation,
  RemoveVcsUser,
]
