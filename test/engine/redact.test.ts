// The redactor masks values, never structure: known secrets (as typed, JSON-escaped, CSV-quoted, and
// the prefixes a server echoes or a table cuts), and token shapes (JWTs, auth headers); nothing is
// guessed from the words around a value, so user names and e-mails come out as they are.
import { afterEach, describe, expect, it } from 'vitest'
import { clearSecrets, redact, registerSecret } from '../../src/engine/index.js'

const TOKEN = 'Zq3xV9mL2pR7tK1wB8nC4hJ6gF0dS5aQyU2iO3eW9rT1uY7'
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhdmEiLCJjb250ZXh0X25hbWUiOiJvcmcifQ.c2lnbmF0dXJlLXZhbHVl'

afterEach(() => clearSecrets())

describe('never corrupts data', () => {
  it('leaves a user named "-Token <word>" and an e-mail like password=x@y alone, in JSON and CSV', () => {
    const user = { firstName: 'Ann -Token Smith', lastName: '-ApiToken Jones', email: 'password=x@y.example' }
    const json = JSON.stringify([user])
    expect(redact(json)).toBe(json)
    const csv = '"firstName","lastName","email"\n"Ann -Token Smith","-ApiToken Jones","password=x@y.example"'
    expect(redact(csv)).toBe(csv)
  })

  it("leaves the CLI's own message about --api-token whole", () => {
    const message = 'vcs does not take --api-token on the command line: it would show in ps.'
    expect(redact(message)).toBe(message)
  })

  it('keeps JSON valid when a known secret holds quotes and backslashes', () => {
    const secret = 'se"cr\\et-val\'ue-42'
    registerSecret(secret)
    const text = JSON.stringify({ value: secret, other: `x${secret}y` })
    const redacted = redact(text)
    expect(JSON.parse(redacted)).toEqual({ value: '***', other: 'x***y' })
  })

  it('keeps CSV rectangular when a known secret holds a comma and a quote', () => {
    const secret = 'abc,"def-secret'
    registerSecret(secret)
    const row = `"a","${secret.replace(/"/g, '""')}","c"`
    expect(redact(row)).toBe('"a","***","c"')
  })
})

describe('still catches', () => {
  it('a prefix of a known token echoed by the server', () => {
    registerSecret(TOKEN)
    expect(redact(`invalid_grant: Invalid refresh token: ${TOKEN.slice(0, 12)}...`)).toBe(
      'invalid_grant: Invalid refresh token: ***...',
    )
  })

  it('a token cut short by a table column', () => {
    registerSecret(TOKEN)
    expect(redact(`| ${TOKEN.slice(0, 20)}… |`)).toBe('| ***… |')
    expect(redact(`| ${JWT.slice(0, 24)}… |`)).toBe('| ***… |')
  })

  it('JWTs and auth headers nobody registered', () => {
    expect(redact(`token ${JWT} end`)).toBe('token *** end')
    expect(redact('Authorization: Basic YXBwOnNlY3JldA==')).toBe('Authorization: Basic ***')
    expect(redact('csp-auth-token: abc.def-123')).toBe('csp-auth-token: ***')
  })

  it('does not match prefixes of short secrets (they are words)', () => {
    registerSecret('hunter2-pw')
    expect(redact('hunter2-pw hunter2')).toBe('*** hunter2')
  })
})
