// The listing cmdlets against the demo emulator: PowerShell wildcard semantics (case-insensitive,
// anchored, ? and *), CSP's capped search used only when it cannot change the answer, and the
// role, service, group and invitation filters.
import { describe, expect, it } from 'vitest'
import {
  getVcsGroup,
  getVcsOrganizationRole,
  getVcsService,
  getVcsServiceRole,
  getVcsUser,
  getVcsUserInvitation,
} from '../../../src/library/vcs.js'
import { registry } from '../../../cmdlets/index.js'
import { toPlain } from '../../../src/engine/index.js'
import { Interpreter } from '../../../src/language/index.js'
import { configure, control, requestsTo, resetStats, stats, useEmulator } from './emulator.js'

const bed = useEmulator()
const SEARCH = '/orgs/{orgId}/users/search'
const LIST = '/v2/orgs/{orgId}/users'

async function names(pattern: string): Promise<string[]> {
  return (await getVcsUser({ name: [pattern] }).in(bed.session)).map((user) => user.Name).sort()
}

describe('Get-VcsUser wildcards', () => {
  it.each([
    ['ava*', ['Ava Thompson']],
    ['AVA*', ['Ava Thompson']],
    ['*son', ['Ava Thompson', 'Sofia Andersson']],
    ['*sson', ['Sofia Andersson']],
    ['?aya*', ['Maya Patel']],
    ['Ava T*', ['Ava Thompson']],
    // -Name matches the Name property (the full name), as its help says: not a last name alone,
    // not an e-mail (Get-Process -Name matches ProcessName the same way).
    ['Ava Thompson', ['Ava Thompson']],
    ['Thompson', []],
    ['Thomp', []],
    ['*.patel@demo.example', []],
  ])('-Name %s', async (pattern, expected) => {
    expect(await names(pattern)).toEqual(expected)
  })

  it('-Name A* is the users whose full name starts with A, case-insensitively, nobody else', async () => {
    const upper = await names('A*')
    expect(await names('a*')).toEqual(upper)
    expect(upper).toEqual(expect.arrayContaining(['Aaron Mitchell', 'Adrian Kowalski', 'Ava Thompson']))
    expect(upper.every((name) => name.startsWith('A'))).toBe(true)
    // Matched before on the last name or the e-mail: no longer.
    expect(upper).not.toContain('Sofia Andersson')
    expect(upper).not.toContain('Maya Patel')
  })

  it('-Search finds text anywhere in the names and e-mail, literally', async () => {
    const found = (await getVcsUser({ search: ['anders'] }).in(bed.session)).map((user) => user.Name)
    expect(found).toEqual(['Sofia Andersson'])
    const byMail = (await getVcsUser({ search: ['.PATEL@'] }).in(bed.session)).map((user) => user.Name)
    expect(byMail).toEqual(['Maya Patel'])
    // No wildcards: '*' is a character like any other.
    expect(await getVcsUser({ search: ['a*'] }).in(bed.session)).toEqual([])
  })

  it('uses CSP search for patterns with two literal characters and the list otherwise', async () => {
    await resetStats(bed)
    await names('*patel*')
    let counters = await stats(bed)
    // The first search with letters goes out in both cases, to learn whether CSP ignores case.
    expect(requestsTo(counters, 'GET', SEARCH)).toBe(2)
    expect(requestsTo(counters, 'GET', LIST)).toBe(0)
    await resetStats(bed)
    await names('*okafor*')
    counters = await stats(bed)
    expect(requestsTo(counters, 'GET', SEARCH)).toBe(1)
    expect(requestsTo(counters, 'GET', LIST)).toBe(0)
    await resetStats(bed)
    const everyone = (await getVcsUser().in(bed.session)).map((user) => user.Name)
    expect(await names('*a*')).toEqual(everyone.filter((name) => /a/i.test(name)).sort())
    counters = await stats(bed)
    expect(requestsTo(counters, 'GET', SEARCH)).toBe(0)
  })

  it('reads the whole list when CSP searches case-sensitively, so no user is missed', async () => {
    await configure(bed, { searchMatchesCase: true })
    await resetStats(bed)
    // 'patel' is in Maya's e-mail but her last name is 'Patel': lower and upper case answer differently.
    expect(await names('*PATEL*')).toEqual(['Maya Patel'])
    const counters = await stats(bed)
    expect(requestsTo(counters, 'GET', SEARCH)).toBe(2)
    expect(requestsTo(counters, 'GET', LIST)).toBeGreaterThan(0)
  })

  it('reads the whole list when the search hits its cap of 20, so no user is missed', async () => {
    await control(bed, 'seed', { method: 'POST', body: JSON.stringify({ users: 45 }) })
    await resetStats(bed)
    const staff = await getVcsUser({ email: ['*@staff.demo.example'] }).in(bed.session)
    expect(staff).toHaveLength(45)
    const counters = await stats(bed)
    expect(requestsTo(counters, 'GET', SEARCH)).toBe(1)
    expect(requestsTo(counters, 'GET', LIST)).toBeGreaterThan(0)
  })

  it('filters by organization and service role', async () => {
    const admins = await getVcsUser({ organizationRole: ['org_admin'] }).in(bed.session)
    expect(admins.map((user) => user.Name).sort()).toEqual(['Adrian Kowalski', 'Aisha Rahman'])
    const [role] = await getVcsServiceRole({ name: ['tmc:admin'] }).in(bed.session)
    const tmcAdmins = await getVcsUser({ serviceRole: [role] }).in(bed.session)
    expect(tmcAdmins.map((user) => user.Name)).toEqual(['Alice Nguyen'])
  })
})

describe('roles, services, groups and invitations', () => {
  it('lists organization roles with wildcards', async () => {
    const roles = await getVcsOrganizationRole({ name: ['ORG_*'] }).in(bed.session)
    expect(roles.map((role) => role.Name).sort()).toEqual(['org_admin', 'org_member', 'org_owner'])
  })

  it('lists services and the roles of the services from the pipeline', async () => {
    const services = await getVcsService({ name: ['VMware Cloud*'] }).in(bed.session)
    expect(services.map((service) => service.Name).sort()).toEqual([
      'VMware Cloud Disaster Recovery',
      'VMware Cloud on AWS',
    ])
    const roles = await getVcsService({ name: ['VMware Cloud*'] })
      .pipe(getVcsServiceRole())
      .in(bed.session)
    expect(roles.map((role) => role.Name).sort()).toEqual([
      'nsx:cloud_admin',
      'nsx:cloud_auditor',
      'vcdr:admin',
      'vcdr:auditor',
      'vmc-user:full',
    ])
  })

  it('lists groups with wildcards', async () => {
    const groups = await getVcsGroup({ name: ['s*'] }).in(bed.session)
    expect(groups.map((group) => group.Name).sort()).toEqual(['SRE On-Call', 'Security Auditors'])
  })

  it('filters invitations by e-mail wildcard and derived status', async () => {
    const all = await getVcsUserInvitation().in(bed.session)
    expect(all).toHaveLength(9)
    const expired = await getVcsUserInvitation({ email: ['*@DEMO.example'], status: ['Expired'] }).in(
      bed.session,
    )
    expect(expired.map((invitation) => invitation.Email).sort()).toEqual([
      'nina.petrova@demo.example',
      'oscar.lindqvist@demo.example',
    ])
    const pendingA = await getVcsUserInvitation({ email: ['a*'], status: ['Available'] }).in(bed.session)
    expect(pendingA.map((invitation) => invitation.Email)).toEqual(['alex.turner@demo.example'])
  })

  it("never calls an expired invitation Available, so PowerCLI's Status -eq 'Available' keeps its meaning", async () => {
    // PowerCLI's UserInvitationStatusEnum: Available, Redeemed, Revoked, Unknown; Expired is derived
    // here (CSP has no such status), and the -Status help says an expired invitation is not Available.
    const interpreter = new Interpreter({ registry, session: bed.session })
    const available = toPlain(
      await interpreter.evaluate("Get-VcsUserInvitation | Where-Object Status -eq 'Available'"),
    ) as Array<{ Email: string; ExpiredDate: string }>
    expect(interpreter.statementErrors).toEqual([])
    const byParameter = await getVcsUserInvitation({ status: ['Available'] }).in(bed.session)
    expect(available.map((invitation) => invitation.Email).sort()).toEqual(
      byParameter.map((invitation) => invitation.Email).sort(),
    )
    expect(available).toHaveLength(3)
    for (const invitation of available)
      expect(new Date(invitation.ExpiredDate).getTime()).toBeGreaterThan(Date.now())
    const statuses = new Set(
      (await getVcsUserInvitation().in(bed.session)).map((invitation) => invitation.Status),
    )
    expect([...statuses].sort()).toEqual(['Available', 'Expired', 'Redeemed', 'Revoked'])
    const help = String(registry.find('Get-VcsUserInvitation')?.parameters.status?.description)
    expect(help).toContain(
      "an expired invitation is never Available, so PowerCLI scripts that test Status -eq 'Available'",
    )
  })
})
