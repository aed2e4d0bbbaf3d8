// Reads the claims of a CSP access token: the org id (`context_name`), the user and the expiry. The
// client does not verify the signature: the server does on every call, and a forged token only
// fools its own holder.
import { AuthError } from '../engine/index.js'

/** The CSP access-token claims we use (csp-api.md §1.6). */
export interface AccessTokenClaims {
  sub?: string
  /** The org id. */
  context_name?: string
  acct?: string
  username?: string
  azp?: string
  exp?: number
  iat?: number
  perms?: string[]
  [claim: string]: unknown
}

/** Decodes a JWT payload; throws AuthError when the token is not a JWT. */
export function decodeJwtClaims(token: string): AccessTokenClaims {
  const parts = token.split('.')
  if (parts.length !== 3) throw notAJwt()
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw notAJwt()
    return claims as AccessTokenClaims
  } catch {
    throw notAJwt()
  }
}

function notAJwt(): AuthError {
  return new AuthError('AuthenticationFailed', 'The server answered with an access token that is not a JWT.')
}

/** The user a token belongs to: its account, user name, subject, or the app (azp) for app tokens. */
export function userOf(claims: AccessTokenClaims, fallback: string): string {
  return claims.acct ?? claims.username ?? claims.sub ?? claims.azp ?? fallback
}
