// Library functions for the connection cmdlets; see src/index.ts.
import { connectFromEnvironment as connectFromEnv, type Connection } from '../auth/index.js'
import { AuthError, cmdletFunction, currentSession, type Session } from '../engine/index.js'
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
export { VcsOAuthSecurityContext, getConnection } from '../auth/index.js'

/**
 * Connects from VCS_SERVER with VCS_API_TOKEN (or VCS_API_TOKEN_FILE), or with VCS_APP_ID,
 * VCS_APP_SECRET (or VCS_APP_SECRET_FILE) and VCS_ORG_ID, or with the API token saved for
 * VCS_SERVER; resolves to the connection (the session's default one when it has one already).
 * Throws an AuthError (NotConnected) naming the variables when the environment says nothing.
 */
export async function connectFromEnvironment(
  session: Session = currentSession(),
  env: NodeJS.ProcessEnv = process.env,
  options: { signal?: AbortSignal } = {},
): Promise<Connection> {
  const connection = await connectFromEnv(session, env, undefined, options.signal)
  if (connection) return connection
  throw new AuthError(
    'NotConnected',
    env.VCS_SERVER
      ? `VCS_SERVER is set to ${env.VCS_SERVER}, but no API token is set or saved for it.`
      : 'The environment names no CSP server: VCS_SERVER is not set.',
    {
      hint: 'Set VCS_SERVER and VCS_API_TOKEN (or VCS_API_TOKEN_FILE), or VCS_SERVER, VCS_APP_ID, VCS_APP_SECRET and VCS_ORG_ID.',
    },
  )
}
