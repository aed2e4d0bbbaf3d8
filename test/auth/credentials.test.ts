import { describe, expect, it } from 'vitest'
import {
  credentialFingerprint,
  credentialOf,
  decodeJwtClaims,
  apiTokenExpiryWarning,
  VcsOAuthSecurityContext,
} from '../../src/auth/index.js'
import { NewVcsOAuthSecurityContext } from '../../cmdlets/vcs/connection-cmdlets.js'
import { cmdletFunction, redact, toPlain } from '../../src/engine/index.js'

const newContext = cmdletFunction(NewVcsOAuthSecurityContext)

describe('VcsOAuthSecurityContext', () => {
  it('shows a preview of an API token and hides the token from every view of the object', async () => {
    const token = 'abcd-secret-api-token-value-1234'
    const [context] = await newContext({ apiToken: token })
    expect(context).toMatchObject({
      ApiTokenPreview: 'abcd…',
      Type: 'ApiToken',
      VcsServer: 'console.cloud.vmware.com',
    })
    expect(JSON.stringify(context)).not.toContain('secret-api')
    expect(JSON.stringify(toPlain(context))).not.toContain('secret-api')
    expect(Object.values(context as object).join(' ')).not.toContain('secret-api')
    expect(credentialOf(context)).toEqual({ kind: 'ApiToken', apiToken: token })
    expect(redact(`token is ${token}`)).toBe('token is ***')
  })

  it('holds a server-to-server app, keeps loopback http servers as URLs', async () => {
    const [context] = await newContext({
      vcsServer: 'http://127.0.0.1:8443',
      appId: 'my-app',
      appSecret: 'app-secret-value-xyz',
      organizationId: 'org-1',
    })
    expect(context).toMatchObject({ Type: 'Service', AppId: 'my-app', VcsServer: 'http://127.0.0.1:8443' })
    expect(JSON.stringify(toPlain(context))).not.toContain('app-secret-value')
    expect(credentialOf({ ...(context as object) })).toBeUndefined()
  })

  it('fingerprints credentials without revealing them', () => {
    const a = credentialFingerprint({ kind: 'ApiToken', apiToken: 'token-a' })
    expect(a).toMatch(/^[0-9a-f]{32}$/)
    expect(a).toBe(credentialFingerprint({ kind: 'ApiToken', apiToken: 'token-a' }))
    expect(a).not.toBe(credentialFingerprint({ kind: 'ApiToken', apiToken: 'token-b' }))
    expect(credentialFingerprint({ kind: 'OAuthApp', appId: 'x', appSecret: 's1', orgId: 'o' })).not.toBe(
      credentialFingerprint({ kind: 'OAuthApp', appId: 'x', appSecret: 's2', orgId: 'o' }),
    )
    expect(new VcsOAuthSecurityContext({ kind: 'ApiToken', apiToken: 'zzzz-1234567' }, 'h').toString()).toBe(
      'ApiToken @ h',
    )
  })

  it('decodes JWT claims and refuses what is not a JWT', () => {
    const payload = Buffer.from(JSON.stringify({ context_name: 'org-1', acct: 'a@b.c', exp: 5 })).toString(
      'base64url',
    )
    expect(decodeJwtClaims(`eyJhbGciOiJub25lIn0.${payload}.sig`)).toMatchObject({
      context_name: 'org-1',
      acct: 'a@b.c',
    })
    expect(() => decodeJwtClaims('not-a-jwt')).toThrow(/not a JWT/)
  })
})

describe('API token expiry warning', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  const days = (n: number) => new Date(now + n * 86_400_000)
  it.each([
    [30, undefined],
    [14, undefined],
    [13.5, /expires on 2026-01-14 \(in 14 days\)/],
    [0.5, /expires on 2026-01-01 \(in 1 day\)/],
    [-2, /expired on 2025-12-30/],
  ])('%d days left -> %s', (left, expected) => {
    const warning = apiTokenExpiryWarning('prod', days(left), now)
    if (expected === undefined) expect(warning).toBeUndefined()
    else expect(warning).toMatch(expected)
  })
})
