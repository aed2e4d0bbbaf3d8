// How a Vcs cmdlet reaches CSP: the session's connection (owned by src/auth) wrapped in the shared
// HTTP client of that connection, plus a verbose logger bound to the running cmdlet.
import type { CmdletContext } from '../engine/index.js'
import { getConnection } from '../auth/index.js'
import { clientFor, type CspClient } from './client.js'

/** What a cmdlet needs for its requests: the client, its cancel signal and its verbose log. */
export interface CspCall {
  client: CspClient
  signal: AbortSignal
  log: (message: string) => void
  /** Told of each wait for the server (rate limit, outage): a job's progress shows it as a wait. */
  onWait?: (ms: number, reason: string) => void
}

/** Resolves the connection for `-Server` (or the default one) and returns the call context. */
export async function cspCall(ctx: CmdletContext, server?: string): Promise<CspCall> {
  const connection = await getConnection(ctx.session, server)
  return {
    client: clientFor(connection, ctx.session),
    signal: ctx.signal,
    log: (message) => ctx.writeVerbose(message),
  }
}
