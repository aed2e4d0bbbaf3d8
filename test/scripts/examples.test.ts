// The example zx scripts in scripts/examples run as users would run them (`zx script.mjs`, with
// VCS_SERVER and VCS_API_TOKEN set) against a real emulator; their effects are checked through `vcs`.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../src/emulator/index.js'
import { cleanEnv, runCli } from '../cli/helpers.js'

const ZX = resolve('node_modules/.bin/zx')
const script = (name: string) => resolve('scripts/examples', name)

let emulator: Awaited<ReturnType<typeof startEmulator>>
let env: NodeJS.ProcessEnv
let work: string

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo' })
  env = { VCS_SERVER: emulator.url, VCS_API_TOKEN: emulator.credentials.apiToken }
  work = await mkdtemp(join(tmpdir(), 'vcs-examples-'))
})
afterAll(async () => {
  await emulator?.close()
  if (work) await rm(work, { recursive: true, force: true })
})

function zx(name: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      ZX,
      [script(name), ...args],
      { cwd: work, env: { ...cleanEnv(), ...env } },
      (error, stdout, stderr) =>
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

/** The oracle for `-Name 'A*'`, straight from the emulator's CSP API: users with any name part starting with A. */
async function usersNamedA(): Promise<number> {
  const authorize = await fetch(`${emulator.url}/csp/gateway/am/api/auth/api-tokens/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_token: emulator.credentials.apiToken }),
  })
  const { access_token: token } = (await authorize.json()) as { access_token: string }
  const response = await fetch(
    `${emulator.url}/csp/gateway/am/api/v2/orgs/${emulator.orgId}/users?pageLimit=200`,
    {
      headers: { 'csp-auth-token': token },
    },
  )
  const page = (await response.json()) as {
    results: Array<{ user: { username: string; email: string; firstName?: string; lastName?: string } }>
  }
  // -Name matches the Name property: the full name, or the username when CSP has no names.
  const named = page.results.filter(({ user }) =>
    /^a/i.test([user.firstName, user.lastName].filter(Boolean).join(' ') || user.username),
  )
  expect(named.length).toBeGreaterThan(0)
  return named.length
}

async function vcsJson<T>(args: string[]): Promise<T[]> {
  const result = await runCli(args, { env })
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(result.stdout) as T[]
}

describe('example zx scripts', () => {
  it('bulk-invite.mjs invites every row of a CSV and writes a result file', async () => {
    const emails = ['bulk-1@examples.test', 'bulk-2@examples.test', 'bulk-3@examples.test']
    await writeFile(
      join(work, 'people.csv'),
      `Email,FirstName\n${emails.map((e) => `${e},Someone`).join('\n')}\n`,
    )
    const result = await zx('bulk-invite.mjs', ['people.csv', '--results', 'results.csv'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/3 invitation\(s\) sent for people\.csv; 3 row\(s\) in results\.csv/)
    expect(result.stdout).toMatch(/Invited: 3/)
    const invited = await vcsJson<{ Email: string }>(['Get-VcsUserInvitation', '--email', '*@examples.test'])
    expect(invited.map((i) => i.Email).sort()).toEqual(emails)
    const rows = (await readFile(join(work, 'results.csv'), 'utf8')).trim().split('\n')
    expect(rows).toHaveLength(emails.length + 1)
  })

  it('prune-expired-invitations.mjs revokes expired invitations only', async () => {
    const before = await vcsJson<{ Status: string }>(['Get-VcsUserInvitation'])
    const expired = before.filter((i) => i.Status === 'Expired').length
    expect(expired).toBeGreaterThan(0)
    const dry = await zx('prune-expired-invitations.mjs', ['--dry-run'])
    expect(dry.code, dry.stderr).toBe(0)
    expect(await vcsJson(['Get-VcsUserInvitation', '--status', 'Expired'])).toHaveLength(expired)
    const result = await zx('prune-expired-invitations.mjs')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain(`${expired} expired invitation(s)`)
    expect(await vcsJson(['Get-VcsUserInvitation', '--status', 'Expired'])).toHaveLength(0)
    const pending = before.filter((i) => i.Status === 'Available').length
    expect(await vcsJson(['Get-VcsUserInvitation', '--status', 'Available'])).toHaveLength(pending)
  })

  it('offboard-domain.mjs shows a dry run, then removes the domain and no one else', async () => {
    // Two accounts of a partner domain join the org (an invitation to an existing account adds it).
    const domain = 'partner.example'
    const emails = [`p1@${domain}`, `p2@${domain}`]
    for (const [index, email] of emails.entries()) {
      const response = await fetch(`${emulator.url}/emulator/api/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, firstName: 'Partner', lastName: `Person${index}` }),
      })
      expect(response.status).toBe(201)
    }
    const joined = await runCli(['New-VcsUserInvitation', '--organization-role', 'org_member'], {
      env,
      stdin: emails.join('\n'),
    })
    expect(joined.code, joined.stderr).toBe(0)
    const count = emails.length
    const all = await vcsJson<{ Email: string }>(['Get-VcsUser'])
    expect(await vcsJson(['Get-VcsUser', '--email', `*@${domain}`])).toHaveLength(count)
    const dry = await zx('offboard-domain.mjs', [domain, '--dry-run'])
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stderr).toMatch(/What if/)
    expect(await vcsJson(['Get-VcsUser', '--email', `*@${domain}`])).toHaveLength(count)
    const result = await zx('offboard-domain.mjs', [domain])
    expect(result.code, result.stderr).toBe(0)
    expect(await vcsJson(['Get-VcsUser', '--email', `*@${domain}`])).toHaveLength(0)
    expect(await vcsJson(['Get-VcsUser'])).toHaveLength(all.length - count)
  })

  it("offboard.ps1 (the README's -File example) lists a domain and, with -WhatIf, removes nobody", async () => {
    const before = await vcsJson<{ Email: string }>(['Get-VcsUser'])
    const script = resolve('scripts/examples/offboard.ps1')
    const dryRun = await runCli(['-o', 'json', '-File', script, '-Domain', 'demo.example', '-WhatIf'], {
      env,
    })
    expect(dryRun.code, dryRun.stderr).toBe(0)
    const [found, ...listed] = JSON.parse(dryRun.stdout) as [string, ...{ Email: string }[]]
    const inDomain = before.filter((user) => user.Email.endsWith('@demo.example'))
    expect(found).toBe(`Found ${inDomain.length} user(s) in demo.example`)
    expect(listed.map((user) => user.Email).sort()).toEqual(inDomain.map((user) => user.Email).sort())
    expect(dryRun.stderr).toMatch(/What if: Removing user "/)
    expect(await vcsJson(['Get-VcsUser'])).toHaveLength(before.length)
    // Without --output, a script prints text as pwsh does, piped or not.
    const none = await runCli(['-File', script, '-Domain', 'nowhere.example'], { env })
    expect(none.code, none.stderr).toBe(0)
    expect(none.stdout).toBe('Found 0 user(s) in nowhere.example\n')
  })

  it('onboard.ps1 (functions, switch, splatting, try/catch, CSV, jq, redirection) invites new hires once', async () => {
    const script = resolve('scripts/examples/onboard.ps1')
    const csv = resolve('scripts/examples/new-hires.csv')
    const hires = [
      'noah.fischer@hires.example',
      'lena.moreau@hires.example',
      'omar.haddad@contractor.example',
      'ivy.chen@hires.example',
    ]
    const invitedNow = async () =>
      (await vcsJson<{ Email: string }>(['Get-VcsUserInvitation', '--status', 'Available']))
        .map((invitation) => invitation.Email)
        .filter((email) => hires.includes(email))
    const report = async () =>
      (await readFile(join(work, 'onboard-report.csv'), 'utf8'))
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => JSON.parse(`[${line}]`) as string[])
        .map(([email, , team, kind, status, problem]) => ({ email, team, kind, status, problem }))
    const run = (extra: string[]) =>
      runCli(
        [
          '-File',
          script,
          '-Path',
          csv,
          '-ReportPath',
          join(work, 'onboard-report.csv'),
          '-LogPath',
          join(work, 'onboard.log'),
          ...extra,
        ],
        { env },
      )

    const dry = await run(['-DryRun'])
    expect(dry.code, dry.stderr).toBe(0)
    expect(JSON.parse(dry.stdout)).toEqual({ rows: 6, invited: 4, skipped: 0, invalid: 2, failed: 0 })
    // One line per address, then the request count (the request bodies only under -Verbose).
    expect(dry.stderr).toContain('What if: Inviting user "lena.moreau@hires.example"')
    expect(dry.stderr).toMatch(/What if: 1 e-mail\(s\) would be invited in 1 request\(s\)/)
    expect(dry.stderr).toContain("WARNING: Row for 'Broken Row' skipped: not an e-mail address")
    expect(await invitedNow()).toEqual([])
    expect(await report()).toEqual([
      {
        email: 'noah.fischer@hires.example',
        team: 'platform',
        kind: 'Employee',
        status: 'WouldInvite',
        problem: '',
      },
      {
        email: 'lena.moreau@hires.example',
        team: 'security',
        kind: 'Employee',
        status: 'WouldInvite',
        problem: '',
      },
      {
        email: 'omar.haddad@contractor.example',
        team: 'sales',
        kind: 'Contractor',
        status: 'WouldInvite',
        problem: '',
      },
      {
        email: 'not-an-email',
        team: 'platform',
        kind: 'External',
        status: 'Invalid',
        problem: 'not an e-mail address',
      },
      { email: '', team: 'sales', kind: 'External', status: 'Invalid', problem: 'no e-mail' },
      {
        email: 'ivy.chen@hires.example',
        team: 'unassigned',
        kind: 'Employee',
        status: 'WouldInvite',
        problem: '',
      },
    ])

    const real = await run([])
    expect(real.code, real.stderr).toBe(0)
    expect(JSON.parse(real.stdout)).toEqual({ rows: 6, invited: 4, skipped: 0, invalid: 2, failed: 0 })
    expect((await invitedNow()).sort()).toEqual([...hires].sort())
    expect((await report()).map((row) => row.status)).toEqual([
      'Invited',
      'Invited',
      'Invited',
      'Invalid',
      'Invalid',
      'Invited',
    ])

    const again = await run([])
    expect(again.code, again.stderr).toBe(0)
    expect(JSON.parse(again.stdout)).toEqual({ rows: 6, invited: 0, skipped: 4, invalid: 2, failed: 0 })
    const log = await readFile(join(work, 'onboard.log'), 'utf8')
    expect(log).toMatch(/\[INFO\] lena\.moreau@hires\.example: Invited \(security\)/)
    expect(
      log
        .trim()
        .split('\n')
        .filter((line) => line.includes('Done:')),
    ).toHaveLength(3)
  })

  it("people.csv (the README's Import-Csv example) binds to New-VcsUserInvitation", async () => {
    const csv = resolve('scripts/examples/people.csv')
    const result = await runCli(
      ['-c', `Import-Csv '${csv}' | New-VcsUserInvitation -OrganizationRole org_member -WhatIf -Verbose`],
      { env },
    )
    expect(result.code, result.stderr).toBe(0)
    // -WhatIf names each row's address; -Verbose shows the one request they would go in.
    expect(result.stderr).toContain('What if: Inviting user "lena.moreau@new.example"')
    expect(result.stderr).toContain(
      '"usernames":["noah.fischer@new.example","lena.moreau@new.example","omar.haddad@new.example"]',
    )
  })

  it('role-audit.mjs writes a CSV and a Markdown report of every user', async () => {
    const all = await vcsJson<{ Email: string }>(['Get-VcsUser'])
    const result = await zx('role-audit.mjs', ['--out', 'audit'])
    expect(result.code, result.stderr).toBe(0)
    const csv = (await readFile(join(work, 'audit.csv'), 'utf8')).trim().split('\n')
    expect(csv[0]).toMatch(/Email.*OrganizationRoles/)
    expect(csv).toHaveLength(all.length + 1)
    const markdown = await readFile(join(work, 'audit.md'), 'utf8')
    expect(markdown).toContain(`${all.length} user(s)`)
    expect(markdown).toContain(`| ${all[0].Email} |`)
  })

  it("import 'vcs-shell/globals' makes the cmdlet functions and ps available bare", async () => {
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
      execFile(
        ZX,
        [resolve('test/scripts/fixtures/globals-smoke.mjs')],
        { cwd: work, env: { ...cleanEnv(), ...env } },
        (error, stdout, stderr) => done({ code: error ? 1 : 0, stdout, stderr }),
      ),
    )
    expect(result.code, result.stderr).toBe(0)
    const { users, measured } = JSON.parse(result.stdout) as { users: number; measured: number }
    expect(users).toBe(await usersNamedA())
    expect(measured).toBe(users)
  })
})
