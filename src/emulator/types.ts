// The emulator's public types: what startEmulator takes and returns, and the control API's shapes.

/** Which data the emulator starts with. */
export type SeedName = 'demo' | 'empty'

/**
 * Which deployment's access rules the emulator applies (csp-api.md §10): `console` is
 * console.cloud.vmware.com (the `csp-iam` reference), `tanzu` is console.tanzu.broadcom.com (TCSP).
 */
export type EmulatorProfile = 'console' | 'tanzu'

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Interface to bind; loopback unless told otherwise. Default `127.0.0.1`. */
  host?: string
  /** Port; 0 picks a free one. Default 0. */
  port?: number
  /** `demo`: a believable org; `empty`: only the credential holders. Default `demo`. */
  seed?: SeedName
  /** Extra generated users in the main org, for scale. Default 0. */
  users?: number
  /** Keep state in an LMDB store in this directory (survives restarts); in memory without it. */
  dataDir?: string
  /** Serve https with a certificate from a CA the emulator generates. */
  tls?: boolean
  /** Access-token lifetime in seconds. Default 1800, as CSP. */
  tokenLifetimeSeconds?: number
  /** The deployment whose access rules apply. Default `console`. */
  profile?: EmulatorProfile
  /** Inviting an e-mail that already has a CSP account adds it at once (default true). */
  addExistingAccounts?: boolean
  /** Suppress request logging even when `log` is given. */
  quiet?: boolean
  /** Receives one line per request (method, path with secrets redacted, status, ms). */
  log?: (line: string) => void
}

/** The credentials a seeded store holds; random per store, kept across restarts with a data dir. */
export interface EmulatorCredentials {
  /** API token of the demo org's owner. */
  apiToken: string
  /** OAuth app (client credentials, HTTP Basic) with `org_owner` in the demo org. */
  appId: string
  appSecret: string
  /** The demo org. */
  orgId: string
  /** API token of a plain `org_member`. */
  memberApiToken: string
  /** API token of an `org_admin`. */
  adminApiToken: string
  /** A second organization, for cross-org checks. */
  otherOrgId: string
  /** API token of the second organization's owner. */
  otherOrgApiToken: string
  /** An API token of the main org's owner that enforces MFA: exchanging it needs `passcode`. */
  mfaApiToken: string
  /** The passcode that token takes (fixed per store: the emulator models MFA, not TOTP). */
  mfaPasscode: string
}

/** Counters of the running emulator (`GET /emulator/api/stats`). */
export interface EmulatorStats {
  /** CSP requests per route template, e.g. `GET /csp/gateway/am/api/v2/orgs/{orgId}/users`. */
  requests: Record<string, number>
  /** CSP responses per status code (`reset` for dropped connections). */
  responses: Record<string, number>
  /** Access tokens issued by both token endpoints. */
  tokensIssued: number
  /** Requests answered 429 by the rate limit. */
  rateLimited: number
  /** Requests that got an injected fault. */
  faultsInjected: number
  /** Injected faults per kind. */
  faultsByKind: Record<FaultKind, number>
  /** Control API requests (not counted above). */
  controlRequests: number
}

/** Kinds of injected faults. */
export type FaultKind = '500' | '503' | 'reset' | 'slow'

/** Runtime behaviour, changed through `PUT /emulator/api/config`. */
export interface EmulatorConfig {
  /** Added to every CSP request. */
  latencyMs: number
  /** Token bucket over CSP requests; 429 when empty. */
  rateLimit: { requestsPerSecond: number; retryAfter: boolean; burst?: number } | null
  /** Injects a fault into this fraction of CSP requests; `seed` makes the sequence reproducible. */
  faults: {
    rate: number
    kinds: FaultKind[]
    slowMs: number
    seed?: number
    /**
     * Only requests whose route (`METHOD /path/{param}`, as the stats name it) ends with one of these
     * get faults; all CSP routes when absent (tests aim a fault at one step of a job).
     */
    routes?: string[]
  } | null
  tokenLifetimeSeconds: number
  /** The deployment whose access rules apply. */
  profile: EmulatorProfile
  /** Inviting an existing CSP account adds it to the org at once instead of inviting it. */
  addExistingAccounts: boolean
  /**
   * Paged lists (users, groups) answer as newer CSP does when a backend failed part of the
   * listing: an `errors` list next to `results` (`PagedErrorAwareResponse`).
   */
  partialPages: boolean
  /**
   * User search matches case as given (default false: ignores case). CSP does not document either
   * (csp-api.md §10); this lets tests check that clients do not rely on one.
   */
  searchMatchesCase: boolean
}

/** An e-mail the emulator "sent" (`GET /emulator/api/mailbox`). */
export interface MailboxMessage {
  to: string
  subject: string
  orgId: string
  /** Null on "you were given access" e-mails to existing accounts. */
  invitationId: string | null
  /** The invitee's link: GET shows the offer, POST redeems it. Null without an invitation. */
  link: string | null
  /** Epoch ms. */
  sentAt: number
}

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:8443`. */
  url: string
  orgId: string
  orgName: string
  /** The CA certificate to trust, with `tls`. */
  caFile?: string
  credentials: EmulatorCredentials
  /** The address bound, as `host:port` (`0.0.0.0:8443` when listening on every interface). */
  listeningOn: string
  /** The control API's token (header X-Emulator-Token), only when bound beyond loopback. */
  controlToken?: string
  /** Stops listening, closes connections and the store. */
  close(): Promise<void>
  stats(): EmulatorStats
}
