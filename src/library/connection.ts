// Library functions for the connection cmdlets; see src/index.ts.
import { cmdletFunction } from '../engine/index.js'
import {
  ConnectVcs,
  DisconnectVcs,
  GetVcsConnection,
  NewVcsOAuthSecurityContext,
} from '../../cmdlets/vcs/connection-cmdlets.js'

/** Connect-Vcs: `await connectVcs({ server, apiToken })`. */
export const connectVcs = cmdletFunction(ConnectVcs)
/** Disconnect-Vcs. */
export const disconnectVcs = cmdletFunction(DisconnectVcs)
/** New-VcsOAuthSecurityContext. */
export const newVcsOAuthSecurityContext = cmdletFunction(NewVcsOAuthSecurityContext)
/** Get-VcsConnection. */
export const getVcsConnection = cmdletFunction(GetVcsConnection)
export { VcsOAuthSecurityContext, connectFromEnvironment, getConnection } from '../auth/index.js'
