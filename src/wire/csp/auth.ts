// CSP's error body and the authentication shapes (csp-api.md §1, §5).
// Plain type declarations only; see ../csp.ts.

// Errors (csp-api.md §5)

/** The error body of every CSP endpoint. Real bodies may carry only a subset (`moduleCode`, `message`). */
export interface CspErrorResponse {
  statusCode: number
  message: string
  requestId: string
  moduleCode: number
  /** [I] A short machine-readable code; the emulator sets it on some errors only. */
  errorCode?: string
  /** Detected by some clients (HCS); the emulator sets it on some errors only. */
  cspErrorCode?: string
}

// Authentication (csp-api.md §1)

/**
 * The answer of both token endpoints (`AccessTokenDto`). For the API-token exchange `refresh_token`
 * echoes the API token and `id_token` is a JWT; for client credentials both are `null`.
 */
export interface AccessTokenResponse {
  id_token: string | null
  token_type: 'bearer'
  /** Seconds; CSP answers 1799 for a 1800 s token. */
  expires_in: number
  /** Space-separated. */
  scope: string
  access_token: string
  refresh_token: string | null
}

/** Alias under CSP's own DTO name. */
export type AccessTokenDto = AccessTokenResponse

/** Form fields of `POST /csp/gateway/am/api/auth/api-tokens/authorize` (form-urlencoded). */
export interface ApiTokenAuthorizeForm {
  api_token?: string
  /** Deprecated alias of `api_token`, still accepted. */
  refresh_token?: string
  passcode?: string
  scope?: string
}

/** Form fields of `POST /csp/gateway/am/api/auth/authorize` (client id/secret go in HTTP Basic). */
export interface ClientCredentialsForm {
  grant_type: 'client_credentials'
  /** Limits the token to this organization; without it the token is for the app's own org. */
  orgId?: string
}

/** Header of CSP's JWTs. */
export interface JwtHeader {
  alg: 'RS256'
  typ: 'JWT'
  kid: string
}

/**
 * Claims of a CSP access token. `acct` and `username` are absent on client-credentials tokens [I];
 * there `sub` and `azp` are the app id [I].
 */
export interface AccessTokenClaims {
  /** `<idp-domain>:<user-guid>`, the same format as a CSP `userId`. */
  sub: string
  iss: string
  /** The organization id (GUID). Clients read the org id from here. */
  context_name: string
  /** A login-context GUID, not the org id. */
  context: string
  /** The client id that issued the token. */
  azp: string
  authorization_details: unknown[]
  domain: string
  /** `csp:<orgRole>` and `external/<serviceDefinitionId>/<serviceRole>`. */
  perms: string[]
  exp: number
  iat: number
  jti: string
  acct?: string
  username?: string
}

/** Claims of the `id_token` returned by the API-token exchange. */
export interface IdTokenClaims {
  sub: string
  iss: string
  aud: string[]
  email: string
  email_verified: boolean
  given_name: string
  family_name: string
  customer_number: string | null
  context_name: string
  context: string
  domain: string
  group_ids: string[]
  group_names: string[]
  auth_time: number
  exp: number
  iat: number
  jti: string
  acct: string
  username: string
}

/** `POST /csp/gateway/am/api/auth/api-tokens/details` request body. */
export interface ApiTokenDetailsRequest {
  tokenValue: string
}

/**
 * `POST /csp/gateway/am/api/auth/api-tokens/details` answer. The three times (epoch ms) are
 * documented; the identity fields are [I].
 */
export interface ApiTokenDetails {
  createdAt: number
  lastUsedAt: number | null
  expiresAt: number
  /** [I] */
  tokenId?: string
  /** [I] */
  tokenName?: string
  /** [I] */
  userId?: string
  /** [I] */
  username?: string
  /** [I] */
  domain?: string
  /** [I] */
  orgId?: string
}

/** The OpenID discovery document (note CSP's camelCase `claimsSupported`). */
export interface OpenIdConfiguration {
  issuer: string
  authorization_endpoint: string
  token_endpoint: string
  userinfo_endpoint: string
  end_session_endpoint: string
  jwks_uri: string
  response_types_supported: string[]
  scopes_supported: string[]
  subject_types_supported: string[]
  id_token_signing_alg_values_supported: string[]
  token_endpoint_auth_methods_supported: string[]
  code_challenge_methods_supported: string[]
  claimsSupported: string[]
}

/** An RSA public key in JWK form. */
export interface RsaJwk {
  kty: 'RSA'
  kid: string
  alg: 'RS256'
  use: 'sig'
  n: string
  e: string
}

/** `GET /csp/gateway/am/api/auth/token-public-key?format=jwks` (`PublicKeyDto`). `value` is the PEM. */
export interface PublicKeyResponse {
  alg: string
  issuer: string
  keys: RsaJwk[]
  value: string
}

/** `GET /csp/gateway/am/api/userinfo` (`OidcUserInfoDto`). */
export interface UserInfo {
  acct: string
  context: string
  context_name: string
  domain: string
  email: string
  email_verified: boolean
  family_name: string
  given_name: string
  group_ids: string[]
  group_names: string[]
  sub: string
  username: string
}

/** Alias under CSP's own DTO name. */
export type OidcUserInfoDto = UserInfo
