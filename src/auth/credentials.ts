// The two kinds of CSP credential, their fingerprints (the cache key of their access tokens, so a
// cached token is found without storing the credential itself), and the security-context object
// PowerCLI users know, which carries a secret that no formatter or serializer can see.
import { registerSecret, withTypeName } from '../engine/index.js'

/** An API token, or a server-to-server OAuth app (csp-api.md §1.1, §1.2). */
export type Credential =
  /** `passcode`: the MFA passcode an MFA-enforced API token needs on its exchange (csp-api.md §10). */
  | { kind: 'ApiToken'; apiToken: string; passcode?: string }
  | { kind: 'OAuthApp'; appId: string; appSecret: string; orgId?: string }

/** SHA-256 of the credential (hex, 32 chars): identifies it in cache keys, never reveals it. */
export function credentialFingerprint(credential: Credential): string {
  const material =
    credential.kind === 'ApiToken'
      ? `api-token\0${credential.apiToken}`
      : `oauth-app\0${credential.appId}\0${credential.appSecret}\0${credential.orgId ?? ''}`
  // node:crypto on demand: loading it costs every command a few milliseconds at start-up.
  const { createHash } = process.getBuiltinModule('node:crypto')
  return createHash('sha256').update(material).digest('hex').slice(0, 32)
}

/** First four characters and an ellipsis: enough to tell tokens apart, never enough to use one. */
export function previewSecret(secret: string): string {
  return `${secret.slice(0, 4)}…`
}

const secrets = new WeakMap<VcsOAuthSecurityContext, Credential>()

/**
 * PowerCLI's VcsOAuthSecurityContext: what New-VcsOAuthSecurityContext returns and Connect-Vcs
 * takes. The credential lives in a module-private WeakMap, so ConvertTo-Json, Format-List,
 * Get-Member and copies (Select-Object) never see it.
 */
export class VcsOAuthSecurityContext {
  readonly ApiTokenPreview: string | null
  readonly AppId: string | null
  readonly OrganizationId: string | null
  readonly Type: 'ApiToken' | 'Service'
  readonly VcsServer: string

  constructor(credential: Credential, vcsServer: string) {
    if (credential.kind === 'ApiToken') registerSecret(credential.apiToken)
    else registerSecret(credential.appSecret)
    this.ApiTokenPreview = credential.kind === 'ApiToken' ? previewSecret(credential.apiToken) : null
    this.AppId = credential.kind === 'OAuthApp' ? credential.appId : null
    this.OrganizationId = credential.kind === 'OAuthApp' ? (credential.orgId ?? null) : null
    this.Type = credential.kind === 'ApiToken' ? 'ApiToken' : 'Service'
    this.VcsServer = vcsServer
    secrets.set(this, credential)
    // The type tag survives bundlers that rename classes; -OAuthSecurityContext binds by it.
    withTypeName('VcsOAuthSecurityContext', this)
  }

  toString(): string {
    return `${this.Type} @ ${this.VcsServer}`
  }
}

/** The credential inside a security context; undefined for a copy that lost it. */
export function credentialOf(context: unknown): Credential | undefined {
  return context instanceof VcsOAuthSecurityContext ? secrets.get(context) : undefined
}
