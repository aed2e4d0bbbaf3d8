// Contract tests of the authentication endpoints (csp-api.md §1, §9).
import { createPublicKey, verify } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../../src/emulator/index.js'
import { AM, accessToken, call, control, decodeJwt, start } from './helpers.js'

let emulator: RunningEmulator
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`

beforeAll(async () => {
  emulator = await start()
})
afterAll(async () => {
  await emulator.close()
})

describe('POST /csp/gateway/am/api/auth/api-tokens/authorize', () => {
  it.each([
    ['form field api_token', { form: { api_token: 'TOKEN' } }, ''],
    ['legacy form field refresh_token', { form: { refresh_token: 'TOKEN' } }, ''],
    ['query api_token with an empty body', {}, '?api_token=TOKEN'],
    ['query refresh_token with an empty body', {}, '?refresh_token=TOKEN'],
    ['extra grant_type field (wavefront)', { form: { api_token: 'TOKEN', grant_type: 'api_token' } }, ''],
  ])('accepts the API token as %s', async (_name, options: { form?: Record<string, string> }, query) => {
    const token = emulator.credentials.apiToken
    const form =
      options.form &&
      Object.fromEntries(Object.entries(options.form).map(([k, v]) => [k, v.replace('TOKEN', token)]))
    const answer = await call(
      emulator,
      'POST',
      `${AM}/auth/api-tokens/authorize${query.replace('TOKEN', token)}`,
      {
        ...(form ? { form } : { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      },
    )
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body).sort()).toEqual(
      ['access_token', 'expires_in', 'id_token', 'refresh_token', 'scope', 'token_type'].sort(),
    )
    expect(answer.body).toMatchObject({
      token_type: 'bearer',
      expires_in: 1799,
      scope: 'ALL_PERMISSIONS customer_number openid group_ids group_names',
      refresh_token: token,
    })
    expect(typeof answer.body.id_token).toBe('string')
  })

  it('issues an RS256 JWT with the claims CSP uses, 1800 s long', async () => {
    const token = await accessToken(emulator, emulator.credentials.apiToken)
    const { header, claims } = decodeJwt(token)
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' })
    expect(header.kid).toMatch(/^signing_/)
    expect(claims.context_name).toBe(emulator.orgId)
    expect(claims.sub).toMatch(/^vmware\.com:[0-9a-f-]{36}$/)
    expect(claims.acct).toBe('ava.thompson@demo.example')
    expect(claims.username).toBe('ava.thompson@demo.example')
    expect(claims.perms).toContain('csp:org_owner')
    expect(claims.perms).toContain('external/ybUdoTC05kYFC9ZG560kpsn0I8M_/vmc-user:full')
    expect(claims.exp - claims.iat).toBe(1800)
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/)
    expect(typeof claims.azp).toBe('string')
    expect(claims.context).not.toBe(claims.context_name)
  })

  it.each([
    ['an unknown token', { api_token: 'not-a-token' }],
    ['no token at all', {}],
  ])('answers 400 in CSP error shape for %s, without echoing it', async (_name, form) => {
    const answer = await call(emulator, 'POST', `${AM}/auth/api-tokens/authorize`, { form })
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ statusCode: 400, moduleCode: 340 })
    expect(answer.body.message).toMatch(/^invalid_(grant|request)/)
    expect(typeof answer.body.requestId).toBe('string')
    expect(answer.text).not.toContain('not-a-token')
  })

  it('stores nothing per exchange: many exchanges, one counter', async () => {
    const before = (await control(emulator, 'GET', 'stats')).body.tokensIssued
    await Promise.all(
      Array.from({ length: 5 }, () => accessToken(emulator, emulator.credentials.memberApiToken)),
    )
    expect((await control(emulator, 'GET', 'stats')).body.tokensIssued - before).toBe(5)
  })
})

describe('POST /csp/gateway/am/api/auth/authorize (client credentials)', () => {
  it('issues a token for the app org with HTTP Basic, id and refresh tokens null', async () => {
    const { appId, appSecret } = emulator.credentials
    const answer = await call(emulator, 'POST', `${AM}/auth/authorize`, {
      form: { grant_type: 'client_credentials' },
      headers: { authorization: basic(appId, appSecret) },
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({
      token_type: 'bearer',
      expires_in: 1799,
      id_token: null,
      refresh_token: null,
    })
    expect(answer.body.scope).toBe('csp:org_owner')
    const { claims } = decodeJwt(answer.body.access_token)
    expect(claims).toMatchObject({
      context_name: emulator.orgId,
      sub: appId,
      azp: appId,
      perms: ['csp:org_owner'],
    })
    expect(claims.acct).toBeUndefined()
    expect(claims.username).toBeUndefined()
  })

  it('accepts orgId in the form or the query, and client_id/client_secret in the body', async () => {
    const { appId, appSecret, orgId } = emulator.credentials
    const inForm = await call(emulator, 'POST', `${AM}/auth/authorize`, {
      form: { grant_type: 'client_credentials', orgId },
      headers: { authorization: basic(appId, appSecret) },
    })
    const inQuery = await call(emulator, 'POST', `${AM}/auth/authorize?orgId=${orgId}`, {
      form: { grant_type: 'client_credentials' },
      headers: { authorization: basic(appId, appSecret) },
    })
    const inBody = await call(emulator, 'POST', `${AM}/auth/authorize`, {
      form: { grant_type: 'client_credentials', client_id: appId, client_secret: appSecret },
    })
    expect([inForm.status, inQuery.status, inBody.status]).toEqual([200, 200, 200])
  })

  it.each([
    ['a wrong secret', (id: string) => basic(id, 'wrong'), 'client_credentials', 401],
    ['an unknown app', () => basic('nobody', 'x'), 'client_credentials', 401],
    ['no credentials', () => '', 'client_credentials', 401],
    ['another grant type', (id: string, secret: string) => basic(id, secret), 'password', 400],
  ])('refuses %s', async (_name, header, grantType, status) => {
    const { appId, appSecret } = emulator.credentials
    const authorization = header(appId, appSecret)
    const answer = await call(emulator, 'POST', `${AM}/auth/authorize`, {
      form: { grant_type: grantType },
      headers: authorization ? { authorization } : {},
    })
    expect(answer.status).toBe(status)
    expect(answer.body).toMatchObject({ statusCode: status, moduleCode: 340 })
  })

  it('refuses an org the app has no access to', async () => {
    const { appId, appSecret, otherOrgId } = emulator.credentials
    const answer = await call(emulator, 'POST', `${AM}/auth/authorize`, {
      form: { grant_type: 'client_credentials', orgId: otherOrgId },
      headers: { authorization: basic(appId, appSecret) },
    })
    expect(answer.status).toBe(400)
  })
})

describe('discovery and keys', () => {
  it.each([`${AM}/.well-known/openid-configuration`, `${AM}/auth/.well-known/openid-configuration`])(
    'serves the discovery document at %s',
    async (path) => {
      const answer = await call(emulator, 'GET', path)
      expect(answer.status).toBe(200)
      for (const field of [
        'issuer',
        'authorization_endpoint',
        'token_endpoint',
        'userinfo_endpoint',
        'end_session_endpoint',
        'jwks_uri',
        'response_types_supported',
        'scopes_supported',
        'subject_types_supported',
        'id_token_signing_alg_values_supported',
        'token_endpoint_auth_methods_supported',
        'code_challenge_methods_supported',
        'claimsSupported',
      ]) {
        expect(answer.body).toHaveProperty(field)
      }
      expect(answer.body.jwks_uri).toBe(`${emulator.url}${AM}/auth/token-public-key?format=jwks`)
      expect(answer.body.id_token_signing_alg_values_supported).toEqual(['RS256'])
    },
  )

  it('publishes a JWKS that verifies issued tokens, and the issuer they carry', async () => {
    const keys = await call(emulator, 'GET', `${AM}/auth/token-public-key?format=jwks`)
    expect(keys.status).toBe(200)
    expect(keys.body).toMatchObject({ alg: 'RS256' })
    expect(keys.body.value).toContain('BEGIN PUBLIC KEY')
    const token = await accessToken(emulator, emulator.credentials.apiToken)
    const { header, claims } = decodeJwt(token)
    const jwk = keys.body.keys.find((key: { kid: string }) => key.kid === header.kid)
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' })
    const [head, payload, signature] = token.split('.')
    const publicKey = createPublicKey({ key: jwk, format: 'jwk' })
    expect(
      verify('RSA-SHA256', Buffer.from(`${head}.${payload}`), publicKey, Buffer.from(signature, 'base64url')),
    ).toBe(true)
    expect(claims.iss).toBe(keys.body.issuer)
    expect((await call(emulator, 'GET', `${AM}/.well-known/openid-configuration`)).body.issuer).toBe(
      claims.iss,
    )
  })

  it('answers format=pem with the PEM only', async () => {
    const answer = await call(emulator, 'GET', `${AM}/auth/token-public-key?format=pem`)
    expect(Object.keys(answer.body)).toEqual(['value'])
  })
})

describe('POST /csp/gateway/am/api/auth/api-tokens/details', () => {
  it('answers the token times in epoch ms, lastUsedAt after an exchange', async () => {
    await accessToken(emulator, emulator.credentials.adminApiToken)
    const answer = await call(emulator, 'POST', `${AM}/auth/api-tokens/details`, {
      json: { tokenValue: emulator.credentials.adminApiToken },
    })
    expect(answer.status).toBe(200)
    expect(answer.body.createdAt).toBeGreaterThan(1e12)
    expect(answer.body.expiresAt).toBeGreaterThan(answer.body.createdAt)
    expect(answer.body.lastUsedAt).toBeGreaterThanOrEqual(answer.body.createdAt)
    expect(answer.body.orgId).toBe(emulator.orgId)
  })

  it('refuses an unknown token with 400', async () => {
    const answer = await call(emulator, 'POST', `${AM}/auth/api-tokens/details`, {
      json: { tokenValue: 'nope' },
    })
    expect(answer.status).toBe(400)
  })
})

describe('token lifetime', () => {
  it('follows the runtime config; expires_in is the lifetime minus one', async () => {
    expect((await control(emulator, 'PUT', 'config', { tokenLifetimeSeconds: 5 })).status).toBe(200)
    try {
      const answer = await call(emulator, 'POST', `${AM}/auth/api-tokens/authorize`, {
        form: { api_token: emulator.credentials.apiToken },
      })
      expect(answer.body.expires_in).toBe(4)
      const { claims } = decodeJwt(answer.body.access_token)
      expect(claims.exp - claims.iat).toBe(5)
    } finally {
      await control(emulator, 'PUT', 'config', { tokenLifetimeSeconds: 1800 })
    }
  })
})
