// Scheduled jobs connect without a prompt: VCS_SERVER with VCS_API_TOKEN, or with VCS_APP_ID /
// VCS_APP_SECRET / VCS_ORG_ID; the secrets may instead sit in files the platform mounts
// (VCS_API_TOKEN_FILE, VCS_APP_SECRET_FILE), so they never appear in the environment or argv.
import { AuthError, currentSession, UsageError, type Session } from '../engine/index.js'
import { connect, getConnection, listConnections, type AuthLog } from './connect.js'
import type { Connection } from './connection.js'
import { secretFromEnvironment as secretFrom } from './env-secret.js'

/**
 * Connects from the environment when it says how, without ever prompting. Returns the session's
 * default connection when there already is one; with only VCS_SERVER set, connects with the API token
 * saved for it; undefined when the environment names no credential and none is saved.
 */
export async function connectFromEnvironment(
  session: Session = currentSession(),
  env: NodeJS.ProcessEnv = process.env,
  log?: AuthLog,
  /** Aborts the token exchange (Ctrl+C while a one-shot command is still connecting). */
  signal?: AbortSignal,
  /** See {@link ConnectOptions.orgNameInBackground}. */
  orgNameInBackground = false,
): Promise<Connection | undefined> {
  if (listConnections(session).some((entry) => entry.isDefault)) return getConnection(session)
  const apiToken = await secretFrom(env, 'VCS_API_TOKEN')
  const appSecret = await secretFrom(env, 'VCS_APP_SECRET')
  const appId = env.VCS_APP_ID?.trim() || undefined
  const orgId = env.VCS_ORG_ID?.trim() || undefined
  const host = { interactive: false as const }
  if (!apiToken && !appId && !appSecret) {
    // Only a server: use the API token saved for it (Connect-Vcs -SaveApiToken), if there is one.
    if (!env.VCS_SERVER) return undefined
    try {
      return await connect({ server: env.VCS_SERVER, env, host, log, signal, orgNameInBackground }, session)
    } catch (error) {
      if (error instanceof AuthError && error.code === 'NotConnected') return undefined
      throw error
    }
  }
  if (!apiToken && (!appId || !appSecret)) {
    const missing = !appId ? 'VCS_APP_ID' : 'VCS_APP_SECRET (or VCS_APP_SECRET_FILE)'
    throw new UsageError(
      'MissingMandatoryParameter',
      `An OAuth app in the environment needs ${missing} as well.`,
    )
  }
  return connect(
    apiToken
      ? { server: env.VCS_SERVER, apiToken, env, host, log, signal, orgNameInBackground }
      : { server: env.VCS_SERVER, appId, appSecret, orgId, env, host, log, signal, orgNameInBackground },
    session,
  )
}
