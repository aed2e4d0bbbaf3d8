// The ps tagged template binds interpolated values as values: they are never parsed as code.
import { beforeEach, describe, expect, it } from 'vitest'
import { input, RecordingHost, runInSession, Session, UsageError } from '../../src/engine/index.js'
import { createPs } from '../../src/library/ps.js'
import { calls, GetThing, registry } from '../language/helpers.js'
import { cmdletFunction } from '../../src/engine/index.js'

const ps = createPs(registry)

beforeEach(() => {
  calls.length = 0
})

describe('ps`...`: values are values, never code', () => {
  it.each([
    "'; Remove-Thing -Email victim@x.y -Confirm:$false; '",
    '$(Remove-Thing -Email victim@x.y -Confirm:$false)',
    '"; Remove-Thing -Email victim@x.y -Confirm:$false #',
    '`"; Remove-Thing -Email victim@x.y -Confirm:$false',
    '@(Remove-Thing -Email victim@x.y -Confirm:$false)',
    '{ Remove-Thing -Email victim@x.y -Confirm:$false }',
    '\n Remove-Thing -Email victim@x.y -Confirm:$false',
    '| Remove-Thing -Email victim@x.y -Confirm:$false',
  ])('an argument %j is just a string', async (email) => {
    expect(await ps`Write-Value -Value ${email}`).toEqual([email])
    expect(await ps`Write-Value ${email}*`).toEqual([`${email}*`])
    expect(await ps`Write-Value "quoted: ${email}"`).toEqual([`quoted: ${email}`])
    expect(await ps`$v = ${email}; $v.Length`).toEqual([email.length])
    expect(calls).toEqual([])
  })

  it('a value with $( ) inside double quotes is expanded as text, not run', async () => {
    const sneaky = '$(Remove-Thing -Email victim@x.y -Confirm:$false)'
    expect(await ps`Write-Value "${sneaky}"`).toEqual([sneaky])
    expect(calls).toEqual([])
  })

  it('keeps the type of what is interpolated', async () => {
    const user = { Email: 'a@b.c', Id: 7 }
    expect(await ps`Write-Value -Value ${user}`).toEqual([user])
    expect(await ps`Write-Value -Value ${[1, 2, 3]}`).toEqual([[1, 2, 3]])
    expect(await ps`${[1, 2, 3]} | Write-Value`).toEqual([1, 2, 3])
    expect(await ps`${5} + ${'5'}`).toEqual([10])
    expect(await ps`${user}.Email`).toEqual(['a@b.c'])
  })

  it('${prefix}* in argument mode is the value followed by *', async () => {
    const prefix = 'thing-'
    expect(
      (await ps`Get-Thing -Name ${prefix}* -Count 3`).map((thing) => (thing as { Id: number }).Id),
    ).toEqual([0, 1, 2])
    expect(await ps`Write-Value ${'a'}${'b'}`).toEqual(['ab'])
  })

  it('pipes into commands that change things only with the values given', async () => {
    const emails = ['one@x.y', "two@x.y'; Remove-Thing -Email three@x.y -Confirm:$false; '"]
    const session = new Session({ host: new RecordingHost() })
    await runInSession(
      session,
      () => ps`${emails.map((email) => ({ Email: email }))} | Remove-Thing -Confirm:$false`,
    )
    expect(calls).toEqual(emails.map((email) => `Remove-Thing ${email}`))
  })

  it('refuses a value inside single quotes, where it would not be expanded', () => {
    expect(() => ps`Write-Value '${'x'}'`).toThrow(UsageError)
    expect(() => ps`Write-Value '${'x'}'`).toThrow(/inside single quotes/)
  })

  it('keeps backslashes literal and honours escaped backticks', async () => {
    expect(await ps`Write-Value C:\temp\new`).toEqual(['C:\\temp\\new'])
    expect(await ps`Write-Value "a\`tb"`).toEqual(['a\tb'])
  })

  it('awaits promises and pipelines given as values', async () => {
    const things = cmdletFunction(GetThing)({ count: 2 })
    expect((await ps`${things} | Write-Value`).map((thing) => (thing as { Id: number }).Id)).toEqual([0, 1])
    expect(await ps`Write-Value ${Promise.resolve('later')}`).toEqual(['later'])
    expect(await ps`${input([1, 2])} | Write-Value`).toEqual([1, 2])
  })

  it('runs in the current session, and streams', async () => {
    const host = new RecordingHost()
    const session = new Session({ host, errorActionPreference: 'Continue' })
    session.setVariable('greeting', 'hello')
    const seen: unknown[] = []
    await runInSession(session, async () => {
      for await (const value of ps`$greeting; Get-Failure 'reported'; 'after'`) seen.push(value)
    })
    expect(seen).toEqual(['hello', 'after'])
    expect(host.errors.map((record) => record.error.message)).toEqual(['reported'])
    expect(await ps`$greeting`.in(session)).toEqual(['hello'])
  })

  it('throws on the first error in a library session, with the position in the template', async () => {
    await expect(ps`Write-Value 1
Get-Failure ${'boom'}`).rejects.toMatchObject({ message: 'boom', position: { line: 2, column: 1 } })
    await expect(ps`Write-Value (`).rejects.toMatchObject({ code: 'ParseError' })
  })
})
