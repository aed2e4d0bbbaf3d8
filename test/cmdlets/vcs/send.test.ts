// Send-VcsUserInvitation against the demo emulator: a pending or expired invitation is revoked and
// sent again with the same roles and groups (a new link that works), redeemed and revoked ones are
// refused, and faults between the revoke and the new invitation neither lose nor double it.
import { describe, expect, it } from 'vitest'
import { input } from '../../../src/engine/index.js'
import {
  getVcsGroup,
  getVcsUserInvitation,
  newVcsUserInvitation,
  sendVcsUserInvitation,
  type VcsUserInvitation,
} from '../../../src/library/vcs.js'
import {
  configure,
  errorMessages,
  mailbox,
  redeem,
  requestsTo,
  resetStats,
  stats,
  useEmulator,
} from './emulator.js'

const bed = useEmulator()

describe('Send-VcsUserInvitation', () => {
  it('resends expired invitations from the pipeline with the same roles; the new link redeems', async () => {
    const expired = await getVcsUserInvitation({ status: ['Expired'] }).in(bed.session)
    expect(expired.map((invitation) => invitation.Email).sort()).toEqual([
      'nina.petrova@demo.example',
      'oscar.lindqvist@demo.example',
    ])
    const sent = (await getVcsUserInvitation({ status: ['Expired'] })
      .pipe(sendVcsUserInvitation())
      .in(bed.session)) as VcsUserInvitation[]
    expect(errorMessages(bed.host)).toEqual([])
    expect(sent).toHaveLength(2)
    const nina = sent.find((invitation) => invitation.Email === 'nina.petrova@demo.example')!
    expect(nina).toMatchObject({
      Status: 'Available',
      OrganizationRoles: ['org_member'],
      ServiceRoles: ['tmc:member'],
    })
    expect(expired.map((invitation) => invitation.Id)).not.toContain(nina.Id)
    const old = await getVcsUserInvitation({ email: ['nina.petrova@demo.example'] }).in(bed.session)
    expect(old.map((invitation) => invitation.Status).sort()).toEqual(['Available', 'Revoked'])

    const mail = (await mailbox(bed, 'nina.petrova@demo.example')).find((m) => m.invitationId === nina.Id)!
    await redeem(mail.link!, 'Nina', 'Petrova')
    const [redeemed] = await getVcsUserInvitation({
      email: ['nina.petrova@demo.example'],
      status: ['Redeemed'],
    }).in(bed.session)
    expect(redeemed.Id).toBe(nina.Id)
  })

  it('resends a pending invitation by e-mail, keeping its groups', async () => {
    const [platform] = await getVcsGroup({ name: ['Platform Engineering'] }).in(bed.session)
    const [before] = await getVcsUserInvitation({ email: ['grace.kim@demo.example'] }).in(bed.session)
    const [after] = (await sendVcsUserInvitation({ email: ['grace.kim@demo.example'], expiresInDays: 30 }).in(
      bed.session,
    )) as VcsUserInvitation[]
    expect(after.Id).not.toBe(before.Id)
    expect(after.OrganizationRoles.sort()).toEqual(['developer', 'org_member'])
    expect(after.Groups).toEqual([platform.Id])
    const days = (after.ExpiredDate!.getTime() - after.CreatedDate!.getTime()) / 86_400_000
    expect(Math.round(days)).toBe(30)
  })

  it('resends many invitations in batches of identical roles, with one listing to find them', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ Email: `again${i}@newcomer.example` }))
    await input(rows)
      .pipe(newVcsUserInvitation({ organizationRole: ['developer'] }))
      .in(bed.session)
    await resetStats(bed)
    const sent = (await getVcsUserInvitation({ email: ['again*'] })
      .pipe(sendVcsUserInvitation())
      .in(bed.session)) as VcsUserInvitation[]
    expect(errorMessages(bed.host)).toEqual([])
    expect(sent).toHaveLength(30)
    expect(sent.every((invitation) => invitation.OrganizationRoles.includes('developer'))).toBe(true)
    const counters = await stats(bed)
    expect(requestsTo(counters, 'POST', '/orgs/{orgId}/invitations')).toBe(1)
    expect(requestsTo(counters, 'DELETE', '/orgs/{orgId}/invitations/{invitationId}')).toBe(30)
    const all = await getVcsUserInvitation({ email: ['again*'] }).in(bed.session)
    expect(all.filter((invitation) => invitation.Status === 'Revoked')).toHaveLength(30)
    expect(
      all
        .filter((invitation) => invitation.Status === 'Available')
        .map((i) => i.Id)
        .sort(),
    ).toEqual(sent.map((invitation) => invitation.Id).sort())
  })

  it('refuses redeemed and revoked invitations with the reason', async () => {
    const out = await sendVcsUserInvitation({
      email: ['olivia.clarke@demo.example', 'victor.hale@demo.example'],
    }).in(bed.session)
    expect(out).toEqual([])
    expect(errorMessages(bed.host)).toEqual([
      'The invitation of olivia.clarke@demo.example was redeemed; only pending or expired invitations can be sent again.',
      'The invitation of victor.hale@demo.example was revoked; only pending or expired invitations can be sent again.',
    ])
  })

  it('never loses or doubles a resent invitation under faults', async () => {
    await configure(bed, { faults: { rate: 0.3, kinds: ['500', 'reset'], slowMs: 0, seed: 3 } })
    const sent = (await getVcsUserInvitation({ status: ['Available', 'Expired'] })
      .pipe(sendVcsUserInvitation())
      .in(bed.session)) as VcsUserInvitation[]
    await configure(bed, { faults: null })
    const failed = errorMessages(bed.host)
    expect(sent.length + failed.length).toBe(5)
    const pending = await getVcsUserInvitation({ status: ['Available'] }).in(bed.session)
    expect(pending.map((invitation) => invitation.Id).sort()).toEqual(
      sent.map((invitation) => invitation.Id).sort(),
    )
  })
})
