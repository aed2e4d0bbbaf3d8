// Member completion (`$u.`) and property-name completion after a pipe, against the real cmdlet
// registry: what PowerShell's TabExpansion2 offers from a live value or from the [OutputType] of the
// stage before (CompletionCompleters.CompleteMember; pipeline type inference), and the value
// completion cases PSReadLine users expect: after a comma, after `-Param:`, in the middle of a word.
import { describe, expect, it } from 'vitest'
import { registry } from '../../cmdlets/index.js'
import { Interpreter } from '../../src/language/index.js'
import { RecordingHost, Session, withTypeName } from '../../src/engine/index.js'
import { complete, type CompletionSources } from '../../src/shell/completion.js'
import { applyTab } from '../../src/shell/hooks/use-completion.js'
import { METHOD_TABLE, membersOfValue, TypeShapes } from '../../src/shell/members.js'
import { emptyEditor } from '../../src/shell/hooks/use-line-editor.js'

const user = withTypeName('VcsUser', {
  Id: 'demo:1',
  Name: 'Ann Lee',
  Username: 'ann',
  Email: 'ann@demo.example',
  FirstName: 'Ann',
  LastName: 'Lee',
  Domain: 'demo',
  OrganizationRoles: ['org_member'],
  ServiceRoles: [],
  ServiceIds: [],
})
const variables: Record<string, unknown> = {
  u: user,
  users: [user, user],
  s: 'text',
  h: withTypeName('Hashtable', { Alpha: 1, 'two words': 2 }),
}
const shapes = new TypeShapes()
const live: Record<string, string[]> = {
  userEmail: ['ann@demo.example', 'bob@demo.example'],
  organizationRole: ['org_member', 'org_owner'],
  invitationId: ['0b1f2c3d-0000-4000-8000-000000000001'],
  userName: ['Ann Lee', 'Bob Stone'],
}
const sources: CompletionSources = {
  registry,
  shapes,
  liveValues: (slot) => live[slot.name],
  variables: Object.keys(variables),
  variableValue: (name) => (name in variables ? { value: variables[name] } : undefined),
}
const texts = (line: string, cursor = line.length) =>
  complete(line, cursor, sources).candidates.map((candidate) => candidate.text)

describe('member completion on $variable.', () => {
  it('lists the properties of a record, then its methods', () => {
    const members = texts('$u.')
    expect(members.slice(0, 10)).toEqual([
      'Id',
      'Name',
      'Username',
      'Email',
      'FirstName',
      'LastName',
      'Domain',
      'OrganizationRoles',
      'ServiceRoles',
      'ServiceIds',
    ])
    expect(members.slice(10)).toEqual(['Equals(', 'GetType()', 'ToString('])
  })

  it('filters by the typed prefix, any case, and replaces only the member name', () => {
    expect(texts('$u.em')).toEqual(['Email'])
    expect(complete('$u.em', 5, sources)).toMatchObject({ start: 3, end: 5 })
    expect(texts('Write-Output $u.Organ')).toEqual(['OrganizationRoles'])
  })

  it('follows a chain of members and indexes: a string property offers string members', () => {
    expect(texts('$u.Email.To')).toEqual([
      'ToCharArray(',
      'ToLower(',
      'ToLowerInvariant(',
      'ToString(',
      'ToUpper(',
      'ToUpperInvariant(',
    ])
    expect(texts('$u.Email.L')).toEqual(['Length', 'LastIndexOf('])
    expect(texts('$users[0].Us')).toEqual(['Username'])
  })

  it('offers an array its Count and the properties of its elements (member enumeration)', () => {
    expect(texts('$users.C')).toEqual(['Count', 'Clone(', 'Contains('])
    expect(texts('$users.Ema')).toEqual(['Email'])
  })

  it('offers a hashtable its keys, quoting a key with a space', () => {
    expect(texts('$h.')).toEqual(expect.arrayContaining(['Alpha', 'Count', 'Keys', 'Values', 'ContainsKey(']))
    expect(texts('$h.two')).toEqual([])
  })

  it('infers an unset variable from the command that assigns it earlier on the line', () => {
    expect(texts('$v = Get-VcsUser -Name A*; $v.Ema')).toEqual(['Email'])
    expect(texts('$v = Get-VcsUser | Select-Object Name, Email; $v.')).toEqual(['Name', 'Email'])
    expect(texts('$nothing.')).toEqual([])
  })

  it('completes $_ in a script block from what the pipeline passes in', () => {
    expect(texts('Get-VcsUser | Where-Object { $_.Ema')).toEqual(['Email'])
    expect(texts('Get-VcsUserInvitation | ForEach-Object { $_.Sta')).toEqual(['Status'])
  })

  it('offers only methods the language runs', async () => {
    const session = new Session({ host: new RecordingHost() })
    const interpreter = new Interpreter({ registry, session })
    const samples: Record<string, string> = {
      common: "'x'",
      string: "'x'",
      array: '@(1,2)',
      hashtable: '@{a=1}',
      date: '(Get-Date)',
      number: '1',
    }
    for (const [kind, names] of Object.entries(METHOD_TABLE)) {
      for (const name of names) {
        const errors: string[] = []
        try {
          for await (const _ of interpreter.run(`${samples[kind]}.${name}()`)) void _
        } catch (error) {
          errors.push(String(error))
        }
        errors.push(...session.errors.map((record) => record.error.message))
        session.errors.length = 0
        expect(errors.join('\n'), `${kind}.${name}`).not.toMatch(/does not contain a method/)
      }
    }
  })

  it('lists a value that is not a record by its kind', () => {
    expect(membersOfValue(new Date()).map((m) => m.name)).toContain('AddDays')
    expect(membersOfValue(null)).toEqual([])
  })
})

describe('property-name completion after a pipe', () => {
  it.each<[string, string, string[]]>([
    ['Select-Object', 'Get-VcsUser | Select-Object Em', ['Email']],
    ['Select-Object after a comma', 'Get-VcsUser | Select-Object Name, Em', ['Email']],
    [
      'Select-Object -ExpandProperty',
      'Get-VcsUser | Select-Object -ExpandProperty Organ',
      ['OrganizationRoles'],
    ],
    ['Sort-Object -Property', 'Get-VcsUserInvitation | Sort-Object -Property Exp', ['ExpiredDate']],
    ['Where-Object', 'Get-VcsUser | Where-Object Las', ['LastName']],
    ['Group-Object', 'Get-VcsUser | Group-Object Organ', ['OrganizationRoles']],
    ['Format-Table', 'Get-VcsGroup | Format-Table Use', ['UsersCount']],
    ['Measure-Object', 'Get-VcsGroup | Measure-Object UsersC', ['UsersCount']],
    // A bare name first binds to -Process, which takes a property name as -MemberName does.
    ['ForEach-Object', 'Get-VcsUser | ForEach-Object Ema', ['Email']],
    ['ForEach-Object -MemberName', 'Get-VcsUser | ForEach-Object -MemberName Ema', ['Email']],
    ['through a pass-through stage', 'Get-VcsUser | Where-Object Email | Sort-Object Fir', ['FirstName']],
    [
      'after Select-Object -Property',
      'Get-VcsUser | Select-Object Name, Email | Sort-Object ',
      ['Name', 'Email'],
    ],
    ['from a variable piped in', '$users | Select-Object Usern', ['Username']],
    ['of Group-Object output', 'Get-VcsUser | Group-Object Domain | Sort-Object Cou', ['Count']],
  ])('%s: %s', (_name, line, expected) => {
    expect(texts(line)).toEqual(expected)
  })

  it('offers nothing when the type before is not known', () => {
    expect(texts('Import-Csv x.csv | Select-Object N')).toEqual([])
  })

  it('learns the properties of a type from records seen', () => {
    const learned = new TypeShapes()
    expect(learned.properties('VcsUser')).not.toContain('ServiceIds')
    learned.learn(user)
    expect(learned.properties('VcsUser')).toContain('ServiceIds')
  })

  it('completes Get-Help -Parameter with the named cmdlet’s parameter names', () => {
    expect(texts('Get-Help Get-VcsUser -Parameter Em')).toEqual(['Email'])
    expect(texts('Get-Help -Name Remove-VcsUser -Parameter Pass')).toEqual(['PassThru'])
  })
})

describe('value completion', () => {
  it.each<[string, string, string[]]>([
    ['after a comma', 'Get-VcsUser -Email ann@demo.example,', ['ann@demo.example', 'bob@demo.example']],
    ['after a comma and a space', 'Get-VcsUserInvitation -Status Available, E', ['Expired']],
    ['after -Param:', 'Get-VcsUser -Email:b', ['bob@demo.example']],
    [
      'after -Param: with nothing typed',
      'Get-VcsUserInvitation -Status:',
      ['Available', 'Redeemed', 'Revoked', 'Expired'],
    ],
    [
      'positional after a list',
      'Get-VcsUser -OrganizationRole org_member, org_owner -Email b',
      ['bob@demo.example'],
    ],
    ['invitation ids', 'Remove-VcsUserInvitation -Id 0b', ['0b1f2c3d-0000-4000-8000-000000000001']],
    ['user names, quoted', 'Get-VcsUser B', ["'Bob Stone'"]],
  ])('%s: %s', (_name, line, expected) => {
    expect(texts(line)).toEqual(expected)
  })

  it('in the middle of a word, matches what is before the cursor and replaces the whole word', () => {
    const line = 'Get-VcsOrganiXX | Select-Object -First 1'
    expect(complete(line, 13, sources)).toMatchObject({ start: 0, end: 15 })
    const outcome = applyTab({ ...emptyEditor, text: line, cursor: 13 }, undefined, false, (text, cursor) =>
      complete(text, cursor, sources),
    )
    expect(outcome.edit).toEqual({ type: 'replaceRange', start: 0, end: 15, text: 'Get-VcsOrganizationRole' })
  })

  it('completes ~/ paths and keeps the ~ unquoted', () => {
    const result = complete('Import-Csv ~/', 13, {
      ...sources,
      listDirectory: () => [{ name: 'people.csv', isDirectory: false }],
    })
    expect(result.candidates.map((candidate) => candidate.text)).toEqual(['~/people.csv'])
  })

  it('asks for a server search when the cached slot is only part of the org', () => {
    const partial = { ...sources, partial: () => true }
    expect(complete('Get-VcsUser -Email sam', 22, partial).search).toMatchObject({ prefix: 'sam' })
    expect(complete('Get-VcsUser -Email ', 19, partial).search).toBeUndefined()
  })
})
