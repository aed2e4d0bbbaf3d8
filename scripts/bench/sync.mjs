#!/usr/bin/env node
// Sync-VcsOrganization at scale: an org of 5,000 users whose desired state (a CSV file) differs in
// 10% of them (role changes, newcomers to invite, pending invitations to revoke, members to remove),
// applied by a one-shot `vcs` process at the emulator's rate limit. The time is compared with the
// rate-limit bound for the requests the sync needs; the requests it sent are reported beside.
//   node scripts/bench/sync.mjs [--quick] [--reps N]     (standalone: prints the rows)
// run.mjs calls benchSync() for its `sync` section.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  CLI,
  NODE,
  ROOT,
  accessTokenFor,
  cleanEnv,
  control,
  fmtMs,
  fmtSample,
  log,
  machineLine,
  median,
  parseFlags,
  requestCount,
  run,
  summary,
  table,
} from './lib.mjs'

const PAGE = 200
const INVITE_BATCH = 100
const REVOKE_BATCH = 100
const REMOVE_BATCH = 20

/** The drift, as shares of the org: together 10%. */
function driftOf(n) {
  const total = Math.round(n / 10)
  const invite = Math.round(total * 0.3)
  const revoke = Math.round(total * 0.1)
  const remove = Math.round(total * 0.1)
  return { total, roles: total - invite - revoke - remove, invite, revoke, remove }
}

/** Creates `count` pending invitations straight through the API (before the rate limit is on). */
async function seedInvitations(emulator, count) {
  const token = await accessTokenFor(emulator.url, emulator.credentials.apiToken)
  for (let i = 0; i < count; i += INVITE_BATCH) {
    const usernames = Array.from(
      { length: Math.min(INVITE_BATCH, count - i) },
      (_, k) => `stale${i + k + 1}@old.demo.example`,
    )
    const response = await fetch(`${emulator.url}/csp/gateway/am/api/orgs/${emulator.orgId}/invitations`, {
      method: 'POST',
      headers: { 'csp-auth-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ usernames, organizationRoles: [{ name: 'org_member' }] }),
    })
    if (!response.ok) throw new Error(`seeding invitations: ${response.status} ${await response.text()}`)
  }
}

/** Every member with roles, straight from the CSP API (before the rate limit is turned on). */
async function members(emulator) {
  const token = await accessTokenFor(emulator.url, emulator.credentials.apiToken)
  const all = []
  for (let start = 1; ; start += PAGE) {
    const response = await fetch(
      `${emulator.url}/csp/gateway/am/api/v2/orgs/${emulator.orgId}/users?pageStart=${start}&pageLimit=${PAGE}`,
      { headers: { 'csp-auth-token': token } },
    )
    const page = await response.json()
    all.push(...page.results)
    if (page.results.length < PAGE) return all
  }
}

/** The desired state: the org as it is, with the drift applied. Returns the file and the drift. */
async function writeTeam(emulator, n, path) {
  const drift = driftOf(n)
  const users = await members(emulator)
  const cell = (list) => `"${list.join('; ')}"`
  const lines = ['Email,OrganizationRoles,ServiceRoles']
  // Generated staff only are changed or left out; the credential holders stay as they are.
  const staff = users.filter((item) => item.user.email.endsWith('@staff.demo.example'))
  const changed = new Set(staff.slice(0, drift.roles).map((item) => item.user.email))
  const removed = new Set(staff.slice(drift.roles, drift.roles + drift.remove).map((item) => item.user.email))
  for (const item of users) {
    if (removed.has(item.user.email)) continue
    let roles = (item.organizationRoles ?? []).map((role) => role.name)
    const services = (item.serviceRoles ?? []).flatMap((service) =>
      (service.serviceRoles ?? []).map((role) => role.name),
    )
    // A role change: developer given, or taken away from those who have it.
    if (changed.has(item.user.email))
      roles = roles.includes('developer')
        ? roles.filter((role) => role !== 'developer')
        : [...roles, 'developer']
    lines.push(`${item.user.email},${cell(roles)},${cell(services)}`)
  }
  for (let i = 0; i < drift.invite; i++) lines.push(`newcomer${i + 1}@new.demo.example,"org_member",""`)
  writeFileSync(path, lines.join('\n') + '\n')
  return { drift, users: users.length }
}

/**
 * The requests a sync of this drift needs: connecting (the token exchange), the
 * reads (the user list, the invitations, the role and service catalogues, who is connected), one
 * PATCH per role change, the invitation and revoke POSTs in batches of 100, one listing to match new
 * invitations, and the removals in batches of 20.
 */
function requestsNeeded(users, drift) {
  // The token exchange; the connection looks its org name up only when it is shown, which a sync does not.
  const connect = 1
  const reads = Math.ceil(users / PAGE) + 1 + 1 + 2 + 1
  const writes =
    drift.roles +
    Math.ceil(drift.invite / INVITE_BATCH) +
    1 +
    Math.ceil(drift.revoke / REVOKE_BATCH) +
    Math.ceil(drift.remove / REMOVE_BATCH)
  return connect + reads + writes
}

/**
 * Runs the benchmark; returns run.mjs rows ([what, measured, reference, ratio, target, verdict]).
 * `R` requests per second, `L` ms of latency, as run.mjs configures the emulator.
 */
export async function benchSync({ quick = false, reps = quick ? 1 : 3, R = 20, L = 20 } = {}) {
  const n = quick ? 500 : 5000
  const { startEmulator } = await import(resolve(ROOT, 'dist/emulator.js'))
  const work = mkdtempSync(join(tmpdir(), 'vcs-bench-sync-'))
  const times = []
  const sent = []
  const left = []
  const throttled = []
  let needed = 0
  let drift
  try {
    for (let i = 0; i < reps; i++) {
      log(`sync ${n}: repetition ${i + 1}/${reps}`)
      const emulator = await startEmulator({ port: 0, quiet: true, seed: 'empty', users: n })
      try {
        const api = control(emulator.url)
        // Pending invitations the file does not name: revoked by the sync.
        await seedInvitations(emulator, driftOf(n).revoke)
        const team = join(work, `team-${i}.csv`)
        const shape = await writeTeam(emulator, n, team)
        drift = shape.drift
        needed = requestsNeeded(shape.users, drift)
        await api.config({
          latencyMs: L,
          rateLimit: { requestsPerSecond: R, retryAfter: true },
          faults: null,
        })
        await api.resetStats()
        const result = await run(NODE, [CLI, 'Sync-VcsOrganization', '--path', team, '--remove'], {
          env: cleanEnv({
            VCS_SERVER: emulator.url,
            VCS_API_TOKEN: emulator.credentials.apiToken,
            VCS_CREDENTIAL_STORE: 'memory',
          }),
          timeoutMs: 30 * 60_000,
        })
        const stats = await api.stats()
        await api.config({ latencyMs: 0, rateLimit: null, faults: null })
        if (result.code !== 0)
          throw new Error(
            `sync failed (exit ${result.code}): ${result.stderr.trim().split('\n').slice(-3).join(' / ')}`,
          )
        // The run did the drift, nothing else: its summary line says so.
        const expected = `Summary: ${drift.invite} invited, ${drift.roles} changed (roles or groups), ${drift.remove} removed, ${drift.revoke} revoked.`
        if (!result.stderr.includes(expected))
          throw new Error(`sync did not do the drift: expected '${expected}', got: ${result.stderr.trim()}`)
        throttled.push(stats.rateLimited ?? 0)
        times.push(result.ms)
        sent.push(requestCount(stats) - (stats.rateLimited ?? 0))
        // What is left to do afterwards: 0 when the sync did everything.
        const check = await run(
          NODE,
          [CLI, 'Compare-VcsOrganization', '--path', team, '--remove', '--output', 'json'],
          {
            env: cleanEnv({
              VCS_SERVER: emulator.url,
              VCS_API_TOKEN: emulator.credentials.apiToken,
              VCS_CREDENTIAL_STORE: 'memory',
            }),
            timeoutMs: 10 * 60_000,
          },
        )
        left.push(check.stdout.trim() ? JSON.parse(check.stdout).length : 0)
      } finally {
        await emulator.close()
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  const bound = (needed / R) * 1000
  const ratio = summary(times).median / bound
  const what = `sync ${n.toLocaleString('en')} users, 10% drift (${drift.roles} role changes, ${drift.invite} invitations, ${drift.revoke} revocations, ${drift.remove} removals; \`Sync-VcsOrganization -Remove\`, R=${R}/s, L=${L} ms)`
  return [
    [
      what,
      fmtSample(summary(times)),
      `${needed} requests needed / R = ${fmtMs(bound)}`,
      `${ratio.toFixed(2)}x`,
      '<= 1.2x',
      ratio <= 1.2 ? 'PASS' : '**MISS**',
    ],
    [
      `sync ${n.toLocaleString('en')}: requests sent (429s not counted) / 429s / actions left afterwards`,
      `${median(sent)} / ${median(throttled)} / ${Math.max(...left)}`,
      `${needed} requests needed`,
      'n/a',
      '0 left',
      Math.max(...left) === 0 ? 'PASS' : '**MISS**',
    ],
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const flags = parseFlags(process.argv.slice(2), {
    usage: 'node scripts/bench/sync.mjs [--quick] [--reps N]',
  })
  const machine = machineLine()
  const rows = await benchSync({ quick: flags.quick, reps: flags.reps })
  console.log(`Machine: ${machine}.\n`)
  console.log(table(['what', 'measured', 'reference', 'ratio', 'target', 'verdict'], rows))
  console.log(
    `\nLoad average at the end: ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
}
