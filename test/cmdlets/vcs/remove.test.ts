// Remove-VcsUser and Remove-VcsUserInvitation against the demo emulator: partial results user by
// user, the last owner refused in plain words, batches of 20 with one confirmation per batch, and
// e-mails bound from CSV rows.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RecordingHost } from '../../../src/engine/index.js'
import { importCsv } from '../../../src/library/core.js'
import {
  getVcsUser,
  getVcsUserInvitation,
  newVcsUserInvitation,
  removeVcsUser,
  removeVcsUserInvitation,
  type VcsUserRemovalResult,
} from '../../../src/library/vcs.js'
import {
  configure,
  connectSession,
  control,
  errorMessages,
  requestsTo,
  resetStats,
  stats,
  useEmulator,
} from './emulator.js'

const bed = useEmulator({ as: 'app' })
const DELETE_USERS = '/v2/orgs/{orgId}/users'

async function emailsOfMembers(): Promise<string[]> {
  return (await getVcsUser().in(bed.session)).map((user) => user.Email)
}

describe('Remove-VcsUser', () => {
  it('reports partial results: removed users, and ids CSP did not remove', async () => {
    const [maya] = await getVcsUser({ email: ['maya.patel@demo.example'] }).in(bed.session)
    const [zoe] = await getVcsUser({ email: ['zoe.campbell@demo.example'] }).in(bed.session)
    // An id of the form salt-ext's integration test removes: CSP answers 200 with it under failed.
    const results = (await removeVcsUser({
      id: [maya.Id, 'vmware.com:test-123', zoe.Id],
      confirm: false,
      passThru: true,
    }).in(bed.session)) as VcsUserRemovalResult[]
    expect(results.map((result) => [result.Id, result.Result])).toEqual([
      [maya.Id, 'Removed'],
      ['vmware.com:test-123', 'Failed'],
      [zoe.Id, 'Removed'],
    ])
    expect(errorMessages(bed.host)).toEqual([
      'CSP did not remove vmware.com:test-123 (not a member of the organization?).',
    ])
    const left = await emailsOfMembers()
    expect(left).not.toContain('maya.patel@demo.example')
    expect(left).not.toContain('zoe.campbell@demo.example')
  })

  it('removes the 19 others of a batch of 20 whose one stale id CSP answers with 404', async () => {
    const users = (await getVcsUser({ email: ['*@demo.example'] }).in(bed.session)).filter(
      (user) => !/ava\.thompson|daniel\.okafor/.test(user.Email),
    )
    const stale = 'vmware.com:00000000-0000-4000-8000-000000000000'
    const ids = [
      ...users.slice(0, 9).map((user) => user.Id),
      stale,
      ...users.slice(9, 19).map((user) => user.Id),
    ]
    await resetStats(bed)
    const results = (await removeVcsUser({ id: ids, confirm: false, passThru: true }).in(
      bed.session,
    )) as VcsUserRemovalResult[]
    expect(results.map((result) => result.Result)).toEqual([
      ...Array(9).fill('Removed'),
      'Failed',
      ...Array(10).fill('Removed'),
    ])
    expect(errorMessages(bed.host)).toEqual([
      `CSP knows no user ${stale} (Users [${stale}] not found); nothing was removed for it.`,
    ])
    // The answer names the id: one request to learn it, one for the 19 others.
    expect(requestsTo(await stats(bed), 'DELETE', DELETE_USERS)).toBe(2)
    const left = await emailsOfMembers()
    for (const user of users.slice(0, 19)) expect(left).not.toContain(user.Email)
  })

  it('removes the others and refuses the last owner in plain words', async () => {
    const owners = await getVcsUser({ organizationRole: ['org_owner'] }).in(bed.session)
    expect(owners.map((user) => user.Email).sort()).toEqual([
      'ava.thompson@demo.example',
      'daniel.okafor@demo.example',
    ])
    const [chloe] = await getVcsUser({ email: ['chloe.martin@demo.example'] }).in(bed.session)
    const results = (await removeVcsUser({ user: [...owners, chloe], confirm: false, passThru: true }).in(
      bed.session,
    )) as VcsUserRemovalResult[]
    expect(results.filter((result) => result.Result === 'Removed')).toHaveLength(2)
    // Removing every owner needs -Force: the last one given is kept, and the error says why.
    const [refused] = results.filter((result) => result.Result === 'Failed')
    expect(refused.Email).toBe(owners.at(-1)!.Email)
    expect(refused.Reason).toMatch(/it is the last organization owner left/)
    expect(errorMessages(bed.host)).toEqual([refused.Reason])
    const left = await emailsOfMembers()
    expect(left).toContain(refused.Email)
    expect(left).not.toContain('chloe.martin@demo.example')
  })

  it('with -Force the last owner is sent, and CSP’s refusal is reported in plain words', async () => {
    const owners = await getVcsUser({ organizationRole: ['org_owner'] }).in(bed.session)
    expect(owners).toHaveLength(2)
    const results = (await removeVcsUser({ user: owners, force: true, passThru: true }).in(
      bed.session,
    )) as VcsUserRemovalResult[]
    expect(results.map((result) => result.Result).sort()).toEqual(['Failed', 'Removed'])
    const refused = results.find((result) => result.Result === 'Failed')!
    expect(refused.Reason).toMatch(/is the organization's last owner; CSP keeps at least one owner/)
    expect(await emailsOfMembers()).toContain(refused.Email)
  })

  it('asks once per user (Yes, No, Yes to All) and sends what was approved in batches of 20', async () => {
    await control(bed, 'seed', { method: 'POST', body: JSON.stringify({ users: 60 }) })
    const staff = await getVcsUser({ email: ['*@staff.demo.example'] }).in(bed.session)
    expect(staff).toHaveLength(60)
    const host = new RecordingHost(true, ['yes', 'no', 'yesToAll'])
    const session = await connectSession(bed, host, { as: 'app' })
    await resetStats(bed)
    const results = (await getVcsUser({ email: ['*@staff.demo.example'] })
      .pipe(removeVcsUser({ passThru: true }))
      .in(session)) as VcsUserRemovalResult[]
    // PowerShell's ShouldProcess asks per target; "Yes to All" stops the asking (batching is ours).
    expect(host.confirmations).toHaveLength(3)
    expect(host.confirmations.map((c) => c.target)).toEqual(
      [staff[0].Name, staff[1].Name, staff[2].Name].map((name, i) => `${name} <${staff[i].Email}>`),
    )
    expect(requestsTo(await stats(bed), 'DELETE', DELETE_USERS)).toBe(3)
    expect(results).toHaveLength(59)
    expect(results.every((result) => result.Result === 'Removed')).toBe(true)
    expect(
      (await getVcsUser({ email: ['*@staff.demo.example'] }).in(bed.session)).map((u) => u.Email),
    ).toEqual([staff[1].Email])
  })

  it('removes the users of a CSV file by their Email column, reporting unknown e-mails', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vcs-remove-')), 'leavers.csv')
    writeFileSync(
      path,
      'Email,Note\nElena.Rossi@demo.example,left\nnobody@demo.example,typo\nmei.lin@demo.example,\n',
    )
    await importCsv({ path })
      .pipe(removeVcsUser({ force: true }))
      .in(bed.session)
    expect(errorMessages(bed.host)).toEqual([
      "No user with the e-mail 'nobody@demo.example' is in the organization.",
    ])
    const left = await emailsOfMembers()
    expect(left).not.toContain('elena.rossi@demo.example')
    expect(left).not.toContain('mei.lin@demo.example')
    expect(left).toContain('ethan.walker@demo.example')
  })
})

describe('Remove-VcsUserInvitation', () => {
  it('revokes pending invitations and warns about redeemed ones', async () => {
    await removeVcsUserInvitation({
      email: ['samuel.reid@demo.example', 'olivia.clarke@demo.example'],
      confirm: false,
    }).in(bed.session)
    const [samuel] = await getVcsUserInvitation({ email: ['samuel.reid@demo.example'] }).in(bed.session)
    expect(samuel.Status).toBe('Revoked')
    expect(errorMessages(bed.host)).toEqual([])
    expect(bed.host.warnings).toEqual([
      'The invitation of olivia.clarke@demo.example is already redeemed; nothing to revoke.',
    ])
    const pending = await getVcsUserInvitation({ status: ['Available'] }).in(bed.session)
    expect(pending.map((invitation) => invitation.Email).sort()).toEqual([
      'alex.turner@demo.example',
      'grace.kim@demo.example',
    ])
  })
})

describe('Remove-VcsUserInvitation in batches', () => {
  // csp-api.md §4.1: POST .../invitations?action=revoke takes `usernames`; the list already holds
  // what a GET per invitation would fetch.
  it('revokes piped pending invitations with one list and one POST, each reported with -PassThru', async () => {
    const pending = await getVcsUserInvitation({ status: ['Available'] }).in(bed.session)
    expect(pending.length).toBeGreaterThan(1)
    await resetStats(bed)
    const revoked = await removeVcsUserInvitation({
      invitation: pending,
      confirm: false,
      passThru: true,
    }).in(bed.session)
    const counters = await stats(bed)
    expect(revoked.map((invitation) => invitation.Email).sort()).toEqual(
      pending.map((invitation) => invitation.Email).sort(),
    )
    expect(revoked.every((invitation) => invitation.Status === 'Revoked')).toBe(true)
    expect(requestsTo(counters, 'POST', '/orgs/{orgId}/invitations')).toBe(1)
    expect(requestsTo(counters, 'GET', '/orgs/{orgId}/invitations')).toBe(1)
    expect(requestsTo(counters, 'GET', '/invitations/{invitationId}')).toBe(0)
    expect(requestsTo(counters, 'DELETE', '/invitations/{invitationId}')).toBe(0)
    expect(await getVcsUserInvitation({ status: ['Available'] }).in(bed.session)).toEqual([])
    expect(errorMessages(bed.host)).toEqual([])
  })

  it('revokes by id, not by e-mail, when the e-mail has another AVAILABLE invitation', async () => {
    // Oscar's invitation expired (still AVAILABLE: CSP has no EXPIRED status); he is invited again.
    await newVcsUserInvitation({ email: ['oscar.lindqvist@demo.example'], confirm: false }).in(bed.session)
    const oscar = await getVcsUserInvitation({ email: ['oscar.lindqvist@demo.example'] }).in(bed.session)
    const fresh = oscar.filter((invitation) => invitation.Status === 'Available')
    expect(fresh).toHaveLength(1)
    await resetStats(bed)
    await removeVcsUserInvitation({ invitation: fresh, confirm: false }).in(bed.session)
    const counters = await stats(bed)
    expect(requestsTo(counters, 'POST', '/orgs/{orgId}/invitations')).toBe(0)
    expect(requestsTo(counters, 'DELETE', '/invitations/{invitationId}')).toBe(1)
    const after = await getVcsUserInvitation({ email: ['oscar.lindqvist@demo.example'] }).in(bed.session)
    expect(after.map((invitation) => invitation.Status).sort()).toEqual(['Expired', 'Revoked'])
  })

  it('revokes 250 invitations with ceil(250/100) = 3 revoke POSTs, results in input order', async () => {
    const emails = Array.from({ length: 250 }, (_, i) => `batch.revoke.${i}@example.com`)
    await newVcsUserInvitation({ email: emails, confirm: false }).in(bed.session)
    const pending = (await getVcsUserInvitation({ status: ['Available'] }).in(bed.session)).filter(
      (invitation) => invitation.Email.startsWith('batch.revoke.'),
    )
    expect(pending).toHaveLength(250)
    await resetStats(bed)
    const revoked = await removeVcsUserInvitation({ invitation: pending, confirm: false, passThru: true }).in(
      bed.session,
    )
    const counters = await stats(bed)
    // Several batches go out at once; each answer is reported in the order the invitations came.
    expect(revoked.map((invitation) => invitation.Email)).toEqual(
      pending.map((invitation) => invitation.Email),
    )
    expect(requestsTo(counters, 'POST', '/orgs/{orgId}/invitations')).toBe(3)
    expect(requestsTo(counters, 'GET', '/orgs/{orgId}/invitations')).toBe(1)
    expect(requestsTo(counters, 'GET', '/invitations/{invitationId}')).toBe(0)
    const left = (await getVcsUserInvitation({ status: ['Available'] }).in(bed.session)).filter(
      (invitation) => invitation.Email.startsWith('batch.revoke.'),
    )
    expect(left).toEqual([])
    expect(errorMessages(bed.host)).toEqual([])
  })

  it('-WhatIf names each target and sends nothing', async () => {
    const pending = await getVcsUserInvitation({ status: ['Available'] }).in(bed.session)
    await resetStats(bed)
    await removeVcsUserInvitation({ invitation: pending, whatIf: true }).in(bed.session)
    const counters = await stats(bed)
    expect(requestsTo(counters, 'POST', '/orgs/{orgId}/invitations')).toBe(0)
    // One readable line per invitation (as ShouldProcess prints per target), then the request count.
    const lines = bed.host.whatIf.slice(-(pending.length + 1))
    expect(lines.slice(0, -1)).toEqual(
      pending.map((invitation) => `What if: Revoking invitation "${invitation.Email} (${invitation.Id})"`),
    )
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^What if: ${pending.length} invitation\\(s\\) would be revoked in 1 request\\(s\\) \\(1 POST /csp/gateway/am/api/orgs/[^/]+/invitations\\?action=revoke, at most 100 e-mails each\\)\\.$`,
      ),
    )
    expect(bed.host.whatIf.join('\n')).not.toMatch(/usernames|\{/)
    expect((await getVcsUserInvitation({ status: ['Available'] }).in(bed.session)).length).toBe(
      pending.length,
    )
  })
})

describe('Remove-VcsUser under faults', () => {
  it('reports each user removed or failed exactly as CSP ends up, when resets hide the outcome', async () => {
    await control(bed, 'seed', { method: 'POST', body: JSON.stringify({ users: 100 }) })
    const staff = await getVcsUser({ email: ['*@staff.demo.example'] }).in(bed.session)
    await configure(bed, { faults: { rate: 0.4, kinds: ['500', 'reset'], slowMs: 0, seed: 5 } })
    const results = (await removeVcsUser({
      id: staff.map((user) => user.Id),
      confirm: false,
      throttleLimit: 1, // one request at a time: the seeded faults hit the same requests every run
      passThru: true,
    }).in(bed.session)) as VcsUserRemovalResult[]
    const counters = await stats(bed)
    await configure(bed, { faults: null })
    expect(counters.faultsInjected).toBeGreaterThan(0)
    expect(results).toHaveLength(100)
    const left = new Set((await getVcsUser().in(bed.session)).map((user) => user.Id))
    for (const result of results)
      expect([result.Id, result.Result]).toEqual([result.Id, left.has(result.Id) ? 'Failed' : 'Removed'])
    expect(errorMessages(bed.host)).toHaveLength(
      results.filter((result) => result.Result === 'Failed').length,
    )
  })
})

describe('Remove-VcsUser after a lost answer', () => {
  it('counts users a reset DELETE removed as Removed, once each, when the retry says "not a member"', async () => {
    await control(bed, 'seed', { method: 'POST', body: JSON.stringify({ users: 200 }) })
    const staff = await getVcsUser({ email: ['*@staff.demo.example'] }).in(bed.session)
    expect(staff).toHaveLength(200)
    await resetStats(bed)
    // Seeded, one request at a time: some DELETE batches are processed and then their connection reset.
    await configure(bed, { faults: { rate: 0.15, kinds: ['reset'], slowMs: 0, seed: 2 } })
    const results = (await removeVcsUser({
      id: staff.map((user) => user.Id),
      confirm: false,
      throttleLimit: 1,
      passThru: true,
    }).in(bed.session)) as VcsUserRemovalResult[]
    const counters = await stats(bed)
    await configure(bed, { faults: null })
    expect(counters.faultsByKind.reset).toBeGreaterThan(0)
    // A batch was removed but its answer lost: the retry named its users as failed and they were checked.
    expect(requestsTo(counters, 'GET', '/orgs/{orgId}/roles')).toBeGreaterThan(0)
    expect(errorMessages(bed.host)).toEqual([])
    expect(results.map((result) => result.Id).sort()).toEqual(staff.map((user) => user.Id).sort())
    expect(results.every((result) => result.Result === 'Removed')).toBe(true)
    const left = new Set((await getVcsUser().in(bed.session)).map((user) => user.Id))
    expect(staff.filter((user) => left.has(user.Id))).toEqual([])
  })
})
