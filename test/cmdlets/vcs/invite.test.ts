// New-VcsUserInvitation against the demo emulator: validation before anything is sent (checked in the
// emulator's counters), CSV rows bound by property name and batched by roles, no double invites
// (members, pending invitees, repeated rows, reruns), existing accounts added directly, and 409s
// from CSP when members are not preloaded (big orgs).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { input } from '../../../src/engine/index.js'
import { importCsv } from '../../../src/library/core.js'
import {
  getVcsUser,
  getVcsUserInvitation,
  newVcsUserInvitation,
  type VcsUser,
  type VcsUserInvitation,
} from '../../../src/library/vcs.js'
import {
  control,
  errorMessages,
  requestsTo,
  resetStats,
  stats,
  useEmulator,
  writeRequests,
} from './emulator.js'

const bed = useEmulator()
const POST_INVITATIONS = '/orgs/{orgId}/invitations'

function tempFile(name: string, text?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vcs-invite-')), name)
  if (text !== undefined) writeFileSync(path, text)
  return path
}

describe('New-VcsUserInvitation validation', () => {
  it.each([
    [{ organizationRole: ['org_membr'] }, /Unknown organization role 'org_membr'.*org_member/],
    [{ serviceRole: ['vmc-user:fulll'] }, /vmc-user:fulll/],
    [{ group: ['No Such Group'] }, /No Such Group/],
  ])('refuses %j before any write reaches CSP', async (args, message) => {
    await resetStats(bed)
    await expect(
      newVcsUserInvitation({ email: ['ok@newcomer.example'], ...args }).in(bed.session),
    ).rejects.toThrow(message)
    expect(writeRequests(await stats(bed))).toBe(0)
  })

  it('refuses an invalid e-mail given as a parameter before any request', async () => {
    await resetStats(bed)
    await expect(
      newVcsUserInvitation({ email: ['ok@newcomer.example', 'not-an-email'] }).in(bed.session),
    ).rejects.toThrow(/'not-an-email' is not a valid e-mail address/)
    expect((await stats(bed)).requests).toEqual({})
  })

  it('reports an invalid e-mail row from the pipeline and invites the others', async () => {
    const rows = [
      { Email: 'first@newcomer.example' },
      { Email: 'broken@' },
      { Email: 'second@newcomer.example' },
    ]
    const out = (await input(rows).pipe(newVcsUserInvitation()).in(bed.session)) as VcsUserInvitation[]
    expect(out.map((invitation) => invitation.Email).sort()).toEqual([
      'first@newcomer.example',
      'second@newcomer.example',
    ])
    expect(errorMessages(bed.host)).toEqual(['broken@: not a valid e-mail address.'])
  })

  it('sends nothing under -WhatIf', async () => {
    await resetStats(bed)
    const out = await newVcsUserInvitation({ email: ['preview@newcomer.example'], whatIf: true }).in(
      bed.session,
    )
    expect(out).toEqual([])
    expect(bed.host.whatIf.join('\n')).toMatch(/preview@newcomer\.example/)
    expect(writeRequests(await stats(bed))).toBe(0)
  })
})

describe('New-VcsUserInvitation reads the org roles only for a role not every org has', () => {
  // The org's own list: not `.../loggedin/user/orgs/{orgId}/roles`, which ends the same way.
  const ROLES = '/am/api/orgs/{orgId}/roles'

  it('sends no roles request for org_member and org_owner (csp-api.md §2.2), in any case', async () => {
    await resetStats(bed)
    const out = (await newVcsUserInvitation({
      email: ['member@newcomer.example'],
      organizationRole: ['ORG_MEMBER'],
    }).in(bed.session)) as VcsUserInvitation[]
    const owners = (await newVcsUserInvitation({
      email: ['owner@newcomer.example'],
      organizationRole: ['org_owner; org_member'],
    }).in(bed.session)) as VcsUserInvitation[]
    const counters = await stats(bed)
    expect(requestsTo(counters, 'GET', ROLES)).toBe(0)
    expect(requestsTo(counters, 'POST', POST_INVITATIONS)).toBe(2)
    // The names CSP's list would have given: its own spelling, each once.
    expect(out.map((invitation) => invitation.OrganizationRoles)).toEqual([['org_member']])
    expect(owners[0].OrganizationRoles.sort()).toEqual(['org_member', 'org_owner'])
  })

  it('reads the list once for another role, and for a display name', async () => {
    await resetStats(bed)
    const out = (await newVcsUserInvitation({
      email: ['dev@newcomer.example'],
      organizationRole: ['org_member', 'Developer'],
    }).in(bed.session)) as VcsUserInvitation[]
    expect(requestsTo(await stats(bed), 'GET', ROLES)).toBe(1)
    expect(out[0].OrganizationRoles.sort()).toEqual(['developer', 'org_member'])
  })

  it('refuses an unknown role next to org_member before any write, naming the known roles', async () => {
    await resetStats(bed)
    await expect(
      newVcsUserInvitation({
        email: ['ok@newcomer.example'],
        organizationRole: ['org_member', 'org_membr'],
      }).in(bed.session),
    ).rejects.toThrow(/^Unknown organization role 'org_membr'\. Known roles: org_owner, .*org_member/)
    const counters = await stats(bed)
    expect(requestsTo(counters, 'GET', ROLES)).toBe(1)
    expect(writeRequests(counters)).toBe(0)
  })
})

describe('New-VcsUserInvitation from CSV rows', () => {
  it('binds Email, OrganizationRole and ServiceRole columns and batches rows with the same roles', async () => {
    const lines = ['Email,OrganizationRole,ServiceRole']
    for (let i = 0; i < 25; i++) lines.push(`dev${i}@newcomer.example,developer,automationservice:user`)
    for (let i = 0; i < 5; i++) lines.push(`ops${i}@newcomer.example,org_member,vmc-user:full`)
    const path = tempFile('people.csv', lines.join('\n') + '\n')
    await resetStats(bed)
    const out = (await importCsv({ path })
      .pipe(newVcsUserInvitation({ batchSize: 10 }))
      .in(bed.session)) as VcsUserInvitation[]
    expect(errorMessages(bed.host)).toEqual([])
    expect(out).toHaveLength(30)
    // 25 developers in batches of 10 (3 requests) and 5 operators (1 request).
    expect(requestsTo(await stats(bed), 'POST', POST_INVITATIONS)).toBe(4)
    const dev = out.find((invitation) => invitation.Email === 'dev7@newcomer.example')!
    expect(dev.OrganizationRoles.sort()).toEqual(['developer', 'org_member'])
    expect(dev.ServiceRoles).toEqual(['automationservice:user'])
    const ops = out.find((invitation) => invitation.Email === 'ops3@newcomer.example')!
    expect(ops.OrganizationRoles).toEqual(['org_member'])
    expect(ops.ServiceRoles).toEqual(['vmc-user:full'])
  })
})

describe('New-VcsUserInvitation never invites twice', () => {
  it('skips members, pending invitees and repeated rows, and adds existing accounts directly', async () => {
    const rows = [
      'maya.patel@demo.example', // member
      'Samuel.Reid@demo.example', // pending invitation
      'fresh@newcomer.example',
      'FRESH@newcomer.example', // repeated, other case
      'liam.oconnor@partner.example', // CSP account outside the org
      'oscar.lindqvist@demo.example', // expired invitation: invited anew
    ].map((Email) => ({ Email }))
    await resetStats(bed)
    const out = (await input(rows).pipe(newVcsUserInvitation()).in(bed.session)) as Array<
      VcsUserInvitation | VcsUser
    >
    expect(errorMessages(bed.host)).toEqual([])
    expect(bed.host.warnings.sort()).toEqual([
      'FRESH@newcomer.example: listed more than once in this run; not invited again.',
      'Samuel.Reid@demo.example: already has a pending invitation; not invited again.',
      'maya.patel@demo.example: already a member of the organization; not invited again.',
    ])
    const emails = out.map((item) => item.Email).sort()
    expect(emails).toEqual([
      'fresh@newcomer.example',
      'liam.oconnor@partner.example',
      'oscar.lindqvist@demo.example',
    ])
    const liam = out.find((item) => item.Email === 'liam.oconnor@partner.example') as VcsUser
    expect(liam.Name).toBe("Liam O'Connor")
    expect(liam.OrganizationRoles).toEqual(['org_member'])
    expect(requestsTo(await stats(bed), 'POST', POST_INVITATIONS)).toBe(1)
    const [member] = await getVcsUser({ email: ['liam.oconnor@partner.example'] }).in(bed.session)
    expect(member.Id).toBe(liam.Id)
  })

  it('sends nothing on a rerun of the same rows', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ Email: `bulk${i}@newcomer.example` }))
    expect(
      await input(rows)
        .pipe(newVcsUserInvitation({ batchSize: 7 }))
        .in(bed.session),
    ).toHaveLength(30)
    await resetStats(bed)
    expect(
      await input(rows)
        .pipe(newVcsUserInvitation({ batchSize: 7 }))
        .in(bed.session),
    ).toEqual([])
    expect(writeRequests(await stats(bed))).toBe(0)
    expect(bed.host.warnings.filter((w) => /already has a pending invitation/.test(w))).toHaveLength(30)
    const invitations = await getVcsUserInvitation({ email: ['bulk*'] }).in(bed.session)
    expect(invitations).toHaveLength(30)
  })

  it('skips members of a mid-size org whether they are read in advance or refused by CSP', async () => {
    // Two pages of users: the second loads while the first batch goes out, so a member may be
    // caught by the preloaded list or by CSP's 409; either way the answer is the same.
    await control(bed, 'seed', { method: 'POST', body: JSON.stringify({ users: 300 }) })
    const everyone = await getVcsUser().in(bed.session)
    const last = everyone[everyone.length - 1].Email
    const rows = ['mid1@newcomer.example', last, 'mid2@newcomer.example'].map((Email) => ({ Email }))
    const out = (await input(rows).pipe(newVcsUserInvitation()).in(bed.session)) as VcsUserInvitation[]
    expect(errorMessages(bed.host)).toEqual([])
    expect(out.map((invitation) => invitation.Email).sort()).toEqual([
      'mid1@newcomer.example',
      'mid2@newcomer.example',
    ])
    expect(bed.host.warnings).toEqual([`${last}: already a member of the organization; not invited again.`])
  })

  it('sets aside the e-mails CSP refuses with 409 when members are not preloaded (big org)', async () => {
    // Over 2000 users: the job leaves "already a member" to CSP, which refuses the whole batch.
    await control(bed, 'seed', { method: 'POST', body: JSON.stringify({ users: 2100 }) })
    const rows = [
      'new1@newcomer.example',
      'maya.patel@demo.example',
      'new2@newcomer.example',
      'ada.abbott@staff.demo.example',
      'new3@newcomer.example',
    ].map((Email) => ({ Email }))
    const resultPath = tempFile('results.csv')
    const out = (await input(rows)
      .pipe(newVcsUserInvitation({ resultPath }))
      .in(bed.session)) as VcsUserInvitation[]
    expect(errorMessages(bed.host)).toEqual([])
    expect((await stats(bed)).responses['409']).toBeGreaterThanOrEqual(1)
    expect(out.map((invitation) => invitation.Email).sort()).toEqual([
      'new1@newcomer.example',
      'new2@newcomer.example',
      'new3@newcomer.example',
    ])
    expect(bed.host.warnings.sort()).toEqual([
      'ada.abbott@staff.demo.example: already a member of the organization; not invited again.',
      'maya.patel@demo.example: already a member of the organization; not invited again.',
    ])
    const results = readFileSync(resultPath, 'utf8')
    expect(results).toMatch(/^Email,Result,InvitationId,Reason,Timestamp\n/)
    expect(results).toMatch(/maya\.patel@demo\.example,AlreadyMember,/)
    expect(results.match(/,Invited,/g)).toHaveLength(3)
  })
})

describe('New-VcsUserInvitation narrows a refused batch down', () => {
  it('invites the others of a batch CSP refuses with 400 for one address, in two requests', async () => {
    // Longer than an e-mail address may be (254): CSP refuses the whole request with 400 naming it.
    const long = `${'a'.repeat(250)}@newcomer.example`
    const emails = [...Array.from({ length: 10 }, (_, i) => `ok${i}@newcomer.example`), long]
    await resetStats(bed)
    const out = (await newVcsUserInvitation({ email: emails }).in(bed.session)) as VcsUserInvitation[]
    expect(out.map((invitation) => invitation.Email).sort()).toEqual(emails.slice(0, 10).sort())
    expect(errorMessages(bed.host)).toEqual([`Invalid request body: not e-mail addresses: ${long}`])
    expect(requestsTo(await stats(bed), 'POST', POST_INVITATIONS)).toBe(2)
  })
})
