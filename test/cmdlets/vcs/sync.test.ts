// Compare-VcsOrganization and Sync-VcsOrganization against the demo emulator over HTTP: the plan for
// the demo's team.csv, desired state from objects, bad input refused before anything is sent, -WhatIf,
// the apply, the safety rules, the result file and resume, and a run aborted midway whose ledger
// agrees with what the organization holds.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import {
  compareVcsOrganization,
  getVcsGroupMember,
  getVcsUser,
  getVcsUserInvitation,
  syncVcsOrganization,
  type VcsSyncAction,
  type VcsSyncResult,
} from '../../../src/library/vcs.js'
import {
  AuthError,
  currentLedger,
  DriftError,
  ExitCode,
  RecordingHost,
  Session,
  UsageError,
} from '../../../src/engine/index.js'
import { connect } from '../../../src/auth/index.js'
import {
  configure,
  errorMessages,
  requestsTo,
  resetStats,
  stats,
  useEmulator,
  writeRequests,
} from './emulator.js'

// The aborted run sends requests with latency: longer than the default timeout on a loaded machine.
vi.setConfig({ testTimeout: 120_000 })
const bed = useEmulator()
const TEAM = resolve(import.meta.dirname, '../../../scripts/examples/team.csv')
const dir = mkdtempSync(join(tmpdir(), 'vcs-sync-'))
const PATCH_ROLES = '/v3/users/{userId}/orgs/{orgId}/roles'

const plan = async (args: Parameters<typeof compareVcsOrganization>[0] = { path: TEAM }) =>
  (await compareVcsOrganization(args).in(bed.session)) as VcsSyncAction[]
const brief = (actions: readonly VcsSyncAction[]) =>
  actions.map((action) => [action.Action, action.Email, action.Add, action.Remove])

/** A desired-state file of the given rows (header Email,OrganizationRoles,ServiceRoles). */
function file(name: string, rows: string[]): string {
  const path = join(dir, name)
  writeFileSync(path, ['Email,OrganizationRoles,ServiceRoles', ...rows].join('\n') + '\n')
  return path
}

describe('Compare-VcsOrganization', () => {
  it("plans the demo org's team.csv: role changes, revoked and new invitations, a group, nothing sent", async () => {
    await resetStats(bed)
    expect(brief(await plan())).toEqual([
      ['ChangeRoles', 'aaron.mitchell@demo.example', [], ['developer']],
      ['ChangeRoles', 'chloe.martin@demo.example', ['vmc-user:full'], []],
      ['ChangeRoles', 'maya.patel@demo.example', ['org_admin'], ['org_member']],
      ['RevokeInvitation', 'alex.turner@demo.example', [], ['org_member']],
      ['RevokeInvitation', 'grace.kim@demo.example', [], ['org_member', 'developer']],
      ['Invite', 'grace.kim@demo.example', ['org_member'], []],
      ['Invite', 'jordan.lee@demo.example', ['org_member', 'tmc:member', 'Platform Engineering'], []],
      ['AddToGroup', 'chloe.martin@demo.example', ['Finance'], []],
    ])
    expect(writeRequests(await stats(bed))).toBe(0)
    expect(bed.host.information).toEqual([
      'Plan: 2 to invite, 3 role changes, 2 invitations to revoke, 1 group changes; 31 already as desired. 1 member(s) not in the desired state are kept (-Remove removes them).',
    ])
  })

  // As Compare-Object: "Lines with content that appear in both files aren't displayed" unless
  // -IncludeEqual (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/compare-object).
  it('-IncludeEqual lists what is already right; -Remove plans removing members the file leaves out', async () => {
    const all = await plan({ path: TEAM, includeEqual: true })
    const same = all.filter((action) => action.Action === 'None')
    expect(same).toHaveLength(31)
    expect(same.find((action) => action.Email === 'samuel.reid@demo.example')?.Reason).toBe(
      'invitation pending with the desired roles',
    )
    const removing = (await plan({ path: TEAM, remove: true })).filter((action) => action.Action === 'Remove')
    expect(brief(removing)).toEqual([['Remove', 'zoe.campbell@demo.example', [], ['org_member']]])
  })

  it('takes desired-state objects from the pipeline (lists as arrays or ";" text; no Groups: groups left alone)', async () => {
    const desired = [
      {
        Email: 'maya.patel@demo.example',
        OrganizationRole: 'org_member',
        ServiceRoles: ['automationservice:user', 'tmc:member'],
      },
      { Email: 'Chloe.Martin@demo.example', OrganizationRoles: 'org_member; developer', ServiceRoles: '' },
      { Email: 'new.person@demo.example', OrganizationRole: 'Organization Administrator' },
    ]
    const actions = await plan({ inputObject: desired })
    const changes = actions.filter(
      (action) => action.Action !== 'Remove' && action.Action !== 'RevokeInvitation',
    )
    expect(brief(changes)).toEqual([
      ['ChangeRoles', 'chloe.martin@demo.example', ['developer'], []],
      ['ChangeRoles', 'maya.patel@demo.example', ['tmc:member'], []],
      ['Invite', 'new.person@demo.example', ['org_admin'], []],
    ])
    // The three pending invitations of people the objects leave out are revoked.
    expect(
      actions
        .filter((action) => action.Action === 'RevokeInvitation')
        .map((a) => a.Email)
        .sort(),
    ).toEqual(['alex.turner@demo.example', 'grace.kim@demo.example', 'samuel.reid@demo.example'])
  })

  it('export, edit, compare: what Get-VcsUser | Export-Csv writes is a desired state', async () => {
    const users = await getVcsUser().in(bed.session)
    const quote = (list: string[] | null) => `"${(list ?? []).join('; ')}"`
    const path = file(
      'export.csv',
      users.map((user) => `${user.Email},${quote(user.OrganizationRoles)},${quote(user.ServiceRoles)}`),
    )
    // Members match themselves; only the pending invitations (not members) are off.
    expect(new Set((await plan({ path })).map((action) => action.Action))).toEqual(
      new Set(['RevokeInvitation']),
    )
  })

  it('-Check: a DriftError (exit code 6) after the plan when the org drifted, success once it matches', async () => {
    const error = await compareVcsOrganization({ path: TEAM, check: true })
      .in(bed.session)
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DriftError)
    expect((error as DriftError).exitCode).toBe(ExitCode.Drift)
    expect(ExitCode.Drift).toBe(6)
    expect((error as Error).message).toBe(
      'The organization differs from the desired state: 8 action(s) needed.',
    )
    await syncVcsOrganization({ path: TEAM }).in(bed.session)
    await expect(compareVcsOrganization({ path: TEAM, check: true }).in(bed.session)).resolves.toEqual([])
  })

  it.each([
    [
      'an unknown role',
      ['maya.patel@demo.example,org_wizard,'],
      /row 1: maya\.patel@demo\.example: Unknown organization role 'org_wizard'/,
    ],
    [
      'two base roles',
      ['maya.patel@demo.example,org_admin; org_member,'],
      /row 1: .*org_admin and org_member: every member holds exactly one/,
    ],
    ['an e-mail twice', ['a@demo.example,,', 'A@demo.example,,'], /row 2: a@demo\.example is also on row 1/],
    ['a row without an e-mail', [',org_member,'], /row 1: it has no Email/],
    ['no rows at all', [], /names nobody/],
  ])('refuses %s before anything is sent', async (_what, rows, message) => {
    await resetStats(bed)
    const path = file('bad.csv', rows)
    const error = await syncVcsOrganization({ path, remove: true })
      .in(bed.session)
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toMatch(message)
    expect(writeRequests(await stats(bed))).toBe(0)
  })

  it("an administrator on console CSP cannot see others' roles: refused with a hint, nothing sent", async () => {
    const host = new RecordingHost()
    const session = new Session({ host, errorActionPreference: 'Continue' })
    const { credentials, url } = bed.emulator
    await connect({ server: url, apiToken: credentials.adminApiToken, credentialStore: 'memory' }, session)
    await resetStats(bed)
    const error = await syncVcsOrganization({ path: TEAM })
      .in(session)
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AuthError)
    expect((error as AuthError).message).toMatch(/does not show this connection the roles of other users/)
    expect((error as AuthError).hint).toMatch(/owner's API token/)
    expect(writeRequests(await stats(bed))).toBe(0)
  })

  it('a missing file is one line naming it', async () => {
    await expect(plan({ path: join(dir, 'nope.csv') })).rejects.toThrow(/nope\.csv.*does not exist/)
  })
})

describe('Sync-VcsOrganization', () => {
  it('-WhatIf prints each action and sends nothing', async () => {
    await resetStats(bed)
    expect(await syncVcsOrganization({ path: TEAM, whatIf: true }).in(bed.session)).toEqual([])
    expect(writeRequests(await stats(bed))).toBe(0)
    expect(bed.host.whatIf).toHaveLength(9)
    expect(bed.host.whatIf[2]).toMatch(
      /^What if: Performing the operation "Change roles \(add org_admin; remove org_member\)" on target "maya\.patel@demo\.example"/,
    )
    expect(bed.host.whatIf.at(-1)).toBe('What if: 8 action(s) would be applied.')
  })

  it('applies the plan: the org then matches, the ledger counts every action, batched requests', async () => {
    await resetStats(bed)
    const results = (await syncVcsOrganization({ path: TEAM, passThru: true }).in(
      bed.session,
    )) as VcsSyncResult[]
    expect(results.map((result) => result.Result)).toEqual(Array(8).fill('Done'))
    expect(currentLedger(bed.session)).toMatchObject({
      changed: 4,
      revoked: 2,
      invited: 2,
      failed: 0,
      notAttempted: 0,
    })
    // 3 PATCHes, 1 revoke POST for both, 2 invitation POSTs (different roles), 1 group POST.
    expect(writeRequests(await stats(bed))).toBe(7)
    expect(await plan()).toEqual([])
    const [maya] = await getVcsUser({ email: ['maya.patel@demo.example'] }).in(bed.session)
    expect(maya.OrganizationRoles).toEqual(['org_admin'])
    const grace = await getVcsUserInvitation({ email: ['grace.kim@demo.example'], status: ['Available'] }).in(
      bed.session,
    )
    expect(grace.map((invitation) => invitation.OrganizationRoles)).toEqual([['org_member']])
    expect(errorMessages(bed.host)).toEqual([])
  })

  it('-Confirm asks once per action: declined actions are not sent and not counted', async () => {
    const host = new RecordingHost(true, ['yes', 'no', 'yes', 'noToAll'])
    const session = new Session({ host, errorActionPreference: 'Continue' })
    const { credentials, url } = bed.emulator
    await connect({ server: url, apiToken: credentials.apiToken, credentialStore: 'memory' }, session)
    await resetStats(bed)
    const results = (await syncVcsOrganization({ path: TEAM, confirm: true, passThru: true }).in(
      session,
    )) as VcsSyncResult[]
    expect(host.confirmations).toHaveLength(4)
    expect(results.map((result) => [result.Action, result.Email])).toEqual([
      ['ChangeRoles', 'aaron.mitchell@demo.example'],
      ['ChangeRoles', 'maya.patel@demo.example'],
    ])
    // Yes, No (Chloe), Yes, then No to All from Alex's revocation on.
    expect(host.confirmations.map((request) => request.target)).toEqual([
      'aaron.mitchell@demo.example',
      'chloe.martin@demo.example',
      'maya.patel@demo.example',
      'alex.turner@demo.example',
    ])
    expect(currentLedger(session)).toMatchObject({ changed: 2, revoked: 0, notAttempted: 0 })
    expect(writeRequests(await stats(bed))).toBe(2)
  })

  it('a Groups column manages groups: a member the file leaves out of a group is taken out of it', async () => {
    const members = (await getVcsGroupMember({ group: 'Contractors' }).in(bed.session)).map(
      (user) => user.Email,
    )
    expect(members.sort()).toEqual(['gabriel.silva@demo.example', 'yusuf.demir@demo.example'])
    const text = readFileSync(TEAM, 'utf8').replace(
      'yusuf.demir@demo.example,org_member,,Contractors',
      'yusuf.demir@demo.example,org_member,,',
    )
    const path = join(dir, 'groups.csv')
    writeFileSync(path, text)
    const removing = (await plan({ path })).filter((action) => action.Action === 'RemoveFromGroup')
    expect(brief(removing)).toEqual([['RemoveFromGroup', 'yusuf.demir@demo.example', [], ['Contractors']]])
    await syncVcsOrganization({ path }).in(bed.session)
    const after = (await getVcsGroupMember({ group: 'Contractors' }).in(bed.session)).map(
      (user) => user.Email,
    )
    expect(after).toEqual(['gabriel.silva@demo.example'])
    expect(await plan({ path })).toEqual([])
  })

  it('-Remove removes members the file leaves out, but not the connected user or the last owner without -Force', async () => {
    // Only Daniel (an owner) and Maya are wanted: Ava is the connected owner, Zoe and the rest go.
    const path = file('few.csv', [
      'daniel.okafor@demo.example,org_member,vmc-user:full',
      'maya.patel@demo.example,org_member,automationservice:user',
    ])
    const results = (await syncVcsOrganization({ path, remove: true, passThru: true }).in(
      bed.session,
    )) as VcsSyncResult[]
    const byEmail = new Map(results.map((result) => [result.Email + ' ' + result.Action, result]))
    expect(byEmail.get('ava.thompson@demo.example Remove')?.Result).toBe('Refused')
    expect(byEmail.get('ava.thompson@demo.example Remove')?.Reason).toMatch(/connected user.*Add -Force/)
    // Daniel's owner role goes: Ava stays an owner.
    expect(byEmail.get('daniel.okafor@demo.example ChangeRoles')?.Result).toBe('Done')
    expect(byEmail.get('zoe.campbell@demo.example Remove')?.Result).toBe('Done')
    const left = (await getVcsUser().in(bed.session)).map((user) => user.Email).sort()
    expect(left).toEqual([
      'ava.thompson@demo.example',
      'daniel.okafor@demo.example',
      'maya.patel@demo.example',
    ])
    expect(currentLedger(bed.session)).toMatchObject({ removed: 31, failed: 1 })
  })

  it('under -ErrorAction Stop the first refusal ends the run, on the books, before anything is sent', async () => {
    const host = new RecordingHost()
    const session = new Session({ host, errorActionPreference: 'Stop' })
    await connect(
      { server: bed.emulator.url, apiToken: bed.emulator.credentials.apiToken, credentialStore: 'memory' },
      session,
    )
    const path = file('stop.csv', ['maya.patel@demo.example,org_admin,automationservice:user'])
    const resultPath = join(dir, 'stop-results.csv')
    await resetStats(bed)
    await expect(syncVcsOrganization({ path, remove: true, resultPath }).in(session)).rejects.toThrow(
      /Not removing ava\.thompson@demo\.example: that is the connected user/,
    )
    expect(writeRequests(await stats(bed))).toBe(0)
    expect(readFileSync(resultPath, 'utf8')).toMatch(
      /^Action,.*\nRemove,ava\.thompson@demo\.example,,.*,Refused,/,
    )
    expect(currentLedger(session)).toMatchObject({ failed: 1, notAttempted: 0 })
  })

  it("never takes the last owner's org_owner role", async () => {
    // A file demoting both owners: one demotion goes through; the connected owner (Ava) keeps the
    // role, so this session still sees the organization as it changes it.
    const both = file('no-owners.csv', [
      'ava.thompson@demo.example,org_admin,vmc-user:full; automationservice:cloud_admin',
      'daniel.okafor@demo.example,org_member,vmc-user:full',
    ])
    const results = (await syncVcsOrganization({ path: both, passThru: true }).in(
      bed.session,
    )) as VcsSyncResult[]
    const roles = results.filter((result) => result.Action === 'ChangeRoles')
    roles.sort((a, b) => a.Email.localeCompare(b.Email))
    expect(roles.map((result) => [result.Email, result.Result])).toEqual([
      ['ava.thompson@demo.example', 'Refused'],
      ['daniel.okafor@demo.example', 'Done'],
    ])
    expect(roles[0].Reason).toMatch(/last org owner/)
    expect(await getVcsUser({ organizationRole: ['org_owner'] }).in(bed.session)).toHaveLength(1)
  })

  it('-ResultPath records every action; a rerun with the same file resumes and sends nothing twice', async () => {
    const resultPath = join(dir, 'results.csv')
    writeFileSync(resultPath, '')
    await syncVcsOrganization({ path: TEAM, resultPath }).in(bed.session)
    const rows = readFileSync(resultPath, 'utf8').trim().split('\n')
    expect(rows[0]).toBe('Action,Email,Add,Remove,Result,Reason,Timestamp')
    expect(rows).toHaveLength(9)
    expect(rows.slice(1).every((row) => row.includes(',Done,'))).toBe(true)
    await resetStats(bed)
    bed.host.information.length = 0
    await syncVcsOrganization({ path: TEAM, resultPath }).in(bed.session)
    expect(writeRequests(await stats(bed))).toBe(0)
    expect(bed.host.information.at(-1)).toBe(
      `Resuming with '${resultPath}': 8 action(s) done by an earlier run are already in place; 0 left.`,
    )
    expect(readFileSync(resultPath, 'utf8').trim().split('\n')).toHaveLength(9)
  })

  it('refuses a -ResultPath that is another kind of file, before anything is sent', async () => {
    const other = join(dir, 'other.csv')
    writeFileSync(other, 'Email,Result\nx@y.z,Invited\n')
    await resetStats(bed)
    await expect(syncVcsOrganization({ path: TEAM, resultPath: other }).in(bed.session)).rejects.toThrow(
      /not a result file of Sync-VcsOrganization/,
    )
    expect(writeRequests(await stats(bed))).toBe(0)
    expect(readFileSync(other, 'utf8')).toBe('Email,Result\nx@y.z,Invited\n')
  })

  it('aborted midway: the ledger, the result file and the org agree, and a rerun finishes the rest', async () => {
    // 30 role changes sent one at a time with latency, aborted after a few.
    const members = await getVcsUser().in(bed.session)
    const users = members.filter((user) => !user.OrganizationRoles!.includes('developer'))
    const rows = members.map(
      (user) =>
        `${user.Email},"${[...new Set([...user.OrganizationRoles!, 'developer'])].join('; ')}","${user.ServiceRoles!.join('; ')}"`,
    )
    const path = file('developers.csv', rows)
    const before = await plan({ path })
    const changes = before.filter((action) => action.Action === 'ChangeRoles')
    expect(changes).toHaveLength(users.length)
    await configure(bed, { latencyMs: 150 })
    const resultPath = join(dir, 'aborted.csv')
    const controller = new AbortController()
    // A pipeline runs once awaited: start it now, keep its end for later.
    const run = syncVcsOrganization({ path, resultPath, throttleLimit: 1 })
      .withSignal(controller.signal)
      .in(bed.session)
      .then(
        () => undefined,
        (error: unknown) => error,
      )
    const started = Date.now()
    while (requestsTo(await stats(bed), 'PATCH', PATCH_ROLES) < 4) {
      if (Date.now() - started > 60_000) throw new Error('no PATCH went out')
      await new Promise((r) => setTimeout(r, 20))
    }
    controller.abort()
    expect(String(await run)).toMatch(/interrupted/i)
    await configure(bed, { latencyMs: 0 })
    const ledger = currentLedger(bed.session)!
    const developers = (await getVcsUser({ organizationRole: ['developer'] }).in(bed.session)).length
    expect(ledger.changed).toBeGreaterThan(0)
    expect(ledger.unknown).toBe(0)
    expect(ledger.changed + ledger.notAttempted + ledger.failed).toBe(before.length)
    // What CSP holds: exactly `changed` more developers, and exactly the rest still planned.
    const after = await plan({ path })
    expect(after.filter((action) => action.Action === 'ChangeRoles')).toHaveLength(
      changes.length - ledger.changed,
    )
    expect(developers - (members.length - users.length)).toBe(ledger.changed)
    const file1 = readFileSync(resultPath, 'utf8')
    expect(file1.match(/,Done,/g)).toHaveLength(ledger.changed)
    expect(file1.match(/,NotAttempted,/g)?.length ?? 0).toBe(ledger.notAttempted)
    // Resume: the rerun does the rest and nothing twice.
    await resetStats(bed)
    await syncVcsOrganization({ path, resultPath }).in(bed.session)
    expect(await plan({ path })).toEqual([])
    const patches = requestsTo(await stats(bed), 'PATCH', PATCH_ROLES)
    expect(patches).toBe(changes.length - ledger.changed)
    // Every action of the first plan done exactly once, over the two runs (role changes and revocations).
    expect(readFileSync(resultPath, 'utf8').match(/,Done,/g)).toHaveLength(before.length)
  })
})
