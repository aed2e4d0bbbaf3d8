// Connection cmdlets: Connect-Vcs, Disconnect-Vcs, New-VcsOAuthSecurityContext, Get-VcsConnection.
import type { AnyCmdlet } from '../../src/engine/index.js'

export const connectionCmdlets: AnyCmdlet[] = []
