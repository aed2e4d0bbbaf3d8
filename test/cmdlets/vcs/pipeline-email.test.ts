// Plain e-mail strings from the pipeline bind to -Email (ValueFromPipeline in the e-mail parameter
// set) of Remove-VcsUser, Remove-VcsUserInvitation and Send-VcsUserInvitation, as they already do
// for New-VcsUserInvitation; VcsUser/VcsUserInvitation objects still bind ByValue, and records with
// Id or Email properties ByPropertyName. Against the demo emulator; the one-shot CLI too.
import { describe, expect, it } from 'vitest'
import { registry } from '../../../cmdlets/index.js'
import { input } from '../../../src/engine/index.js'
import { Interpreter } from '../../../src/language/index.js'
import {
  getVcsUser,
  getVcsUserInvitation,
  removeVcsUser,
  removeVcsUserInvitation,
  sendVcsUserInvitation,
  type VcsUserRemovalResult,
} from '../../../src/library/vcs.js'
import { cleanEnv, runCli } from '../../cli/helpers.js'
import { errorMessages, useEmulator } from './emulator.js'

const bed = useEmulator({ as: 'app' })

async function memberEmails(): Promise<string[]> {
  return (await getVcsUser().in(bed.session)).map((user) => user.Email)
}

describe('Remove-VcsUser', () => {
  it('binds e-mail strings from the pipeline to -Email', async () => {
    const results = (await input(['maya.patel@demo.example', ' Zoe.Campbell@demo.example '])
      .pipe(removeVcsUser({ confirm: false, passThru: true }))
      .in(bed.session)) as VcsUserRemovalResult[]
    expect(errorMessages(bed.host)).toEqual([])
    expect(results.map((result) => [result.Email, result.Result])).toEqual([
      ['maya.patel@demo.example', 'Removed'],
      ['zoe.campbell@demo.example', 'Removed'],
    ])
    const left = await memberEmails()
    expect(left).not.toContain('maya.patel@demo.example')
    expect(left).not.toContain('zoe.campbell@demo.example')
  })

  it('in the language: a string, a VcsUser, and a record with an Email property', async () => {
    const interpreter = new Interpreter({ registry, session: bed.session })
    await interpreter.evaluate(
      "'maya.patel@demo.example' | Remove-VcsUser -Confirm:$false\n" +
        'Get-VcsUser -Email zoe.campbell@demo.example | Remove-VcsUser -Confirm:$false\n' +
        "[pscustomobject]@{ Email = 'chloe.martin@demo.example'; Name = 'x' } | Remove-VcsUser -Confirm:$false",
    )
    expect(interpreter.statementErrors.map((error) => error.message)).toEqual([])
    expect(errorMessages(bed.host)).toEqual([])
    const left = await memberEmails()
    for (const gone of ['maya.patel@demo.example', 'zoe.campbell@demo.example', 'chloe.martin@demo.example'])
      expect(left).not.toContain(gone)
  })

  it('a record with Id and Email binds by Id, and a string that is no member is reported', async () => {
    const [maya] = await getVcsUser({ email: ['maya.patel@demo.example'] }).in(bed.session)
    const results = (await input([{ Id: maya.Id, Email: 'someone.else@demo.example' }, 'nobody@demo.example'])
      .pipe(removeVcsUser({ confirm: false, passThru: true }))
      .in(bed.session)) as VcsUserRemovalResult[]
    expect(results.map((result) => [result.Id, result.Result])).toEqual([[maya.Id, 'Removed']])
    expect(errorMessages(bed.host)).toEqual([
      "No user with the e-mail 'nobody@demo.example' is in the organization.",
    ])
  })

  it('one-shot: `cat emails.txt | vcs Remove-VcsUser --confirm false`', async () => {
    const env = {
      ...cleanEnv(),
      VCS_SERVER: bed.emulator.url,
      VCS_APP_ID: bed.emulator.credentials.appId,
      VCS_APP_SECRET: bed.emulator.credentials.appSecret,
      VCS_ORG_ID: bed.emulator.credentials.orgId,
    }
    const result = await runCli(['Remove-VcsUser', '--confirm', 'false'], {
      env,
      stdin: 'maya.patel@demo.example\nzoe.campbell@demo.example\n',
    })
    expect(result.stderr).toBe('Summary: 2 removed.\n')
    expect(result.code).toBe(0)
    const left = await memberEmails()
    expect(left).not.toContain('maya.patel@demo.example')
    expect(left).not.toContain('zoe.campbell@demo.example')
  })
})

describe('Remove-VcsUserInvitation and Send-VcsUserInvitation', () => {
  it('revoke the invitation of each e-mail string from the pipeline', async () => {
    await input(['alex.turner@demo.example'])
      .pipe(removeVcsUserInvitation({ confirm: false }))
      .in(bed.session)
    expect(errorMessages(bed.host)).toEqual([])
    const [alex] = await getVcsUserInvitation({ email: ['alex.turner@demo.example'] }).in(bed.session)
    expect(alex.Status).toBe('Revoked')
  })

  it('resend the invitation of each e-mail string from the pipeline', async () => {
    const sent = await input(['nina.petrova@demo.example']).pipe(sendVcsUserInvitation()).in(bed.session)
    expect(errorMessages(bed.host)).toEqual([])
    expect(sent.map((invitation) => [invitation.Email, invitation.Status])).toEqual([
      ['nina.petrova@demo.example', 'Available'],
    ])
  })

  it('invitation objects still bind ByValue', async () => {
    const revoked = await getVcsUserInvitation({ email: ['grace.kim@demo.example'] })
      .pipe(removeVcsUserInvitation({ confirm: false, passThru: true }))
      .in(bed.session)
    expect(revoked.map((invitation) => invitation.Status)).toEqual(['Revoked'])
  })
})
