// Token endpoints, discovery and keys (csp-api.md §1): the API-token exchange (form field
// `api_token`, legacy `refresh_token`, or either in the query), client credentials with HTTP Basic
// and optional `orgId`, OpenID discovery at both documented paths, JWKS, and API-token details.
import { timingSafeEqual } from 'node:crypto'
import type {
  AccessTokenResponse,
  ApiTokenDetails,
  OpenIdConfiguration,
  PublicKeyResponse,
} from '../../wire/csp.js'
import type { EmulatorContext } from '../context.js'
import { BadRequestError, UnauthorizedError } from '../errors.js'
import { ok, type Reply, type RequestContext } from '../http/request.js'
import type { Route } from './route.js'

const AM = '/csp/gateway/am/api'

/** The `scope` CSP answers on API-token exchanges (seen on a real staging response). */
const API_TOKEN_SCOPE = 'ALL_PERMISSIONS customer_number openid group_ids group_names'

function expiresIn(emulator: EmulatorContext): number {
  return Math.max(0, emulator.config.tokenLifetimeSeconds - 1)
}

function invalidGrant(reason: string): BadRequestError {
  // Real CSP echoes part of the token here; the emulator never does, so it cannot leak into logs.
  return new BadRequestError(`invalid_grant: ${reason}`, { errorCode: 'invalid_grant' })
}

/** `POST /csp/gateway/am/api/auth/api-tokens/authorize` */
function exchangeApiToken(request: RequestContext, emulator: EmulatorContext): Reply {
  const apiToken = request.formField('api_token') ?? request.formField('refresh_token')
  if (apiToken === undefined) {
    throw new BadRequestError('invalid_request: api_token is required', { errorCode: 'invalid_request' })
  }
  const { state } = emulator
  const record = state.apiTokens.get(apiToken)
  if (!record) throw invalidGrant('Invalid refresh token')
  if (record.expiresAt <= emulator.now()) throw invalidGrant('Refresh token has expired')
  if (record.mfaPasscode !== undefined) {
    // csp-api.md §10: `passcode` is required for MFA-enforced API tokens. The wording is [I].
    const passcode = request.formField('passcode')
    if (passcode === undefined) {
      throw new BadRequestError('invalid_grant: A passcode is required: this API token enforces MFA', {
        errorCode: 'invalid_grant',
        cspErrorCode: 'mfa.passcode.required',
      })
    }
    if (!sameSecret(passcode.trim(), record.mfaPasscode)) throw invalidGrant('Invalid passcode')
  }
  const account = state.accounts.get(record.userId)
  const membership = state.org(record.orgId)?.members.get(record.userId)
  if (!account || !membership)
    throw invalidGrant('The user of this token is not a member of its organization')
  emulator.tokens.markUsed(apiToken, emulator.now())
  const { accessToken, idToken } = emulator.tokens.issueForUser(account, membership)
  emulator.stats.tokenIssued()
  const body: AccessTokenResponse = {
    id_token: idToken,
    token_type: 'bearer',
    expires_in: expiresIn(emulator),
    scope: API_TOKEN_SCOPE,
    access_token: accessToken,
    refresh_token: apiToken,
  }
  return ok(body)
}

/** Client id and secret from HTTP Basic, else from the form (which CSP ignores when Basic is set). */
function clientCredentialsOf(request: RequestContext): { id: string; secret: string } | undefined {
  const authorization = request.headers.authorization
  if (typeof authorization === 'string' && /^Basic\s+/i.test(authorization)) {
    const decoded = Buffer.from(authorization.replace(/^Basic\s+/i, ''), 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon < 0) return undefined
    try {
      return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) }
    } catch {
      // Malformed percent-encoding (`%zz`): bad client credentials, not a server fault.
      throw new UnauthorizedError('invalid_client: the client credentials are malformed')
    }
  }
  const id = request.formField('client_id')
  const secret = request.formField('client_secret')
  return id !== undefined && secret !== undefined ? { id, secret } : undefined
}

/**
 * One application/x-www-form-urlencoded value, as RFC 6749 section 2.3.1 has clients encode the id
 * and secret inside HTTP Basic: `+` is a space, `%XX` a byte. Malformed `%` sequences throw.
 */
function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '))
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** `POST /csp/gateway/am/api/auth/authorize` (and `/auth/token`): the client-credentials grant. */
function clientCredentials(request: RequestContext, emulator: EmulatorContext): Reply {
  const credentials = clientCredentialsOf(request)
  const app = credentials && emulator.state.apps.get(credentials.id)
  if (!credentials || !app || !sameSecret(credentials.secret, app.secret)) {
    throw new UnauthorizedError('invalid_client: Bad client credentials', { errorCode: 'invalid_client' })
  }
  const grantType = request.formField('grant_type')
  if (grantType !== 'client_credentials') {
    throw new BadRequestError(`unsupported_grant_type: ${grantType ?? 'grant_type is required'}`, {
      errorCode: 'unsupported_grant_type',
    })
  }
  const orgId = request.formField('orgId') ?? app.orgId
  if (orgId !== app.orgId) {
    throw new BadRequestError(`invalid_request: The app has no access to organization ${orgId}`, {
      errorCode: 'invalid_request',
    })
  }
  const { accessToken, perms } = emulator.tokens.issueForApp(app, orgId)
  emulator.stats.tokenIssued()
  const body: AccessTokenResponse = {
    id_token: null,
    token_type: 'bearer',
    expires_in: expiresIn(emulator),
    scope: perms.join(' '),
    access_token: accessToken,
    refresh_token: null,
  }
  return ok(body)
}

/** The discovery document; endpoints are absolute URLs on the emulator. */
function discovery(_request: RequestContext, emulator: EmulatorContext): Reply {
  const base = emulator.baseUrl()
  const body: OpenIdConfiguration = {
    issuer: emulator.tokens.issuer,
    authorization_endpoint: `${base}/csp/gateway/discovery`,
    token_endpoint: `${base}${AM}/auth/token`,
    userinfo_endpoint: `${base}${AM}/userinfo`,
    end_session_endpoint: `${base}${AM}/auth/logout`,
    jwks_uri: `${base}${AM}/auth/token-public-key?format=jwks`,
    response_types_supported: ['code'],
    scopes_supported: ['openid', 'ALL_PERMISSIONS', 'customer_number', 'group_ids', 'group_names'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
    claimsSupported: [
      'sub',
      'iss',
      'acct',
      'username',
      'domain',
      'context_name',
      'perms',
      'email',
      'given_name',
      'family_name',
    ],
  }
  return ok(body)
}

/** `GET /csp/gateway/am/api/auth/token-public-key[?format=jwks|pem]` */
function publicKey(request: RequestContext, emulator: EmulatorContext): Reply {
  const key = emulator.tokens.signingKey
  if (request.query.get('format') === 'pem') return ok({ value: key.pem() })
  const body: PublicKeyResponse = {
    alg: 'RS256',
    issuer: emulator.tokens.issuer,
    keys: [key.jwk()],
    value: key.pem(),
  }
  return ok(body)
}

/** `POST /csp/gateway/am/api/auth/api-tokens/details` with `{tokenValue}`. */
function apiTokenDetails(request: RequestContext, emulator: EmulatorContext): Reply {
  const body = request.jsonObject()
  const value = body.tokenValue
  if (typeof value !== 'string' || value === '') throw new BadRequestError('tokenValue is required')
  const record = emulator.state.apiTokens.get(value)
  if (!record) throw invalidGrant('Invalid refresh token')
  const account = emulator.state.accounts.get(record.userId)
  const details: ApiTokenDetails = {
    createdAt: record.createdAt,
    lastUsedAt: emulator.tokens.lastUsed(value) ?? null,
    expiresAt: record.expiresAt,
    tokenId: record.tokenId,
    tokenName: record.name,
    userId: record.userId,
    username: account?.username,
    domain: account?.domain,
    orgId: record.orgId,
  }
  return ok(details)
}

/** Authentication routes. */
export const authRoutes: Route[] = [
  { method: 'POST', path: `${AM}/auth/api-tokens/authorize`, handle: exchangeApiToken },
  { method: 'POST', path: `${AM}/auth/authorize`, handle: clientCredentials },
  { method: 'POST', path: `${AM}/auth/token`, handle: clientCredentials },
  { method: 'GET', path: `${AM}/.well-known/openid-configuration`, handle: discovery },
  { method: 'GET', path: `${AM}/auth/.well-known/openid-configuration`, handle: discovery },
  { method: 'GET', path: `${AM}/auth/token-public-key`, handle: publicKey },
  { method: 'POST', path: `${AM}/auth/api-tokens/details`, handle: apiTokenDetails },
]
