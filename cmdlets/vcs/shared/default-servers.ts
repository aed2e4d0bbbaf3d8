// PowerCLI's $DefaultVcsServers: the session's connections, the default first, kept current by
// Connect-Vcs and Disconnect-Vcs so that PowerCLI scripts reading it carry over.
import { listConnections } from '../../../src/auth/index.js'
import type { Session } from '../../../src/engine/index.js'

/** Sets $DefaultVcsServers to the session's connections (records), the default first. */
export function publishDefaultServers(session: Session): void {
  session.setVariable(
    'DefaultVcsServers',
    listConnections(session).map(({ connection, isDefault }) => connection.toRecord(isDefault)),
  )
}
