// Issuing and checking access tokens. Issuance is stateless (a signed JWT, nothing stored), so
// clients that exchange their API token before every call cost a signature, not storage.
import { randomUUID } from 'node:crypto'
import type { AccessTokenClaims, IdTokenClaims } from '../../wire/csp.js'
import type { AccountRecord, MembershipRecord, OAuthAppRecord, ServiceRoleGrant } from '../state/model.js'
import type { SigningKey } from './jwt.js'

/** The client id that issues tokens for API-token exchanges [I: CSP uses an internal client]. */
export const API_TOKEN_CLIENT_ID = 'csp_emulator_api_token_client'

/** The `perms` claim: org roles as `csp:<role>`, service roles as `external/<serviceId>/<role>`. */
export function permsOf(orgRoles: readonly string[], serviceRoles: readonly ServiceRoleGrant[]): string[] {
  const perms = orgRoles.map((role) => `csp:${role}`)
  for (const grant of serviceRoles) {
    for (const role of grant.roles) perms.push(`external/${grant.serviceDefinitionId}/${role}`)
  }
  return perms
}

/** A verified token, or why it was refused. */
export type Verification = { claims: AccessTokenClaims } | { error: string }

/** Signs and verifies the emulator's tokens. */
export class TokenService {
  /** Recently verified tokens: RSA verification is cheap, but lists of 500 pages are not rare. */
  private readonly verified = new Map<string, AccessTokenClaims>()
  /** When each API token was last exchanged; memory only, so exchanges never write to the store. */
  private readonly usedAt = new Map<string, number>()

  constructor(
    readonly signingKey: SigningKey,
    readonly issuer: string,
    private readonly now: () => number,
    private readonly lifetimeSeconds: () => number,
  ) {}

  /** An access token (and id token) for a user of an org, as the API-token exchange issues. */
  issueForUser(
    account: AccountRecord,
    membership: MembershipRecord,
  ): { accessToken: string; idToken: string } {
    const iat = Math.floor(this.now() / 1000)
    const exp = iat + this.lifetimeSeconds()
    const context = randomUUID()
    const claims: AccessTokenClaims = {
      sub: account.userId,
      iss: this.issuer,
      context_name: membership.orgId,
      context,
      azp: API_TOKEN_CLIENT_ID,
      authorization_details: [],
      domain: account.domain,
      perms: permsOf(membership.orgRoles, membership.serviceRoles),
      exp,
      iat,
      jti: randomUUID(),
      acct: account.email,
      username: account.username,
    }
    const idClaims: IdTokenClaims = {
      sub: account.userId,
      iss: this.issuer,
      aud: [API_TOKEN_CLIENT_ID],
      email: account.email,
      email_verified: true,
      given_name: account.firstName,
      family_name: account.lastName,
      customer_number: null,
      context_name: membership.orgId,
      context,
      domain: account.domain,
      group_ids: [],
      group_names: [],
      auth_time: iat,
      exp,
      iat,
      jti: randomUUID(),
      acct: account.email,
      username: account.username,
    }
    return { accessToken: this.signingKey.sign(claims), idToken: this.signingKey.sign(idClaims) }
  }

  /** An access token for an OAuth app in `orgId` (client credentials): no `acct`, no `username`. */
  issueForApp(app: OAuthAppRecord, orgId: string): { accessToken: string; perms: string[] } {
    const iat = Math.floor(this.now() / 1000)
    const perms = permsOf(app.orgRoles, app.serviceRoles)
    const claims: AccessTokenClaims = {
      sub: app.appId,
      iss: this.issuer,
      context_name: orgId,
      context: randomUUID(),
      azp: app.appId,
      authorization_details: [],
      domain: 'csp.local',
      perms,
      exp: iat + this.lifetimeSeconds(),
      iat,
      jti: randomUUID(),
    }
    return { accessToken: this.signingKey.sign(claims), perms }
  }

  /** Records an API-token exchange. */
  markUsed(apiToken: string, at: number): void {
    this.usedAt.set(apiToken, at)
  }

  /** When an API token was last exchanged since start. */
  lastUsed(apiToken: string): number | undefined {
    return this.usedAt.get(apiToken)
  }

  /** Verifies signature, algorithm and expiry. */
  verify(token: string): Verification {
    let claims = this.verified.get(token)
    if (!claims) {
      const result = this.signingKey.verify(token)
      if ('error' in result) return result
      if (!isAccessTokenClaims(result.claims)) return { error: 'not an access token' }
      claims = result.claims
      if (this.verified.size >= 10_000) this.verified.clear()
      this.verified.set(token, claims)
    }
    if (claims.exp * 1000 <= this.now()) return { error: 'token expired' }
    return { claims }
  }
}

function isAccessTokenClaims(
  claims: Record<string, unknown>,
): claims is Record<string, unknown> & AccessTokenClaims {
  return (
    typeof claims.sub === 'string' &&
    typeof claims.context_name === 'string' &&
    typeof claims.exp === 'number' &&
    Array.isArray(claims.perms) &&
    claims.perms.every((perm) => typeof perm === 'string')
  )
}
