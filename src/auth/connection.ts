// A live connection: the VcsConnection the CSP client codes against, plus what the connection
// cmdlets need (the token manager, the API token's own expiry, the record users see). The credential
// stays in a private field: a connection can be printed, logged or serialised without leaking it.
import { VcsError, withTypeName, type Session } from '../engine/index.js'
import { clientFor } from '../csp/client.js'
import { AUTH_PATHS, organizationPath } from '../csp/endpoints.js'
import { serverUid } from '../csp/uid.js'
import { credentialFingerprint, type Credential } from './credentials.js'
import type { TokenManager } from './token-manager.js'
import type { AuthType, ConnectionFetch, TlsOptions, VcsConnection } from './types.js'
import type { ServerAddress } from './server.js'

/** The API token's metadata from CSP's token-details endpoint (csp-api.md §1.3). */
export interface ApiTokenDetails {
  createdAt?: Date
  expiresAt?: Date
  lastUsedAt?: Date
}

/** Warn this many days before an API token expires. */
export const API_TOKEN_WARNING_DAYS = 14

/**
 * The warning Get-VcsConnection gives for an API token that expires soon or has expired, or
 * undefined when there are more than {@link API_TOKEN_WARNING_DAYS} days left. Refresh cannot fix an
 * expired API token, so this is the one expiry a user must act on.
 */
export function apiTokenExpiryWarning(name: string, expiresAt: Date, now = Date.now()): string | undefined {
  const daysLeft = (expiresAt.getTime() - now) / 86_400_000
  if (daysLeft >= API_TOKEN_WARNING_DAYS) return undefined
  const date = expiresAt.toISOString().slice(0, 10)
  return daysLeft <= 0
    ? `The API token for ${name} expired on ${date}: create a new one in the CSP console (My Account > API Tokens).`
    : `The API token for ${name} expires on ${date} (in ${Math.ceil(daysLeft)} day${Math.ceil(daysLeft) === 1 ? '' : 's'}): create a new one in the CSP console (My Account > API Tokens).`
}

/** The record Connect-Vcs and Get-VcsConnection write: everything about a connection but secrets. */
export interface VcsServerRecord {
  Name: string
  Server: string
  User: string
  OrgId: string
  OrgName: string | null
  AuthType: AuthType
  IsDefault: boolean
  TokenExpiresAt: Date | null
  ApiTokenExpiresAt?: Date | null
  ServiceUri: string
  /** PowerCLI's IVcsServer.IsConnected: true for a connection of the session. */
  IsConnected: boolean
  /** PowerCLI-style unique id: `/VcsServer=<user>@<server>/`. */
  Uid: string
}

/** The everyday connection, created by connect(). */
export class Connection implements VcsConnection {
  readonly #credential: Credential
  #orgName: string | undefined
  #pendingLookup: (() => Promise<void>) | undefined
  #orgNameReady: Promise<void> | undefined

  /**
   * The org's display name, once known: from the token cache, or from the lookup connect() left
   * pending (`GET /orgs/{id}`), which reading this (or orgNameReady) starts. A library caller or a
   * one-shot command that never shows the name sends no request for it.
   */
  get orgName(): string | undefined {
    this.#startOrgNameLookup()
    return this.#orgName
  }
  set orgName(name: string | undefined) {
    this.#orgName = name
  }
  /** The org name if it is known, without starting the lookup. */
  get knownOrgName(): string | undefined {
    return this.#orgName
  }
  /** Settles when the org name lookup is over (it never rejects); starts it if it is pending. */
  get orgNameReady(): Promise<void> {
    this.#startOrgNameLookup()
    return this.#orgNameReady ?? Promise.resolve()
  }
  /** Leaves the org name lookup (which never rejects) to the first reader of orgName or orgNameReady. */
  deferOrgNameLookup(lookUp: () => Promise<void>): void {
    this.#pendingLookup = lookUp
  }
  #startOrgNameLookup(): void {
    const lookUp = this.#pendingLookup
    if (!lookUp) return
    this.#pendingLookup = undefined
    this.#orgNameReady = lookUp()
  }

  constructor(
    readonly name: string,
    readonly address: ServerAddress,
    credential: Credential,
    readonly tls: TlsOptions,
    readonly tokens: TokenManager,
    readonly fetch: ConnectionFetch,
    readonly orgId: string,
    readonly user: string,
  ) {
    this.#credential = credential
  }

  get baseUrl(): string {
    return this.address.baseUrl
  }
  get server(): string {
    return this.address.server
  }
  get authType(): AuthType {
    return this.#credential.kind
  }
  get accessTokenExpiresAt(): Date | undefined {
    const token = this.tokens.token
    return token ? new Date(token.expiresAt) : undefined
  }
  /** SHA-256 fingerprint of the credential (cache keys). */
  get fingerprint(): string {
    return credentialFingerprint(this.#credential)
  }

  getAccessToken(options?: { forceRefresh?: boolean; signal?: AbortSignal }): Promise<string> {
    return this.tokens.getAccessToken(options)
  }

  /** The API token, for saving it (-SaveApiToken); undefined for OAuth apps. */
  apiTokenForSaving(): string | undefined {
    return this.#credential.kind === 'ApiToken' ? this.#credential.apiToken : undefined
  }

  /**
   * Looks up the org's display name (`GET /orgs/{id}`) through the CSP client, so it follows the one
   * policy for retries, 429, timeouts and redirects; undefined when the server will not say.
   */
  async fetchOrgName(signal?: AbortSignal, session?: Session): Promise<string | undefined> {
    let body: { displayName?: unknown; name?: unknown } | undefined
    try {
      body = await clientFor(this, session).get(organizationPath(this.orgId), { signal })
    } catch (error) {
      if (error instanceof VcsError && (error.code === 'NotFound' || error.code === 'Forbidden'))
        return undefined
      throw error
    }
    const name = body?.displayName ?? body?.name
    return typeof name === 'string' ? name : undefined
  }

  /** The API token's created / expires / last-used dates; undefined for OAuth apps. */
  async apiTokenDetails(signal?: AbortSignal, session?: Session): Promise<ApiTokenDetails | undefined> {
    if (this.#credential.kind !== 'ApiToken') return undefined
    // A read, though a POST (the token goes in the body, never in a URL): safe to send again.
    const { body } = await clientFor(this, session).request<Record<string, unknown> | undefined>({
      method: 'POST',
      path: AUTH_PATHS.apiTokenDetails,
      body: { tokenValue: this.#credential.apiToken },
      idempotent: true,
      signal,
    })
    const date = (value: unknown) => (typeof value === 'number' && value > 0 ? new Date(value) : undefined)
    return {
      createdAt: date(body?.createdAt),
      expiresAt: date(body?.expiresAt),
      lastUsedAt: date(body?.lastUsedAt),
    }
  }

  /** The record users see (no secret in it). `toString()` gives the name, so it binds to -Server. */
  toRecord(isDefault: boolean, apiTokenExpiresAt?: Date | null): VcsServerRecord {
    const record: VcsServerRecord = {
      Name: this.name,
      Server: this.server,
      User: this.user,
      OrgId: this.orgId,
      OrgName: this.#orgName ?? null,
      AuthType: this.authType,
      IsDefault: isDefault,
      TokenExpiresAt: this.accessTokenExpiresAt ?? null,
      ...(apiTokenExpiresAt !== undefined ? { ApiTokenExpiresAt: apiTokenExpiresAt } : {}),
      ServiceUri: this.baseUrl,
      IsConnected: true,
      Uid: serverUid(this),
    }
    Object.defineProperty(record, 'toString', { value: () => this.name, enumerable: false })
    return withTypeName('VcsServer', record)
  }

  toString(): string {
    return this.name
  }

  toJSON(): VcsServerRecord {
    return this.toRecord(false)
  }
}
