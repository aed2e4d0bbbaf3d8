// Connecting and disconnecting: resolves the credential (given, saved, prompted, or an error that
// says what to do), validates it with one token exchange (or none, when another process cached a
// token), and files the connection in the session so that every later command finds it.
import { secretFromEnvironment, secretFromStdin } from './env-secret.js'
import { readFile } from 'node:fs/promises'
import {
  AuthError,
  currentSession,
  registerSecret,
  UsageError,
  type Host,
  type Session,
} from '../engine/index.js'
import { Connection } from './connection.js'
import {
  credentialFingerprint,
  credentialOf,
  type Credential,
  VcsOAuthSecurityContext,
} from './credentials.js'
import { exchangeCredential, isPasscodeError } from './exchange.js'
import { createConnectionFetch } from './http.js'
import { httpTimeouts } from './http-policy.js'
import { decodeJwtClaims, userOf } from './jwt.js'
import { checkLoopbackName, parseServer, type ServerAddress } from './server.js'
import {
  resolveStore,
  storeChoice,
  type CredentialStore,
  type CredentialStoreChoice,
  type StoreOptions,
} from './stores/index.js'
import { TokenManager } from './token-manager.js'
import type { TlsOptions } from './types.js'

/** Where connect() reports: warnings always, verbose lines when asked for. */
export interface AuthLog {
  warn(message: string): void
  verbose(message: string): void
}

/** Everything Connect-Vcs, the CLI's --demo and env auto-connect can say about a connection. */
export interface ConnectOptions {
  /**
   * Do not wait for the org name: it is looked up when first asked for (`connection.orgName`,
   * `connection.orgNameReady`), so a one-shot command's or a library caller's requests are not
   * queued behind it, and one that never shows the name sends no request for it.
   */
  orgNameInBackground?: boolean
  /** Host or URL; default console.cloud.vmware.com (or the security context's server). */
  server?: string
  apiToken?: string
  /** The MFA passcode of an MFA-enforced API token (default `VCS_PASSCODE`); prompted when needed. */
  passcode?: string
  oauthSecurityContext?: VcsOAuthSecurityContext
  /** A server-to-server OAuth app, without building a security context first. */
  appId?: string
  appSecret?: string
  orgId?: string
  /** Connection name; default the server's host. */
  name?: string
  notDefault?: boolean
  /** Save the API token in the credential store (fails when no store is usable). */
  saveApiToken?: boolean
  skipCertificateCheck?: boolean
  /** Path of a PEM bundle to trust, or the PEM itself in `ca`. */
  caFile?: string
  ca?: string
  /** Response and idle-body timeout of every request (seconds); default VCS_HTTP_TIMEOUT, else 60. */
  timeoutSec?: number
  credentialStore?: CredentialStoreChoice | Lowercase<CredentialStoreChoice>
  /** Who may be asked for a token (interactive hosts only); default the session's host. */
  host?: Pick<Host, 'interactive' | 'readSecret'>
  log?: AuthLog
  signal?: AbortSignal
  env?: NodeJS.ProcessEnv
}

interface ConnectionState {
  connections: Map<string, Connection>
  defaultName?: string
}

const STATE = Symbol.for('vcs-shell.auth.connections')
const state = (session: Session): ConnectionState => session.slot(STATE, () => ({ connections: new Map() }))

/** Store key of the API token saved for a server. */
export const savedApiTokenKey = (address: ServerAddress): string => `api-token:${address.baseUrl}`
/** Store key of a credential's cached access token. */
export const cachedTokenKey = (address: ServerAddress, fingerprint: string): string =>
  `access-token:${address.baseUrl}:${fingerprint}`

// Worded so the redactor leaves it alone: '-ApiToken' followed by a space and a word reads as a secret.
const NOT_CONNECTED_HINT =
  'Run Connect-Vcs -Server <host> with an API token (-ApiToken), or set VCS_SERVER and VCS_API_TOKEN.'

/**
 * The session's log: warnings to its host unless $WarningPreference silences them (a cron job's
 * `--warning-action SilentlyContinue` sets it for its run), verbose lines only under $VerbosePreference.
 */
function sessionLog(session: Session): AuthLog {
  return {
    warn: (message) => {
      const preference = session.preference('WarningPreference')
      if (preference !== 'SilentlyContinue' && preference !== 'Ignore') session.host.writeWarning(message)
    },
    verbose: (message) => {
      if (session.preference('VerbosePreference') !== 'SilentlyContinue') session.host.writeVerbose(message)
    },
  }
}

function normaliseChoice(choice: ConnectOptions['credentialStore']): CredentialStoreChoice | undefined {
  if (!choice) return undefined
  const lower = choice.toLowerCase()
  return lower === 'keychain'
    ? 'Keychain'
    : lower === 'file'
      ? 'File'
      : lower === 'memory'
        ? 'Memory'
        : undefined
}

/** Connects, validates the credential and registers the connection in the session. */
export async function connect(
  options: ConnectOptions,
  session: Session = currentSession(),
): Promise<Connection> {
  const log = options.log ?? sessionLog(session)
  const env = options.env ?? process.env
  const contextCredential = options.oauthSecurityContext
    ? credentialOf(options.oauthSecurityContext)
    : undefined
  if (options.oauthSecurityContext && !contextCredential) {
    throw new UsageError(
      'InvalidParameterValue',
      'The security context carries no credential (was it copied?).',
      {
        hint: 'Pass the object New-VcsOAuthSecurityContext returned, not a copy of it.',
      },
    )
  }
  const address = parseServer(options.server ?? options.oauthSecurityContext?.VcsServer)
  await checkLoopbackName(address)
  const storeOptions: StoreOptions = { choice: normaliseChoice(options.credentialStore), env, warn: log.warn }
  storeChoice(storeOptions) // validates VCS_CREDENTIAL_STORE before any request
  const tls = await tlsOptions(options, address, log)
  const connectionFetch = createConnectionFetch(tls, address.server, {
    timeouts: httpTimeouts(env, options.timeoutSec),
    env,
  })

  let store: Promise<CredentialStore> | undefined
  const getStore = () => (store ??= resolveStore(storeOptions))
  const credential = await resolveCredential(options, contextCredential, address, getStore, session, log)
  if (options.saveApiToken && credential.kind !== 'ApiToken') {
    throw new UsageError(
      'InvalidParameterValue',
      '-SaveApiToken saves API tokens; this connection uses an OAuth app.',
    )
  }

  const allowedTokenHosts = (env.VCS_ALLOW_TOKEN_HOST ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter(Boolean)
  let cacheWarned = false
  const tokens = new TokenManager({
    exchange: (signal) =>
      exchangeCredential(credential, { address, fetch: connectionFetch, signal, allowedTokenHosts }),
    cache: getStore,
    cacheKey: cachedTokenKey(address, credentialFingerprint(credential)),
    onCacheError: (error) => {
      if (cacheWarned) return
      cacheWarned = true
      const message = error instanceof Error ? error.message : String(error)
      log.verbose(`Access tokens are not cached between runs: ${message}`)
    },
  })
  log.verbose(
    `Connecting to ${address.baseUrl} with ${credential.kind === 'ApiToken' ? 'an API token' : 'an OAuth app'}.`,
  )
  if (credential.kind === 'ApiToken') {
    const passcode = (options.passcode ?? env.VCS_PASSCODE)?.trim()
    // Not registered as a secret: it is single-use and short-lived, and masking six digits would
    // corrupt any output that happens to contain them.
    if (passcode) credential.passcode = passcode
  }
  let accessToken: string
  try {
    accessToken = await tokens.getAccessToken({ signal: options.signal })
  } catch (error) {
    // An MFA-enforced API token without a passcode: ask for one where someone can answer.
    const host = options.host ?? session.host
    if (credential.kind !== 'ApiToken' || credential.passcode || !isPasscodeError(error)) throw error
    if (!host.interactive || !host.readSecret) throw error
    const typed = (await host.readSecret(`MFA passcode for ${address.server}: `)).trim()
    if (!typed) throw error
    credential.passcode = typed
    accessToken = await tokens.getAccessToken({ signal: options.signal })
  }
  const claims = decodeJwtClaims(accessToken)
  const orgId = claims.context_name ?? (credential.kind === 'OAuthApp' ? credential.orgId : undefined)
  if (!orgId)
    throw new AuthError('AuthenticationFailed', `The token from ${address.server} names no organization.`)
  const fallbackUser = credential.kind === 'OAuthApp' ? credential.appId : 'unknown'
  const name = options.name ?? address.server
  const connection = new Connection(
    name,
    address,
    credential,
    tls,
    tokens,
    connectionFetch,
    orgId,
    userOf(claims, fallbackUser),
  )

  connection.orgName = tokens.orgNameFromCache
  if (!connection.knownOrgName) {
    connection.deferOrgNameLookup(() =>
      connection
        .fetchOrgName(options.signal, session)
        .then(async (orgName) => {
          connection.orgName = orgName
          if (orgName) await tokens.rememberOrgName(orgName)
        })
        .catch((error: unknown) => {
          log.verbose(
            `The organization's name is unknown: ${error instanceof Error ? error.message : String(error)}`,
          )
        }),
    )
    if (!options.orgNameInBackground) await connection.orgNameReady
  }

  if (options.saveApiToken) {
    await (await getStore()).set(savedApiTokenKey(address), connection.apiTokenForSaving()!)
    log.verbose(`The API token for ${address.server} is saved in the ${(await getStore()).location}.`)
  }

  const connections = state(session)
  connections.connections.set(name, connection)
  if (!options.notDefault) connections.defaultName = name
  return connection
}

async function tlsOptions(
  options: ConnectOptions,
  address: ServerAddress,
  log: AuthLog,
): Promise<TlsOptions> {
  const tls: TlsOptions = {}
  const caFile = options.caFile ?? options.env?.VCS_CA_FILE
  if (options.ca) tls.ca = options.ca
  else if (caFile) {
    try {
      tls.ca = await readFile(caFile, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      throw new UsageError('InvalidParameterValue', `Cannot read the CA file ${caFile} (${code}).`, {
        cause: error,
      })
    }
  }
  if (options.skipCertificateCheck && address.secure) {
    tls.skipCertificateCheck = true
    log.warn(
      `TLS certificate verification is off for ${address.server}: anyone on the network path could read your tokens.`,
    )
  }
  return tls
}

async function resolveCredential(
  options: ConnectOptions,
  contextCredential: Credential | undefined,
  address: ServerAddress,
  getStore: () => Promise<CredentialStore>,
  session: Session,
  log: AuthLog,
): Promise<Credential> {
  const env = options.env ?? process.env
  if (options.apiToken) {
    registerSecret(options.apiToken)
    return { kind: 'ApiToken', apiToken: options.apiToken.trim() }
  }
  if (contextCredential) return contextCredential
  if (options.saveApiToken && !options.appId && !options.appSecret) {
    // Saving needs the token itself: a job with no terminal gives it as a scheduled job gives any
    // token (VCS_API_TOKEN, VCS_API_TOKEN_FILE), or on stdin; the shell prompts below.
    const given =
      (await secretFromEnvironment(env, 'VCS_API_TOKEN')) ?? (await tokenOnStdin(options, session))
    if (given) return { kind: 'ApiToken', apiToken: given }
  }
  if (options.appId || options.appSecret) {
    if (!options.appId || !options.appSecret) {
      throw new UsageError(
        'MissingMandatoryParameter',
        'An OAuth app needs both an app id and an app secret.',
      )
    }
    registerSecret(options.appSecret)
    return { kind: 'OAuthApp', appId: options.appId, appSecret: options.appSecret, orgId: options.orgId }
  }
  let storeProblem = ''
  try {
    const saved = await (await getStore()).get(savedApiTokenKey(address))
    if (saved) {
      registerSecret(saved)
      log.verbose(`Using the API token saved for ${address.server}.`)
      return { kind: 'ApiToken', apiToken: saved }
    }
  } catch (error) {
    storeProblem = error instanceof Error ? ` (${error.message.replace(/\.$/, '')})` : ''
    log.verbose(`No saved API token could be read${storeProblem}`)
  }
  const host = options.host ?? session.host
  if (host.interactive && host.readSecret) {
    const typed = (await host.readSecret(`API token for ${address.server}: `)).trim()
    if (!typed) throw new UsageError('InvalidParameterValue', 'No API token was entered.')
    registerSecret(typed)
    return { kind: 'ApiToken', apiToken: typed }
  }
  throw new AuthError(
    'NotConnected',
    `No credential for ${address.server}: no API token or security context was given and none is saved for it${storeProblem}.`,
    {
      target: address.server,
      hint: options.saveApiToken
        ? 'Give the token to save on stdin (`printf %s "$TOKEN" | vcs Connect-Vcs --save-api-token`), in VCS_API_TOKEN or VCS_API_TOKEN_FILE, or run Connect-Vcs -SaveApiToken in the shell to be prompted.'
        : env.VCS_API_TOKEN || env.VCS_API_TOKEN_FILE
          ? 'VCS_API_TOKEN is used when a command connects by itself; to connect explicitly with it, pass -ApiToken $env:VCS_API_TOKEN, or save one once with Connect-Vcs -SaveApiToken.'
          : 'Pass -ApiToken, set VCS_API_TOKEN or VCS_API_TOKEN_FILE for scheduled jobs, or save one once with Connect-Vcs -SaveApiToken.',
    },
  )
}

/** The token on stdin, for -SaveApiToken in a one-shot command with no terminal (never in the shell). */
async function tokenOnStdin(options: ConnectOptions, session: Session): Promise<string | undefined> {
  const host = options.host ?? session.host
  if (host.interactive || process.stdin.isTTY) return undefined
  return secretFromStdin()
}

/** Every connection of the session, the default first. */
export function listConnections(
  session: Session = currentSession(),
): { connection: Connection; isDefault: boolean }[] {
  const { connections, defaultName } = state(session)
  return [...connections.values()]
    .map((connection) => ({ connection, isDefault: connection.name === defaultName }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault))
}

/**
 * The default connection of the session, or the one with that name or server. Throws
 * AuthError('NotConnected') with a hint that says how to connect.
 */
export function getConnection(session: Session = currentSession(), server?: string): Connection {
  const { connections, defaultName } = state(session)
  if (server === undefined || server === null || String(server) === '') {
    const connection = defaultName ? connections.get(defaultName) : undefined
    if (connection) return connection
    throw new AuthError('NotConnected', 'You are not connected to a CSP organization.', {
      hint: NOT_CONNECTED_HINT,
    })
  }
  const wanted = String(server).toLowerCase()
  const found =
    [...connections.values()].find((c) => c.name.toLowerCase() === wanted) ??
    [...connections.values()].find(
      (c) => c.server.toLowerCase() === wanted || c.baseUrl.toLowerCase() === wanted,
    )
  if (found) return found
  throw new AuthError('NotConnected', `You are not connected to "${String(server)}".`, {
    target: String(server),
    hint: NOT_CONNECTED_HINT,
  })
}

/** Removes a connection from the session; the next one becomes the default. */
export function removeConnection(connection: Connection, session: Session = currentSession()): void {
  const current = state(session)
  current.connections.delete(connection.name)
  if (current.defaultName === connection.name) current.defaultName = current.connections.keys().next().value
}
