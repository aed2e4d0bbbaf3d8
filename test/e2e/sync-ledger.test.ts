// Sync-VcsOrganization as a real one-shot process against the emulator over HTTP, stopped with SIGINT
// midway: exit 130, and its stderr summary, its result file and the organization agree; a rerun
// with the same result file does the rest and nothing twice.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { configure, ledgerSuite, startCli, summaryOf, until, type Emulator } from './ledger-helpers.js'

const suite = ledgerSuite()
const dir = mkdtempSync(join(tmpdir(), 'vcs-sync-ledger-'))
const PATCH_ROLES = 'PATCH /csp/gateway/am/api/v3/users/{userId}/orgs/{orgId}/roles'

async function json<T>(server: Emulator, args: string[]): Promise<T> {
  const { done } = startCli(server, [...args, '--output', 'json'])
  const result = await done
  if (result.code !== 0 && result.code !== 6) throw new Error(`${args[0]} failed: ${result.stderr}`)
  return (result.stdout.trim() ? JSON.parse(result.stdout) : []) as T
}

async function patches(server: Emulator): Promise<number> {
  const response = await fetch(`${server.url}/emulator/api/stats`)
  const stats = (await response.json()) as { requests: Record<string, number> }
  return stats.requests[PATCH_ROLES] ?? 0
}

function rows(path: string): Array<Record<string, string>> {
  return parse(readFileSync(path, 'utf8'), { columns: true }) as Array<Record<string, string>>
}

describe('a sync stopped by SIGINT keeps its ledger', () => {
  it('exit 130; summary = result file = organization; the rerun finishes the rest, nothing twice', async () => {
    const emulator = await suite.start({ users: 40 })
    // Desired: every member also a developer (one PATCH each).
    const users = await json<Array<{ Email: string; OrganizationRoles: string[]; ServiceRoles: string[] }>>(
      emulator,
      ['Get-VcsUser'],
    )
    const team = join(dir, 'team.csv')
    const cell = (list: string[]) => `"${list.join('; ')}"`
    writeFileSync(
      team,
      [
        'Email,OrganizationRoles,ServiceRoles',
        ...users.map(
          (user) =>
            `${user.Email},${cell([...new Set([...user.OrganizationRoles, 'developer'])])},${cell(user.ServiceRoles)}`,
        ),
      ].join('\n') + '\n',
    )
    const planned = await json<Array<{ Action: string }>>(emulator, [
      'Compare-VcsOrganization',
      '--path',
      team,
    ])
    const changes = planned.filter((action) => action.Action === 'ChangeRoles').length
    expect(changes).toBeGreaterThan(40)
    await configure(emulator, { latencyMs: 150 })
    const resultPath = join(dir, 'results.csv')
    const run = startCli(
      emulator,
      ['Sync-VcsOrganization', '--path', team, '--result-path', resultPath, '--throttle-limit', '2'],
      { env: { VCS_DRAIN_SECONDS: '20' } },
    )
    const server = emulator
    await until(async () => (await patches(server)) >= 10, 'role changes')
    run.child.kill('SIGINT')
    const first = await run.done
    expect(first.code, first.stderr).toBe(130)
    await configure(emulator, { latencyMs: 0 })
    const summary = summaryOf(first.stderr)
    expect(summary.unknown ?? 0).toBe(0)
    expect(summary.changed).toBeGreaterThanOrEqual(10)
    expect(summary.changed + (summary['not attempted'] ?? 0) + (summary.revoked ?? 0)).toBe(planned.length)
    // The file says the same, row for row.
    const written = rows(resultPath)
    expect(written.filter((row) => row.Result === 'Done' && row.Action === 'ChangeRoles')).toHaveLength(
      summary.changed,
    )
    // And the organization: exactly the changes not done are still planned.
    const left = await json<Array<{ Action: string }>>(emulator, ['Compare-VcsOrganization', '--path', team])
    expect(left.filter((action) => action.Action === 'ChangeRoles')).toHaveLength(changes - summary.changed)
    expect(left.length).toBe(planned.length - summary.changed - (summary.revoked ?? 0))
    // The rerun with the same file: only the rest is sent.
    const before = await patches(emulator)
    const again = startCli(emulator, ['Sync-VcsOrganization', '--path', team, '--result-path', resultPath])
    const second = await again.done
    expect(second.code, second.stderr).toBe(0)
    expect(second.stderr).toMatch(/Resuming with '.*results\.csv': \d+ action\(s\) done by an earlier run/)
    expect((await patches(emulator)) - before).toBe(changes - summary.changed)
    const done = rows(resultPath).filter((row) => row.Result === 'Done')
    expect(done).toHaveLength(planned.length)
    expect(new Set(done.map((row) => `${row.Action} ${row.Email}`)).size).toBe(planned.length)
    const check = startCli(emulator, ['Compare-VcsOrganization', '--path', team, '--check'])
    expect((await check.done).code).toBe(0)
  })
})
