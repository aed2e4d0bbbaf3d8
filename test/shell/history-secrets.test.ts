// Which typed lines may reach the history file, decided from the parse tree with the real command
// registry: parameter prefixes bind as PowerShell binds them ("you can abbreviate a parameter name
// as long as it is unique", about_Parameters), splatted hashtables bind their keys the same way
// (about_Splatting), and `$env:` assignments set the process environment (about_Environment_Variables).
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registry } from '../../cmdlets/index.js'
import { clearSecrets, redact, registerSecret } from '../../src/engine/index.js'
import { isSecretLine, registerTypedSecrets, setHistoryRegistry } from '../../src/shell/history-secrets.js'
import { History } from '../../src/shell/hooks/use-history.js'

const TOKEN = 'Zq3xV9mL2pR7tK1wB8nC4hJ6gF0dS5aQyU2iO3eW9rT1'

beforeAll(() => setHistoryRegistry(registry))
afterAll(() => {
  setHistoryRegistry(undefined)
  clearSecrets()
})

describe('history keeps out', () => {
  it.each([
    // The red-team's lines (issue 18).
    "Connect-Vcs -Api 'plain-secret'",
    "$env:VCS_API_TOKEN = 'plain-secret'",
    "$p = @{ApiToken='plain-secret'}",
    "New-VcsOAuthSecurityContext -AppId app -AppSec 'plain-secret' -OrganizationId org",
    // More of each class.
    "Connect-Vcs -ApiT:'plain-secret'",
    'Connect-Vcs -api "plain-secret"',
    "$p = @{ Server = 'h'; Api = 'plain-secret' }",
    "$p['ApiToken'] = 'plain-secret'",
    "$env:SOMETHING_ELSE = 'plain-secret'",
    "[Environment]::SetEnvironmentVariable('VCS_APP_SECRET', 'plain-secret')",
    "$apiKey = 'plain-secret'",
    '$myToken = "plain-secret"',
    "$cfg.Password = 'plain-secret'",
    `$t = '${TOKEN}'`,
    "Unknown-Command -ApiTo 'plain-secret'",
    // Does not parse (unclosed string), judged by its tokens.
    "Connect-Vcs -Api 'plain-secret",
  ])('%s', (line) => {
    expect(isSecretLine(line)).toBe(true)
  })
})

describe('history keeps', () => {
  it.each([
    'Connect-Vcs -Server console.cloud.vmware.com',
    'Connect-Vcs -ApiToken $t',
    "Get-VcsUser -Name 'Token Smith'",
    "$env:VCS_SERVER = 'csp.example'",
    "$name = 'Ava'",
    "Get-VcsUser | Where-Object Email -like '*api*'",
    "$p = @{ Name = 'x'; Server = 'y' }",
    "Get-Content './some/long/path/to/a/file-with-digits-0123456789.csv'",
  ])('%s', (line) => {
    expect(isSecretLine(line)).toBe(false)
  })
})

describe('forgetSecrets', () => {
  it('removes, from memory and the file, a line whose value the redactor learned after it ran', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vcs-history-')), 'history')
    const history = new History(file)
    expect(history.add("$t = 'learned-later-secret'")).toBe(true)
    history.add('Get-VcsUser')
    expect(history.forgetSecrets()).toBe(0)
    registerSecret('learned-later-secret') // what Connect-Vcs -ApiToken $t does when it binds $t
    expect(history.forgetSecrets()).toBe(1)
    expect(history.entries).toEqual(['Get-VcsUser'])
    expect(readFileSync(file, 'utf8')).toBe('Get-VcsUser\n')
    expect(new History(file).entries).toEqual(['Get-VcsUser'])
  })
})

describe('registerTypedSecrets', () => {
  it('masks a value typed for a secret parameter when the line is echoed under a syntax error', () => {
    const line = "Connect-Vcs -Api 'typed-before-error-secret' ("
    expect(redact(line)).toBe(line)
    registerTypedSecrets(line)
    expect(redact(`At line:1 char:48\n+ ${line}`)).toBe("At line:1 char:48\n+ Connect-Vcs -Api '***' (")
  })

  it('does not register the value of a variable whose name merely looks secret', () => {
    registerTypedSecrets("$authorToken = 'Ava Thompson'")
    expect(redact('Ava Thompson')).toBe('Ava Thompson')
    expect(isSecretLine("$authorToken = 'Ava Thompson'")).toBe(true)
  })
})
