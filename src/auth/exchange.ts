// Turns a credential into an access token at CSP's token endpoints. The OAuth app goes through
// openid-client (discovery + client-credentials grant, client_secret_basic); the API token is
// exchanged with a plain form POST: CSP's api-tokens/authorize is not the discovered token_endpoint,
// takes no client id and returns an id_token that openid-client would insist on validating against a
// client it does not have, so genericGrantRequest does not fit.
// Loaded on the first OAuth-app exchange only: one-shot commands with an API token (or no network)
// never pay for parsing openid-client.
import type * as oidc from 'openid-client'
import { AuthError, redact, RemoteError, ThrottledError, VcsError } from '../engine/index.js'
import type { Credential } from './credentials.js'
import { decodeJwtClaims } from './jwt.js'
import type { ServerAddress } from './server.js'
import type { ConnectionFetch, HttpResponse } from './types.js'
import { AUTH_PATHS } from '../csp/endpoints.js'

/** An access token and its lifetime, in epoch milliseconds. */
export interface TokenSet {
  accessToken: string
  expiresAt: number
  issuedAt: number
}

/** What an exchange needs: where, over which fetch, and a signal. */
export interface ExchangeContext {
  address: ServerAddress
  fetch: ConnectionFetch
  signal?: AbortSignal
  /**
   * Hosts (`host[:port]`) besides the server's own that a discovered token endpoint may name
   * (VCS_ALLOW_TOKEN_HOST); by default the app secret goes to the configured server only.
   */
  allowedTokenHosts?: readonly string[]
}

const API_TOKEN_PATH = AUTH_PATHS.apiTokenAuthorize
const DISCOVERY_PATH = AUTH_PATHS.discovery
/** Where public clients post client credentials (pyVMC, tanzu-cli, wavefront): the fallback. */
const CLIENT_CREDENTIALS_PATH = AUTH_PATHS.clientCredentials

/** Attempts at a token request before a server fault or throttling is reported. */
const TOKEN_ATTEMPTS = 6

/**
 * Exchanges any credential for an access token. Issuing a token changes nothing on the server, so a
 * 5xx, a reset connection or a 429 is retried with jittered exponential backoff: one fault at the
 * token endpoint must not end a 10,000-row job. Refused credentials are never retried.
 */
export async function exchangeCredential(
  credential: Credential,
  context: ExchangeContext,
): Promise<TokenSet> {
  for (let attempt = 1; ; attempt++) {
    try {
      return credential.kind === 'ApiToken'
        ? await exchangeApiToken(credential.apiToken, context, credential.passcode)
        : await clientCredentials(credential, context)
    } catch (error) {
      if (context.signal?.aborted || !isTransient(error) || attempt >= TOKEN_ATTEMPTS) {
        throw asTokenError(error, context.address.server)
      }
      const delay = Math.min(4000, 200 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2)
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}

/** Server faults, throttling and network failures may pass; refused credentials will not. */
function isTransient(error: unknown): boolean {
  if (error instanceof ThrottledError) return true
  // A timeout already waited as long as the user allows; a redirect will not go away.
  if (error instanceof RemoteError && error.code === 'Timeout') return false
  if (error instanceof RemoteError) return error.status === undefined || error.status >= 500
  if (error instanceof VcsError) return false
  return error instanceof TypeError || (error as { name?: string })?.name === 'FetchError'
}

/** A network failure that was not converted yet becomes a RemoteError naming the server. */
function asTokenError(error: unknown, server: string): unknown {
  if (error instanceof VcsError || (error as { name?: string })?.name === 'AbortError') return error
  const reason =
    error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)
  return new RemoteError('NetworkError', `Could not reach ${server} for a token: ${redact(reason)}.`, {
    target: server,
    cause: error,
  })
}

/** Errors that say the API token enforces MFA and the passcode was missing or wrong. */
const passcodeErrors = new WeakSet<object>()

/** True when an exchange failed because the API token needs a (new) MFA passcode. */
export function isPasscodeError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && passcodeErrors.has(error)
}

async function exchangeApiToken(
  apiToken: string,
  { address, fetch, signal }: ExchangeContext,
  passcode?: string,
): Promise<TokenSet> {
  const form = new URLSearchParams({ api_token: apiToken })
  if (passcode) form.set('passcode', passcode)
  const response = await fetch(`${address.baseUrl}${API_TOKEN_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
    // The body is the long-lived API token: a redirect is an error, never followed (http-policy.ts).
    redirect: 'error',
    signal,
  })
  if (!response.ok) {
    const error = await tokenEndpointError(response, address.server, 'The API token was')
    if (response.status === 400 && /passcode|\bmfa\b|multi-factor/i.test(error.message)) {
      // CSP's wording is undocumented: any refusal that speaks of a passcode or MFA is taken as one.
      error.hint = passcode
        ? 'The passcode was refused: passcodes are single-use and short-lived. Connect again with a fresh one (Connect-Vcs -Passcode, or VCS_PASSCODE for jobs).'
        : 'This API token enforces MFA: give the current passcode from your authenticator (Connect-Vcs -Passcode, or VCS_PASSCODE for jobs).'
      passcodeErrors.add(error)
    }
    throw error
  }
  const body: unknown = await response.json().catch(() => undefined)
  return toTokenSet(body, address.server)
}

// Discovery costs a request; its answer does not change while the process lives.
const discovered = new Map<string, Promise<oidc.ServerMetadata>>()

/** Forgets discovered metadata (tests that restart an emulator on the same port). */
export function clearDiscoveryCache(): void {
  discovered.clear()
}

async function clientCredentials(
  credential: Extract<Credential, { kind: 'OAuthApp' }>,
  { address, fetch, signal, allowedTokenHosts = [] }: ExchangeContext,
): Promise<TokenSet> {
  const oidc = await import('openid-client')
  const customFetch = tokenEndpointFetch(fetch, address.server, signal)
  const execute = address.secure ? [] : [oidc.allowInsecureRequests]
  try {
    let metadata = discovered.get(address.baseUrl)
    if (!metadata) {
      // The full well-known URL skips openid-client's issuer check: CSP's issuer
      // (gaz.csp-vidm-prod.com) is not the console host the discovery document is served from.
      metadata = oidc
        .discovery(new URL(`${address.baseUrl}${DISCOVERY_PATH}`), credential.appId, undefined, undefined, {
          [oidc.customFetch]: customFetch,
          execute,
        })
        .then((config) => config.serverMetadata())
        .catch((error: unknown) => {
          // No discovery document (an HTTP answer that is not one): post to the path every public
          // client uses for client credentials, on the same origin (csp-api.md §1.2, §10).
          if (unwrap(error, address.server).status === undefined) throw error
          return { issuer: address.baseUrl, token_endpoint: `${address.baseUrl}${CLIENT_CREDENTIALS_PATH}` }
        })
      discovered.set(address.baseUrl, metadata)
      metadata.catch(() => discovered.delete(address.baseUrl))
    }
    const { endpoint, passedOver } = pinnedTokenEndpoint(await metadata, address, allowedTokenHosts)
    const config = new oidc.Configuration(
      endpoint,
      credential.appId,
      undefined,
      cspClientSecretBasic(credential.appId, credential.appSecret),
    )
    config[oidc.customFetch] = customFetch
    for (const extension of execute) extension(config)
    const parameters: Record<string, string> = credential.orgId ? { orgId: credential.orgId } : {}
    try {
      const tokens = await oidc.clientCredentialsGrant(config, parameters)
      return toTokenSet(tokens, address.server)
    } catch (error) {
      throw passedOver ? withPassedOverHint(unwrap(error, address.server), passedOver, address) : error
    }
  } catch (error) {
    throw unwrap(error, address.server)
  }
}

/**
 * A refusal at the same-host fallback when discovery named another token host: says where discovery
 * pointed and how to allow that host, since the fallback may not be what this deployment serves.
 */
function withPassedOverHint(error: VcsError, passedOver: URL, address: ServerAddress): VcsError {
  if (!(error instanceof AuthError) || (error.status !== undefined && error.status >= 500)) return error
  const plainHttp = address.secure && passedOver.protocol !== 'https:'
  error.hint =
    `Its OpenID configuration names the token endpoint ${passedOver.origin}${passedOver.pathname}, which was not used: the app secret went to ${address.server}${CLIENT_CREDENTIALS_PATH} instead.` +
    (plainHttp
      ? ''
      : ` If ${passedOver.host} is CSP's own token service, allow it with VCS_ALLOW_TOKEN_HOST=${passedOver.host}.`)
  return error
}

/**
 * The token endpoint the app secret goes to: the discovered one when it is on the configured server's
 * origin (or a host VCS_ALLOW_TOKEN_HOST names, never over plain http from https); otherwise the path
 * every public client posts client credentials to on the configured server (csp-api.md §1.2, §10), so
 * a discovery document never decides where the secret goes. `passedOver` is the endpoint not used.
 */
function pinnedTokenEndpoint(
  metadata: oidc.ServerMetadata,
  address: ServerAddress,
  allowedHosts: readonly string[],
): { endpoint: oidc.ServerMetadata; passedOver?: URL } {
  const server = new URL(address.baseUrl)
  const fallback = { ...metadata, token_endpoint: `${address.baseUrl}${CLIENT_CREDENTIALS_PATH}` }
  let endpoint: URL
  try {
    endpoint = new URL(String(metadata.token_endpoint))
  } catch {
    return { endpoint: fallback }
  }
  const allowed = allowedHosts.some((host) => host.toLowerCase() === endpoint.host.toLowerCase())
  const downgrade = server.protocol === 'https:' && endpoint.protocol !== 'https:'
  if ((endpoint.origin !== server.origin && !allowed) || downgrade)
    return { endpoint: fallback, passedOver: endpoint }
  return { endpoint: metadata }
}

/**
 * client_secret_basic as RFC 6749 section 2.3.1 defines it: `Basic base64(id:secret)` where id and
 * secret are first application/x-www-form-urlencoded (a space as `+`, `%` as `%25`, `:` as `%3A`),
 * as Go's golang.org/x/oauth2 does for the Tanzu CLI (AuthStyleInHeader) and as the emulator decodes
 * them. Ids and secrets CSP generates are letters, digits and `-`, which the encoding leaves as they
 * are, so the header is byte for byte what clients that skip the encoding send.
 */
function cspClientSecretBasic(appId: string, appSecret: string): oidc.ClientAuth {
  return (_as, _client, _body, headers) => {
    const pair = `${formEncode(appId)}:${formEncode(appSecret)}`
    headers.set('authorization', `Basic ${Buffer.from(pair).toString('base64')}`)
  }
}

/** One value, application/x-www-form-urlencoded (WHATWG URL's serializer, as RFC 6749 Appendix B asks). */
export function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1)
}

/**
 * The fetch openid-client uses: failures become our errors right here, where the status and body
 * are at hand, and CSP's `null` id_token / refresh_token are dropped (openid-client expects them
 * absent or strings, CSP sends null for client credentials).
 */
function tokenEndpointFetch(fetch: ConnectionFetch, server: string, signal?: AbortSignal): oidc.CustomFetch {
  return async (url, options) => {
    const response = await fetch(url, {
      ...options,
      // Discovery and the token endpoint never follow redirects: the app secret rides on them.
      redirect: 'error',
      signal: signal
        ? AbortSignal.any([signal, options.signal].filter((s) => s !== undefined))
        : options.signal,
    } as RequestInit)
    const isDiscovery = url.includes('/.well-known/')
    if (!response.ok) {
      if (isDiscovery) {
        throw new RemoteError(
          'ServerError',
          `${server} did not serve its OpenID configuration (HTTP ${response.status}).`,
          {
            status: response.status,
            target: server,
          },
        )
      }
      throw await tokenEndpointError(response, server, 'The OAuth app credentials were')
    }
    // openid-client takes fetch's own Response (its checks use instanceof).
    if (isDiscovery)
      return new Response(await response.text(), {
        status: response.status,
        headers: { 'content-type': response.headers.get('content-type') ?? 'application/json' },
      })
    const body = (await response.json()) as Record<string, unknown>
    for (const key of Object.keys(body)) if (body[key] === null) delete body[key]
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })
  }
}

/** Finds our own error inside openid-client's wrappers; anything else is a protocol failure. */
function unwrap(error: unknown, server: string): VcsError {
  let current: unknown = error
  for (let depth = 0; depth < 6 && current; depth++) {
    if (current instanceof VcsError) return current
    current = (current as { cause?: unknown }).cause
  }
  const message = error instanceof Error ? error.message : String(error)
  return new AuthError(
    'AuthenticationFailed',
    `The token endpoint of ${server} gave an unusable answer: ${redact(message)}.`,
    {
      cause: error,
      target: server,
    },
  )
}

async function tokenEndpointError(response: HttpResponse, server: string, what: string): Promise<VcsError> {
  const text = await response.text().catch(() => '')
  let detail = ''
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown; error_description?: unknown }
    detail = String(body.message ?? body.error_description ?? body.error ?? '')
  } catch {
    detail = ''
  }
  const suffix = detail ? `: ${redact(detail).slice(0, 200)}` : ` (HTTP ${response.status})`
  const options = { status: response.status, target: server }
  if (response.status === 429) {
    return new ThrottledError(`${server} is throttling token requests; try again shortly.`, options)
  }
  if (response.status >= 500) {
    return new RemoteError(
      'ServerError',
      `${server} failed to issue a token (HTTP ${response.status})${suffix}.`,
      options,
    )
  }
  return new AuthError('AuthenticationFailed', `${what} refused by ${server}${suffix}`, {
    ...options,
    hint:
      what === 'The API token was'
        ? 'Check -Server, or create a new API token in the CSP console (My Account > API Tokens).'
        : 'Check the app id, secret and organization (-AppId, -AppSecret, -OrganizationId), and that the app belongs to it.',
  })
}

function toTokenSet(body: unknown, server: string): TokenSet {
  const { access_token: accessToken, expires_in: expiresIn } = (body ?? {}) as Record<string, unknown>
  if (typeof accessToken !== 'string' || !accessToken) {
    throw new AuthError(
      'AuthenticationFailed',
      `${server} answered the token request without an access token.`,
    )
  }
  const issuedAt = Date.now()
  const seconds = typeof expiresIn === 'number' && expiresIn >= 0 ? expiresIn : 1799
  let expiresAt = issuedAt + seconds * 1000
  // The JWT's own exp wins when it is sooner, unless our clock says it is already past (clock skew:
  // trusting it then would mean a new exchange for every request).
  try {
    const { exp } = decodeJwtClaims(accessToken)
    if (typeof exp === 'number' && exp * 1000 > issuedAt && exp * 1000 < expiresAt) expiresAt = exp * 1000
  } catch {
    // Not a JWT: the connection reports that when it reads the claims.
  }
  return { accessToken, issuedAt, expiresAt }
}
