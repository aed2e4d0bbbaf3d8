// The built `vcs` against a real emulator: partial failure (exit 5) when a removal changes some
// targets and fails on others, Ctrl+C while still connecting (exit 130), and an empty pipeline into
// a command that needs pipeline input (nothing to do: exit 0, no request).
import { spawn } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator } from '../../src/emulator/index.js'
import { CLI, cleanEnv, collect, runCli, type CliResult } from './helpers.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>
let emulator: Emulator
let env: NodeJS.ProcessEnv

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', quiet: true })
  env = { VCS_SERVER: emulator.url, VCS_API_TOKEN: emulator.credentials.apiToken }
})
afterEach(() => emulator?.close())

/** The users' e-mails, read as the OAuth app (the owner whose API token `env` uses may be gone). */
async function emails(): Promise<string[]> {
  const { appId, appSecret, orgId } = emulator.credentials
  const app = { VCS_SERVER: emulator.url, VCS_APP_ID: appId, VCS_APP_SECRET: appSecret, VCS_ORG_ID: orgId }
  const result = await runCli(['Get-VcsUser', '--output', 'json'], { env: app })
  expect(result.code).toBe(0)
  return (JSON.parse(result.stdout) as { Email: string }[]).map((user) => user.Email)
}

/** CSP requests (token exchanges included) the emulator has served. */
async function requestCount(): Promise<number> {
  const response = await fetch(`${emulator.url}/emulator/api/stats`)
  const stats = (await response.json()) as { requests: Record<string, number> }
  return Object.values(stats.requests).reduce((sum, count) => sum + count, 0)
}

async function owners(): Promise<string[]> {
  const result = await runCli(
    ['-o', 'json', '-c', "Get-VcsUser | Where-Object { $_.OrganizationRoles -contains 'org_owner' }"],
    {
      env,
    },
  )
  expect(result.code).toBe(0)
  return (JSON.parse(result.stdout) as { Email: string }[]).map((user) => user.Email)
}

describe('partial failure of a removal is exit 5', () => {
  const CHLOE = 'chloe.martin@demo.example'

  it('one user removed and one not found: exit 5', async () => {
    const result = await runCli(
      ['Remove-VcsUser', '--email', `${CHLOE},nobody@demo.example`, '--confirm', 'false'],
      { env },
    )
    expect(result.stderr).toMatch(/nobody@demo\.example/)
    expect(result.code).toBe(5)
    expect(await emails()).not.toContain(CHLOE)
  })

  it('every target failing is still exit 1', async () => {
    const result = await runCli(['Remove-VcsUser', '--email', 'nobody@demo.example', '--confirm', 'false'], {
      env,
    })
    expect(result.code).toBe(1)
  })

  it('both owners: one removed, the last owner refused: exit 5', async () => {
    const both = await owners()
    expect(both).toHaveLength(2)
    const result = await runCli(['Remove-VcsUser', '--email', both.join(','), '--confirm', 'false'], { env })
    expect(result.stderr).not.toBe('')
    expect(result.code).toBe(5)
    const left = await emails()
    expect(both.filter((email) => left.includes(email))).toHaveLength(1)
  })

  it('the same in a vcs -c script: exit 5', async () => {
    const result = await runCli(
      ['-c', `Remove-VcsUser -Email '${CHLOE}', 'nobody@demo.example' -Confirm:$false`],
      { env },
    )
    expect(result.code).toBe(5)
    expect(await emails()).not.toContain(CHLOE)
  })
})

/** Runs `vcs ...args` and sends SIGINT after `afterMs`. */
function interruptAfter(args: readonly string[], afterMs: number): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...cleanEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk) => (stdout += chunk))
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const timer = setTimeout(() => child.kill('SIGINT'), afterMs)
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

describe('Ctrl+C while connecting', () => {
  beforeEach(async () => {
    const response = await fetch(`${emulator.url}/emulator/api/config`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      // Long enough that a run the Ctrl+C did not stop (20 s token exchange, then a 20 s request)
      // outlasts the test's timeout: the test fails by waiting, with no clock in its assertions.
      body: JSON.stringify({ latencyMs: 20_000 }),
    })
    expect(response.ok).toBe(true)
  })

  it.each([
    ['a one-shot command', ['Get-VcsOrganizationRole']],
    ['vcs -c', ['-c', 'Get-VcsOrganizationRole']],
  ])('%s: the first Ctrl+C interrupts the token exchange: exit 130', async (_name, args) => {
    const result = await interruptAfter(args, 1500)
    // One line: the interruption, not a network error about the aborted token exchange.
    expect(result.stderr).toMatch(/^Interrupted: 0 record\(s\) written, 0 error\(s\)\.\n$/)
    expect(result.code).toBe(130)
    expect(result.stdout).not.toContain('org_owner')
  })
})

describe('an empty pipeline is nothing to do', () => {
  it.each([
    ['empty stdin', ''],
    ['an empty JSON array', '[]\n'],
    ['blank lines', '\n  \n\n'],
    ['a CSV header and no rows', 'Email,Name\n'],
  ])('%s into Remove-VcsUser: exit 0, no request, an empty JSON array', async (_name, stdin) => {
    const before = await requestCount()
    const result = await runCli(['Remove-VcsUser', '--confirm', 'false'], { env, stdin })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toMatch(/^(\[\s*\])?$/)
    expect(await requestCount()).toBe(before)
  })

  it("the README's job: vcs Get-VcsUser --email '*@old.example' | vcs Remove-VcsUser --confirm false", async () => {
    const before = (await emails()).length
    const node = JSON.stringify(process.execPath)
    const cli = JSON.stringify(CLI)
    const result = await collect(
      spawn(
        'sh',
        [
          '-c',
          `${node} ${cli} Get-VcsUser --email '*@old.example' | ${node} ${cli} Remove-VcsUser --confirm false`,
        ],
        { env: { ...cleanEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
      ),
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect((await emails()).length).toBe(before)
  })

  it('a command that needs no input still runs once on an empty pipe (cron)', async () => {
    const result = await runCli(['Get-VcsOrganizationRole'], { env, stdin: '' })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('org_owner')
  })

  it('stdin that is not a pipe (/dev/null) still needs the mandatory parameter: exit 2', async () => {
    const before = await requestCount()
    const result = await runCli(['Remove-VcsUser', '--confirm', 'false'], { env })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/Remove-VcsUser needs -User/)
    expect(await requestCount()).toBe(before)
  })

  it('an invalid flag is still exit 2 on an empty pipe', async () => {
    const result = await runCli(['Remove-VcsUser', '--confirm', 'false', '--throttle-limit', 'many'], {
      env,
      stdin: '',
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/many/)
  })
})
