// PowerShell's lookup convention in every Vcs Get-* cmdlet, against the demo emulator: an exact value
// (no wildcard character) that finds nothing writes a non-terminating ObjectNotFound error naming
// the value, which -ErrorAction Stop turns into one that try/catch catches; a wildcard pattern that
// matches nothing is silent.
import { describe, expect, it } from 'vitest'
import { registry } from '../../../cmdlets/index.js'
import { toPlain } from '../../../src/engine/index.js'
import { Interpreter } from '../../../src/language/index.js'
import { errorMessages, useEmulator } from './emulator.js'

const bed = useEmulator()

async function run(code: string): Promise<unknown[]> {
  const interpreter = new Interpreter({ registry, session: bed.session })
  const output = await interpreter.evaluate(code)
  expect(interpreter.statementErrors.map((error) => error.message)).toEqual([])
  return toPlain(output) as unknown[]
}

describe('an exact value that finds nothing is a non-terminating ObjectNotFound error', () => {
  it.each([
    ['Get-VcsUser -Id nope', "No user with id 'nope' was found."],
    ['Get-VcsUser -Email nobody@demo.example', "No user with e-mail 'nobody@demo.example' was found."],
    ["Get-VcsUser -Name 'Nobody Here'", "No user named 'Nobody Here' was found."],
    ['Get-VcsUser Thomp', "No user named 'Thomp' was found."],
    ['Get-VcsGroup -Name nosuch', "No group named 'nosuch' was found."],
    ['Get-VcsGroup -Id nosuch', "No group with id 'nosuch' was found."],
    ['Get-VcsService -Name nosuch', "No service named 'nosuch' was found."],
    ['Get-VcsService -Id nosuch', "No service with id 'nosuch' was found."],
    ['Get-VcsServiceRole -Name nosuch', "No service role named 'nosuch' was found."],
    ['Get-VcsServiceRole -Id nosuch', "No service role with id 'nosuch' was found."],
    ['Get-VcsServiceRole -Service nosuch', "No service named 'nosuch' was found."],
    ['Get-VcsOrganizationRole -Name nosuch', "No organization role named 'nosuch' was found."],
    ['Get-VcsOrganizationRole -Id nosuch', "No organization role with id 'nosuch' was found."],
    [
      'Get-VcsUserInvitation -Email nobody@demo.example',
      "No invitation with e-mail 'nobody@demo.example' was found.",
    ],
    ['Get-VcsUserInvitation nobody@demo.example', "No invitation named 'nobody@demo.example' was found."],
    ['Get-VcsConnection -Name nosuch', "No connection named 'nosuch' was found."],
  ])('%s', async (code, message) => {
    expect(await run(code)).toEqual([])
    expect(errorMessages(bed.host)).toEqual([message])
    const [record] = bed.host.errors
    expect(record.error.code).toBe('NotFound')
    expect(record.error.category).toBe('ObjectNotFound')
    expect(record.error.exitCode).toBe(1)
    expect(record.target).toBe(message.split("'")[1])
  })

  it('Get-VcsUserInvitation -Id of an unknown invitation says so too', async () => {
    expect(await run('Get-VcsUserInvitation -Id nope')).toEqual([])
    expect(bed.host.errors.map((record) => [record.error.code, record.error.category])).toEqual([
      ['NotFound', 'ObjectNotFound'],
    ])
  })

  it('reports only the values that found nothing, after the objects that were found', async () => {
    const found = (await run(
      "Get-VcsUser -Email maya.patel@demo.example, nobody@demo.example, 'zoe.campbell@DEMO.example'",
    )) as Array<{ Email: string }>
    expect(found.map((user) => user.Email).sort()).toEqual([
      'maya.patel@demo.example',
      'zoe.campbell@demo.example',
    ])
    expect(errorMessages(bed.host)).toEqual(["No user with e-mail 'nobody@demo.example' was found."])
  })

  it('says so when the other filters ruled the value out', async () => {
    expect(await run('Get-VcsUser -Email maya.patel@demo.example -OrganizationRole org_owner')).toEqual([])
    expect(errorMessages(bed.host)).toEqual([
      "No user with e-mail 'maya.patel@demo.example' was found with the other filters given.",
    ])
  })

  it('a wildcard pattern that matches nothing is silent', async () => {
    for (const code of [
      "Get-VcsUser -Name 'zz*'",
      "Get-VcsUser -Email '*@nowhere.example'",
      "Get-VcsGroup -Name 'zz*'",
      "Get-VcsService -Name 'zz*'",
      "Get-VcsServiceRole -Name 'zz*'",
      "Get-VcsOrganizationRole -Name 'zz*'",
      "Get-VcsUserInvitation -Email '*@nowhere.example'",
      "Get-VcsConnection -Name 'zz*'",
    ])
      expect(await run(code), code).toEqual([])
    expect(errorMessages(bed.host)).toEqual([])
  })

  it('-ErrorAction Stop makes it terminating: try/catch catches it, with the category', async () => {
    const caught = await run(
      'try { Get-VcsUser -Id nope -ErrorAction Stop; "not caught" } catch { $_.CategoryInfo.Category; $_.FullyQualifiedErrorId; $_.Exception.Message }',
    )
    expect(caught).toEqual(['ObjectNotFound', 'NotFound', "No user with id 'nope' was found."])
  })
})
