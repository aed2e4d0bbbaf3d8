// -Confirm asks per target, as PowerShell's ShouldProcess does: Yes (Y), Yes to All (A), No (N), No
// to All (L); batching is the cmdlet's business, never the user's. -WhatIf prints one readable line
// per target and a closing line with the request count. Against the demo emulator over
// HTTP, with the emulator's own lists checked afterwards.
// (learn.microsoft.com/powershell/scripting/learn/deep-dives/everything-about-shouldprocess)
import { describe, expect, it } from 'vitest'
import { currentLedger, input, RecordingHost } from '../../../src/engine/index.js'
import {
  getVcsUser,
  getVcsUserInvitation,
  newVcsUserInvitation,
  removeVcsUser,
  sendVcsUserInvitation,
} from '../../../src/library/vcs.js'
import { connectSession, control, useEmulator } from './emulator.js'

const bed = useEmulator({ as: 'app' })

async function pendingAt(domain: string): Promise<string[]> {
  return (await getVcsUserInvitation({ email: [`*@${domain}`], status: 'Available' }).in(bed.session))
    .map((invitation) => invitation.Email)
    .sort()
}

describe('New-VcsUserInvitation -Confirm', () => {
  const rows = (domain: string) => Array.from({ length: 6 }, (_, i) => ({ Email: `p${i}@${domain}` }))

  it('asks per address: Yes, No, No to All invites the first only and asks nothing more', async () => {
    const host = new RecordingHost(true, ['yes', 'no', 'noToAll'])
    const session = await connectSession(bed, host, { as: 'app' })
    await input(rows('ynl.example'))
      .pipe(newVcsUserInvitation({ batchSize: 4, confirm: true }))
      .in(session)
    expect(host.confirmations.map((c) => c.target)).toEqual([
      'p0@ynl.example',
      'p1@ynl.example',
      'p2@ynl.example',
    ])
    expect(await pendingAt('ynl.example')).toEqual(['p0@ynl.example'])
    expect(currentLedger(session)).toMatchObject({ invited: 1, notAttempted: 0, failed: 0 })
  })

  it('Yes to All asks once, across batches, and invites every address', async () => {
    const host = new RecordingHost(true, ['yesToAll'])
    const session = await connectSession(bed, host, { as: 'app' })
    await input(rows('all.example'))
      .pipe(newVcsUserInvitation({ batchSize: 2, confirm: true }))
      .in(session)
    expect(host.confirmations).toHaveLength(1)
    expect(await pendingAt('all.example')).toHaveLength(6)
  })
})

describe('Remove-VcsUser -Confirm', () => {
  it('Yes, then No to All: the first user is removed, nobody else is asked or removed', async () => {
    await control(bed, 'seed', { method: 'POST', body: JSON.stringify({ users: 30 }) })
    const staff = await getVcsUser({ email: ['*@staff.demo.example'] }).in(bed.session)
    expect(staff).toHaveLength(30)
    const host = new RecordingHost(true, ['yes', 'noToAll'])
    const session = await connectSession(bed, host, { as: 'app' })
    await getVcsUser({ email: ['*@staff.demo.example'] })
      .pipe(removeVcsUser({}))
      .in(session)
    expect(host.confirmations).toHaveLength(2)
    const left = (await getVcsUser({ email: ['*@staff.demo.example'] }).in(bed.session)).map((u) => u.Email)
    expect(left).toHaveLength(29)
    expect(left).not.toContain(staff[0].Email)
    expect(currentLedger(session)).toMatchObject({ removed: 1 })
  })
})

describe('Send-VcsUserInvitation -WhatIf', () => {
  it('one readable line per person, then the request count; the requests only under -Verbose; nothing sent', async () => {
    const host = new RecordingHost()
    const session = await connectSession(bed, host, { as: 'app' })
    const pending = await getVcsUserInvitation({ status: ['Available'] }).in(session)
    expect(pending.length).toBeGreaterThan(0)
    await sendVcsUserInvitation({ invitation: pending, whatIf: true, verbose: true }).in(session)
    expect(host.whatIf.slice(0, -1)).toEqual(
      pending.map((invitation) => `What if: Resending invitation "${invitation.Email}"`),
    )
    expect(host.whatIf.at(-1)).toMatch(
      new RegExp(
        `^What if: ${pending.length} invitation\\(s\\) would be sent again in \\d+ request\\(s\\) \\(${pending.length} DELETE \\S+/invitations/\\{id\\}, then \\d+ POST \\S+/invitations, the same roles together, at most 100 e-mails each\\)\\.$`,
      ),
    )
    expect(host.whatIf.join('\n')).not.toMatch(/usernames|organizationRoles/)
    expect(host.verbose.join('\n')).toMatch(/^DELETE \S+\/invitations\/\S+; POST \S+ \{"usernames"/m)
    const after = await getVcsUserInvitation({ status: ['Available'] }).in(session)
    expect(after.map((invitation) => invitation.Id).sort()).toEqual(pending.map((i) => i.Id).sort())
  })
})
