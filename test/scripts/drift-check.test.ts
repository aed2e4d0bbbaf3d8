// scripts/examples/drift-check.mjs, run as a nightly job would run it (`zx drift-check.mjs team.csv`
// with VCS_SERVER and VCS_API_TOKEN set) against a real emulator: exit 6 with the differences while
// the demo org differs from scripts/examples/team.csv, exit 0 once Sync-VcsOrganization applied it,
// and not 0 when it cannot tell (no connection).
import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startEmulator } from '../../src/emulator/index.js'
import { cleanEnv, runCli } from '../cli/helpers.js'

vi.setConfig({ testTimeout: 60_000 })
const ZX = resolve('node_modules/.bin/zx')
const TEAM = resolve('scripts/examples/team.csv')

let emulator: Awaited<ReturnType<typeof startEmulator>>
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo' })
  env = { VCS_SERVER: emulator.url, VCS_API_TOKEN: emulator.credentials.apiToken }
})
afterAll(async () => {
  await emulator?.close()
})

function zx(args: string[], extraEnv: NodeJS.ProcessEnv = env) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      ZX,
      [resolve('scripts/examples/drift-check.mjs'), ...args],
      { env: { ...cleanEnv(), ...extraEnv } },
      (error, stdout, stderr) =>
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

describe('drift-check.mjs', () => {
  it('exits 6 listing the drift, then 0 once the org was synced; -Check of the CLI agrees', async () => {
    const drifted = await zx([TEAM])
    expect(drifted.code, drifted.stderr).toBe(6)
    expect(drifted.stdout).toContain('the organization drifted; 8 action(s) would make it match:')
    expect(drifted.stdout).toContain('  ChangeRoles maya.patel@demo.example (+org_admin; -org_member)')
    expect(drifted.stdout).toContain('  RevokeInvitation alex.turner@demo.example (-org_member)')
    const check = await runCli(['Compare-VcsOrganization', '--path', TEAM, '--check', '--output', 'json'], {
      env,
    })
    expect(check.code, check.stderr).toBe(6)
    expect((JSON.parse(check.stdout) as unknown[]).length).toBe(8)
    expect(check.stderr).toContain('The organization differs from the desired state: 8 action(s) needed.')
    const sync = await runCli(['Sync-VcsOrganization', '--path', TEAM], { env })
    expect(sync.code, sync.stderr).toBe(0)
    expect(sync.stderr).toContain('Summary: 2 invited, 4 changed (roles or groups), 2 revoked.')
    const clean = await zx([TEAM])
    expect(clean.code, clean.stderr).toBe(0)
    expect(clean.stdout).toContain('the organization matches.')
    const checked = await runCli(['Compare-VcsOrganization', '--path', TEAM, '--check'], { env })
    expect(checked.code, checked.stderr).toBe(0)
    // Zoe is not in the file: with --remove that is drift too.
    const strict = await zx([TEAM, '--remove'])
    expect(strict.code).toBe(6)
    expect(strict.stdout).toContain('  Remove zoe.campbell@demo.example (-org_member)')
  })

  it('is not 0 when it cannot tell', async () => {
    const result = await zx([TEAM], { VCS_SERVER: emulator.url, VCS_API_TOKEN: 'not-a-token' })
    expect(result.code).not.toBe(0)
    expect(result.code).not.toBe(6)
  })
})
