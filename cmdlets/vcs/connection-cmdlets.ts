// Connection cmdlets: Connect-Vcs, Disconnect-Vcs, New-VcsOAuthSecurityContext, Get-VcsConnection.
import type { AnyCmdlet } from '../../src/engine/index.js'
import ConnectVcs from './Connect-Vcs.js'
import DisconnectVcs from './Disconnect-Vcs.js'
import GetVcsConnection from './Get-VcsConnection.js'
import NewVcsOAuthSecurityContext from './New-VcsOAuthSecurityContext.js'

export { ConnectVcs, DisconnectVcs, GetVcsConnection, NewVcsOAuthSecurityContext }

export const connectionCmdlets: AnyCmdlet[] = [
  ConnectVcs,
  DisconnectVcs,
  NewVcsOAuthSecurityContext,
  GetVcsConnection,
]
