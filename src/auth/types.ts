import type { ConnectionFetch } from './node-transport.js'

export type { ConnectionFetch, HttpResponse } from './node-transport.js'

// The contract between the auth layer (which owns connections and tokens) and the CSP HTTP client
// (which only needs a base URL, an org and a fresh access token). Cmdlets get a connection from the
// session; the HTTP client never sees credentials, only access tokens.

/** How a connection authenticates. */
export type AuthType = 'ApiToken' | 'OAuthApp'

/** TLS settings for one server: a CA bundle (PEM) to trust, or verification off (warned). */
export interface TlsOptions {
  ca?: string
  skipCertificateCheck?: boolean
}

/** A live connection to one CSP server and organization. */
export interface VcsConnection {
  /** Connection name (`-Name`), unique in the session. */
  readonly name: string
  /** Base URL without a trailing slash, e.g. `https://console.cloud.vmware.com` or `http://127.0.0.1:8443`. */
  readonly baseUrl: string
  /** Host (and port) as shown to users. */
  readonly server: string
  readonly orgId: string
  readonly orgName?: string
  /** The user (acct/username) or app id the token belongs to. */
  readonly user: string
  readonly authType: AuthType
  readonly tls: TlsOptions
  /** When the current access token expires, if one has been issued. */
  readonly accessTokenExpiresAt?: Date
  /**
   * A valid access token: cached while it has more than a safety margin left, refreshed before
   * expiry, single-flight across concurrent callers. `forceRefresh` after a 401.
   */
  getAccessToken(options?: { forceRefresh?: boolean; signal?: AbortSignal }): Promise<string>
  /** fetch bound to this connection's TLS settings (custom CA / skip verification). */
  readonly fetch: ConnectionFetch
}
