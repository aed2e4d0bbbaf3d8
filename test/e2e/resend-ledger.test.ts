// Send-VcsUserInvitation (revoke, then invite again) as a real process against the emulator with
// faults injected into its writes: the stderr summary equals what the server holds, every person it
// did not finish is reported on their own with the state the server shows for them, and the command
// each report gives finishes the job. CSP documents no invitation for an e-mail that has a pending
// one (csp-api.md §4.4: only a 409 "conflict"), so the old one is revoked first.
import { describe, expect, it } from 'vitest'
import {
  configure,
  emails,
  ledgerSuite,
  note,
  startCli,
  summaryOf,
  until,
  type Emulator,
} from './ledger-helpers.js'

const suite = ledgerSuite()

const DOMAIN = 'resend.example'
const RESEND = `Get-VcsUserInvitation -Email '*@${DOMAIN}' | Send-VcsUserInvitation`
const INVITE_POST = 'POST /orgs/{orgId}/invitations'
const REVOKE = 'DELETE /orgs/{orgId}/invitations/{invitationId}'
const AM = '/csp/gateway/am/api'

interface Listed {
  Id: string
  Email: string
  Status: string
}

/** Every invitation at the domain, as the server lists them (through `vcs`, as any client sees them). */
async function invitations(server: Emulator): Promise<Listed[]> {
  const { done } = startCli(server, ['Get-VcsUserInvitation', '--email', `*@${DOMAIN}`, '--output', 'json'])
  const result = await done
  if (result.code !== 0) throw new Error(`listing invitations failed: ${result.stderr}`)
  const text = result.stdout.trim()
  return text ? (JSON.parse(text) as Listed[]) : []
}

/** An emulator whose org has 30 pending invitations at the domain; their ids. */
async function thirtyPending(): Promise<{ server: Emulator; old: Map<string, string> }> {
  const server = await suite.start()
  const invite = await startCli(server, ['New-VcsUserInvitation'], { stdin: emails(30, DOMAIN).join('\n') })
    .done
  expect(invite.code, invite.stderr).toBe(0)
  const old = new Map((await invitations(server)).map((i) => [i.Email, i.Id]))
  expect(old.size).toBe(30)
  return { server, old }
}

/** The people reported on stderr: e-mail → [the state said, the command that finishes the job]. */
function reports(stderr: string): Map<string, { state: string; finish: string }> {
  const found = new Map<string, { state: string; finish: string }>()
  for (const line of stderr.split('\n')) {
    const match = /^Send-VcsUserInvitation: (\S+@\S+): (.*)\. To finish: (.*)$/.exec(line)
    if (match) found.set(match[1], { state: match[2], finish: match[3] })
  }
  return found
}

/** Runs the resend as a one-shot script; the new invitations are its JSON output. */
async function resend(server: Emulator) {
  const result = await startCli(server, ['--output', 'json', '-c', RESEND]).done
  const text = result.stdout.trim()
  const sent = text ? (JSON.parse(text) as Listed[]) : []
  return { ...result, sent, summary: summaryOf(result.stderr), reported: reports(result.stderr) }
}

/** The summary, the output and the server agree; each report names the state the server shows. */
async function expectLedgerAgrees(
  scenario: string,
  server: Emulator,
  old: Map<string, string>,
  run: Awaited<ReturnType<typeof resend>>,
) {
  const after = await invitations(server)
  const status = new Map(after.map((i) => [i.Id, i.Status]))
  const pending = after.filter((i) => i.Status === 'Available')
  const revoked = [...old.values()].filter((id) => status.get(id) === 'Revoked')
  expect(run.summary.revoked ?? 0).toBe(revoked.length)
  expect(run.summary.invited ?? 0).toBe(pending.filter((i) => ![...old.values()].includes(i.Id)).length)
  expect(new Set(run.sent.map((i) => i.Id))).toEqual(
    new Set(pending.filter((i) => ![...old.values()].includes(i.Id)).map((i) => i.Id)),
  )
  // Every one of the 30 has a fate in the summary, and no one has two pending invitations.
  const fates = ['invited', 'failed', 'unknown', 'skipped', 'added directly']
  expect(fates.reduce((sum, fate) => sum + (run.summary[fate] ?? 0), 0)).toBe(30)
  expect(run.summary['not attempted'] ?? 0).toBe(0)
  expect(new Set(pending.map((i) => i.Email)).size).toBe(pending.length)
  // Each person reported is in the state the report says.
  expect(run.reported.size).toBe((run.summary.failed ?? 0) + (run.summary.unknown ?? 0))
  for (const [email, { state }] of run.reported) {
    const hasPending = pending.some((i) => i.Email === email)
    if (state.includes('was revoked and no new one was created')) {
      expect(status.get(old.get(email)!), email).toBe('Revoked')
      expect(hasPending, email).toBe(false)
    } else if (state.includes('could not be revoked and is still pending')) {
      expect(status.get(old.get(email)!), email).toBe('Available')
    } else expect(state, email).toMatch(/unknown/)
  }
  note(scenario, {
    exit: run.code,
    summary: run.summary,
    output: run.sent.length,
    reported: run.reported.size,
    server: { oldRevoked: revoked.length, pending: pending.length },
  })
  return { pending, revoked }
}

/** Runs every command the reports give, with the faults off: afterwards each person has one invitation. */
async function finish(server: Emulator, run: Awaited<ReturnType<typeof resend>>) {
  const script = [...run.reported.values()].map((report) => report.finish).join('\n')
  const result = await startCli(server, ['-c', script]).done
  expect(result.code, result.stderr).toBe(0)
  const pending = (await invitations(server)).filter((i) => i.Status === 'Available')
  expect(pending.map((i) => i.Email).sort()).toEqual(emails(30, DOMAIN).sort())
}

describe('Send-VcsUserInvitation under faults: summary = server, every unfinished person reported', () => {
  it('the new invitations cannot be created: each of the 30 is told "revoked, no new one" and how to finish', async () => {
    const { server, old } = await thirtyPending()
    await configure(server, { faults: { rate: 1, kinds: ['500'], slowMs: 0, routes: [INVITE_POST] } })
    const run = await resend(server)
    await configure(server, { faults: null })
    // Nobody was resent: every error is a failure (exit 1), not a usage error.
    expect(run.code, run.stderr).toBe(1)
    expect(run.summary).toEqual({ revoked: 30, failed: 30 })
    await expectLedgerAgrees('resend, invitation POST fails', server, old, run)
    expect(run.reported.size).toBe(30)
    const [email, report] = [...run.reported][0]
    expect(report.state).toContain(`the old invitation (${old.get(email)}) was revoked and no new one`)
    expect(report.finish).toBe(`New-VcsUserInvitation -Email '${email}' -OrganizationRole 'org_member'`)
    expect(run.stderr).not.toMatch(/undefined|\[object Object\]|fetch failed/)
    await finish(server, run)
  })

  it('the old invitations cannot be revoked: each is told "still pending" and how to finish', async () => {
    const { server, old } = await thirtyPending()
    await configure(server, { faults: { rate: 1, kinds: ['500'], slowMs: 0, routes: [REVOKE] } })
    const run = await resend(server)
    await configure(server, { faults: null })
    expect(run.code, run.stderr).toBe(1)
    expect(run.summary).toEqual({ failed: 30 })
    await expectLedgerAgrees('resend, revoke fails', server, old, run)
    const [email, report] = [...run.reported][0]
    expect(report.finish).toBe(`Send-VcsUserInvitation -Id '${old.get(email)}'`)
    await finish(server, run)
  })

  it('Ctrl+C mid-resend: who was revoked still gets a new invitation; the rest keep the old one', async () => {
    const { server, old } = await thirtyPending()
    await configure(server, { latencyMs: 300 })
    const run = startCli(server, ['--output', 'json', '-c', RESEND], { env: { VCS_DRAIN_SECONDS: '20' } })
    await until(
      () => (server.stats().requests[`DELETE ${AM}/orgs/{orgId}/invitations/{invitationId}`] ?? 0) >= 6,
      'revokes',
    )
    run.child.kill('SIGINT')
    const result = await run.done
    await configure(server, { latencyMs: 0 })
    expect(result.code, result.stderr).toBe(130)
    const summary = summaryOf(result.stderr)
    const after = await invitations(server)
    const status = new Map(after.map((i) => [i.Id, i.Status]))
    const revoked = [...old.values()].filter((id) => status.get(id) === 'Revoked').length
    const fresh = after.filter((i) => i.Status === 'Available' && ![...old.values()].includes(i.Id))
    expect(summary.revoked).toBe(revoked)
    expect(summary.invited).toBe(fresh.length)
    // Nobody is left with no invitation: every revoked person got the new one.
    expect(fresh.length).toBe(revoked)
    expect(revoked).toBeGreaterThan(0)
    expect(revoked).toBeLessThan(30)
    expect(summary['not attempted']).toBe(30 - revoked)
    expect(after.filter((i) => i.Status === 'Available')).toHaveLength(30)
    note('resend, Ctrl+C mid-run', {
      exit: result.code,
      summary,
      server: { oldRevoked: revoked, newPending: fresh.length },
    })
  })

  for (const seed of [2]) {
    it(`random faults on both halves (seed ${seed}): summary = output = server, the reports finish the job`, async () => {
      const { server, old } = await thirtyPending()
      await configure(server, {
        faults: { rate: 0.6, kinds: ['500', 'reset'], slowMs: 0, seed, routes: [INVITE_POST, REVOKE] },
      })
      const run = await resend(server)
      await configure(server, { faults: null })
      expect([0, 1, 5]).toContain(run.code)
      expect(run.stderr).not.toMatch(/undefined|\[object Object\]|fetch failed/)
      await expectLedgerAgrees(`resend, random faults seed ${seed}`, server, old, run)
      await finish(server, run)
    })
  }
})
