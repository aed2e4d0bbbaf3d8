// Group-Object as PowerShell groups: by the text of a list value (one group per role list, not one
// per user), sorted by value when the values are of one type. Expected results follow PowerShell's
// source (Group-Object.cs: BuildName, EndProcessing; ObjectCommandComparer.cs) and its tests
// (test/powershell/Modules/Microsoft.PowerShell.Utility/Group-Object.Tests.ps1, cited by name).
import { describe, expect, it } from 'vitest'
import { input, toPlain, withTypeName } from '../../../src/engine/index.js'
import { groupObject } from '../../../src/library/core.js'
import { run } from './helpers.js'

const user = (Email: string, OrganizationRoles: string[]) =>
  withTypeName('VcsUser', { Email, OrganizationRoles })
const users = [
  user('ann@x.com', ['org_member']),
  user('bob@x.com', ['org_owner', 'org_member']),
  user('cy@x.com', ['org_member']),
  user('dee@x.com', ['ORG_MEMBER']),
  user('eve@x.com', []),
]

const summary = (output: unknown[]) =>
  output.map((g) => {
    const group = g as { Name: string; Count: number; Group?: { Email: string }[] }
    return [group.Name, group.Count, group.Group?.map((u) => u.Email)]
  })

describe('Group-Object', () => {
  it('groups by a role list as a whole, named {a, b}, not one group per user', async () => {
    const { output } = await run(input(users).pipe(groupObject({ property: ['OrganizationRoles'] })))
    expect(summary(output)).toEqual([
      ['{}', 1, ['eve@x.com']],
      ['{org_member}', 3, ['ann@x.com', 'cy@x.com', 'dee@x.com']],
      ['{org_owner, org_member}', 1, ['bob@x.com']],
    ])
    expect(toPlain((output[1] as { Values: unknown[] }).Values)).toEqual([['org_member']])
  })

  it('-CaseSensitive tells list items apart by case too', async () => {
    const { output } = await run(
      input(users).pipe(
        groupObject({ property: ['OrganizationRoles'], caseSensitive: true, noElement: true }),
      ),
    )
    expect(summary(output).map(([name, count]) => [name, count])).toEqual([
      ['{}', 1],
      ['{ORG_MEMBER}', 1],
      ['{org_member}', 2],
      ['{org_owner, org_member}', 1],
    ])
  })

  // "Should handle format-like strings with curly braces like normal strings": sorted by value.
  it('sorts the groups by value when the values are of one type', async () => {
    const { output } = await run(input(['{', '}', '{0}']).pipe(groupObject()))
    expect(output.map((g) => (g as { Name: string }).Name)).toEqual(['{', '{0}', '}'])
    const numbers = await run(input([3, 1, 2, 1]).pipe(groupObject()))
    expect(summary(numbers.output).map(([name, count]) => [name, count])).toEqual([
      ['1', 2],
      ['2', 1],
      ['3', 1],
    ])
  })

  it('keeps the order of first appearance when the values are of different types', async () => {
    const { output } = await run(input(['b', 2, 'a', 2]).pipe(groupObject()))
    expect(summary(output).map(([name, count]) => [name, count])).toEqual([
      ['b', 1],
      ['2', 2],
      ['a', 1],
    ])
  })

  // PowerShell keys the table by the list itself, which no string can look up; its text as
  // -AsString gives it (the group's Name) is used instead.
  it('-AsHashTable keys a role list by its Name', async () => {
    const { output } = await run(
      input(users.slice(0, 3)).pipe(groupObject({ property: ['OrganizationRoles'], asHashTable: true })),
    )
    expect(Object.keys(output[0] as object)).toEqual(['{org_member}', '{org_owner, org_member}'])
  })
})
