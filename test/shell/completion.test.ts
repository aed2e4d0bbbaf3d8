import { describe, expect, it } from 'vitest'
import { CommandRegistry, defineCmdlet } from '../../src/engine/index.js'
import { commonPrefix, complete, quoteIfNeeded, type CompletionSources } from '../../src/shell/completion.js'
import {
  groupNames,
  invitationEmails,
  organizationRoleNames,
  userEmails,
} from '../../cmdlets/vcs/shared/completers.js'

const cmdlet = (
  name: `Get-${string}` | `Remove-${string}` | `Import-${string}`,
  parameters: any,
  aliases?: string[],
) => defineCmdlet({ name, synopsis: `${name} does things.`, parameters, examples: [], aliases, process() {} })

const registry = new CommandRegistry([
  cmdlet('Get-VcsUser', {
    name: { type: 'string[]', position: 0 },
    email: { type: 'string[]', completer: userEmails },
    role: { type: 'string', completer: organizationRoleNames },
    status: { type: 'string', validateSet: ['Active', 'Expired', 'Available'] },
    raw: { type: 'switch' },
  }),
  cmdlet('Get-VcsUserInvitation', { email: { type: 'string', position: 0, completer: invitationEmails } }),
  cmdlet('Get-VcsGroup', { name: { type: 'string', position: 0, completer: groupNames } }),
  cmdlet('Remove-VcsUser', { email: { type: 'string', position: 0, completer: userEmails } }, ['rvu']),
  cmdlet('Import-Csv', { path: { type: 'string', position: 0, completer: 'path' } }),
  cmdlet('Get-Help', { name: { type: 'string', position: 0, completer: 'cmdlet' } }),
])

const live: Record<string, string[]> = {
  organizationRole: ['Organization Owner', 'Organization Member'],
  userEmail: ['alice@example.com', 'bob@example.com'],
  group: ['Admins', 'Auditors'],
}
const sources: CompletionSources = {
  registry,
  liveValues: (source) => live[source.name],
  variables: ['users', 'ErrorActionPreference'],
  listDirectory: (directory) =>
    directory === '.'
      ? [
          { name: 'users.csv', isDirectory: false },
          { name: 'data', isDirectory: true },
          { name: '.hidden', isDirectory: false },
        ]
      : directory === 'data'
        ? [{ name: 'invites.csv', isDirectory: false }]
        : [],
}

const texts = (line: string, cursor = line.length) =>
  complete(line, cursor, sources).candidates.map((c) => c.text)

describe('complete', () => {
  it.each<[string, string, string[]]>([
    ['cmdlet prefix', 'Get-VcsU', ['Get-VcsUser', 'Get-VcsUserInvitation']],
    ['unique cmdlet prefix, any case', 'remove-v', ['Remove-VcsUser']],
    ['cmdlet after a pipe', 'Get-VcsUser | Rem', ['Remove-VcsUser']],
    ['alias when no name matches', 'rv', ['rvu']],
    ['parameter names of the cmdlet being typed', 'Get-VcsUser -R', ['-Role', '-Raw']],
    ['common parameters too', 'Get-VcsUser -ErrorA', ['-ErrorAction']],
    ['parameters of the stage after a pipe', 'Get-VcsGroup | Get-VcsUser -St', ['-Status']],
    ['enum values from ValidateSet', 'Get-VcsUser -Status A', ['Active', 'Available']],
    ['enum values of a common parameter', 'Get-VcsUser -ErrorAction S', ['Stop', 'SilentlyContinue']],
    [
      'live values, quoted when they contain spaces',
      'Get-VcsUser -Role Organization',
      ["'Organization Owner'", "'Organization Member'"],
    ],
    ['live values after an opening quote', "Get-VcsUser -Role 'organization o", ["'Organization Owner'"]],
    ['positional live values', 'Remove-VcsUser b', ['bob@example.com']],
    ['positional values after a named one', 'Get-VcsGroup A', ['Admins', 'Auditors']],
    ['variables', 'Get-VcsUser -Email $u', ['$users']],
    ['$_ is always a variable', 'Get-VcsUser | Where-Object { $', ['$_', '$users', '$ErrorActionPreference']],
    ['file paths for -Path, hidden files skipped', 'Import-Csv ', ['data/', 'users.csv']],
    ['file paths inside a directory', 'Import-Csv -Path data/i', ['data/invites.csv']],
    ['cmdlet names as a value', 'Get-Help Get-VcsG', ['Get-VcsGroup']],
    ['nothing for a switch', 'Get-VcsUser -Raw x', []],
    ['nothing for an unknown cmdlet', 'Get-Nothing -', []],
  ])('%s: %s', (_name, line, expected) => {
    expect(texts(line)).toEqual(expected)
  })

  it('reports the replacement range', () => {
    expect(complete('Get-VcsUser -St x', 15, sources)).toMatchObject({ start: 12, end: 15 })
    expect(complete('Get-VcsUser ', 12, sources)).toMatchObject({ start: 12, end: 12 })
  })

  it('asks for a live slot that is not cached yet, and completes nothing meanwhile', () => {
    const result = complete('Get-VcsUserInvitation ', 22, sources)
    expect(result).toMatchObject({ candidates: [], missing: invitationEmails })
  })

  it('describes cmdlets with their synopsis', () => {
    expect(complete('Get-VcsG', 8, sources).candidates[0].description).toBe('Get-VcsGroup does things.')
  })
})

describe('helpers', () => {
  it('quotes values the lexer would split', () => {
    expect(quoteIfNeeded('a@b.com')).toBe('a@b.com')
    expect(quoteIfNeeded("O'Brien Group")).toBe("'O''Brien Group'")
  })
  it('finds the common prefix case-insensitively', () => {
    const candidate = (text: string) => ({ text, display: text, kind: 'cmdlet' as const })
    expect(commonPrefix([candidate('Get-VcsUser'), candidate('Get-VcsUserInvitation')])).toBe('Get-VcsUser')
    expect(commonPrefix([candidate('Get-A'), candidate('get-b')])).toBe('Get-')
  })
})
