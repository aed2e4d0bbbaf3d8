// Ending connections: dropping them from the session and, when asked, deleting what was saved for
// the server (the API token and the cached access tokens), so nothing outlives the user's intent.
import { currentSession, registerSecret, type Session } from '../engine/index.js'
import {
  cachedTokenKey,
  getConnection,
  listConnections,
  removeConnection,
  savedApiTokenKey,
} from './connect.js'
import type { Connection } from './connection.js'
import { credentialFingerprint } from './credentials.js'
import { parseServer } from './server.js'
import { resolveStore, type CredentialStoreChoice } from './stores/index.js'

/** Options of {@link disconnect}. */
export interface DisconnectOptions {
  /** Connection name or server; default: the default connection. */
  server?: string
  /** Every connection of the session. */
  all?: boolean
  /** Also delete the saved API token and cached access tokens. */
  forget?: boolean
  credentialStore?: CredentialStoreChoice
  warn?: (message: string) => void
}

/**
 * Closes connections (the default one, the named one, or all) and returns them. Throws
 * AuthError('NotConnected') when there is nothing to close and nothing to forget.
 */
export async function disconnect(
  options: DisconnectOptions = {},
  session: Session = currentSession(),
): Promise<Connection[]> {
  const targets = options.all
    ? listConnections(session).map((entry) => entry.connection)
    : options.forget &&
        options.server &&
        !listConnections(session).some((entry) => matches(entry.connection, options.server!))
      ? []
      : [getConnection(session, options.server)]
  if (options.forget) {
    if (targets.length === 0 && options.server) await forgetSavedCredential(options.server, options)
    for (const connection of targets)
      await forgetSavedCredential(connection.baseUrl, { ...options, connection })
  }
  for (const connection of targets) removeConnection(connection, session)
  return targets
}

function matches(connection: Connection, server: string): boolean {
  const wanted = server.toLowerCase()
  return [connection.name, connection.server, connection.baseUrl].some(
    (value) => value.toLowerCase() === wanted,
  )
}

/**
 * Deletes the API token saved for a server and the cached access tokens of it and of the given
 * connection. Returns true when something was deleted. Fails when no store is usable: the user
 * asked for this explicitly.
 */
export async function forgetSavedCredential(
  server: string,
  options: {
    connection?: Connection
    credentialStore?: CredentialStoreChoice
    env?: NodeJS.ProcessEnv
    warn?: (m: string) => void
  } = {},
): Promise<boolean> {
  const address = parseServer(server)
  const store = await resolveStore({ choice: options.credentialStore, env: options.env, warn: options.warn })
  let deleted = false
  const saved = await store.get(savedApiTokenKey(address))
  if (saved) {
    registerSecret(saved)
    const fingerprint = credentialFingerprint({ kind: 'ApiToken', apiToken: saved })
    deleted = (await store.delete(cachedTokenKey(address, fingerprint))) || deleted
    deleted = (await store.delete(savedApiTokenKey(address))) || deleted
  }
  if (options.connection) {
    deleted = (await store.delete(cachedTokenKey(address, options.connection.fingerprint))) || deleted
  }
  return deleted
}
