// The BUILT `vcs` against `vcs emulator --tls` (its own generated CA): a custom CA from the
// environment or -CaFile, an OAuth app over TLS, and -SkipCertificateCheck. The bundle loads undici
// differently from the TypeScript sources (test/auth/http.test.ts), so only a process test sees it.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, cleanEnv, runCli } from './helpers.js'

interface EmulatorInfo {
  url: string
  orgId: string
  apiToken: string
  appId: string
  appSecret: string
  caFile: string
}

let child: ChildProcess
let emulator: EmulatorInfo

beforeAll(async () => {
  child = spawn(process.execPath, [CLI, 'emulator', '--json', '--tls', '--seed', 'demo'], {
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const lines = createInterface({ input: child.stdout! })
  emulator = await new Promise<EmulatorInfo>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`vcs emulator --tls exited with ${code}`)))
    lines.once('line', (line) => resolve(JSON.parse(line) as EmulatorInfo))
  })
  expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
}, 30_000)
afterAll(() => {
  child?.kill('SIGTERM')
})

function roles(stdout: string): string[] {
  return (JSON.parse(stdout) as { Name: string }[]).map((role) => role.Name)
}

describe('the built CLI over TLS with the emulator CA', () => {
  it('connects with VCS_API_TOKEN and VCS_CA_FILE', async () => {
    const result = await runCli(['Get-VcsOrganizationRole'], {
      env: { VCS_SERVER: emulator.url, VCS_API_TOKEN: emulator.apiToken, VCS_CA_FILE: emulator.caFile },
    })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(roles(result.stdout)).toContain('org_owner')
  })

  it('connects as an OAuth app with VCS_CA_FILE', async () => {
    const result = await runCli(['Get-VcsOrganizationRole'], {
      env: {
        VCS_SERVER: emulator.url,
        VCS_APP_ID: emulator.appId,
        VCS_APP_SECRET: emulator.appSecret,
        VCS_ORG_ID: emulator.orgId,
        VCS_CA_FILE: emulator.caFile,
      },
    })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(roles(result.stdout)).toContain('org_owner')
  })

  it('connects with Connect-Vcs -CaFile in a script', async () => {
    const result = await runCli(
      [
        '-o',
        'json',
        '-c',
        `Connect-Vcs -Server ${emulator.url} -ApiToken $env:VCS_API_TOKEN -CaFile '${emulator.caFile}' | Out-Null; Get-VcsOrganizationRole`,
      ],
      { env: { VCS_API_TOKEN: emulator.apiToken } },
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(roles(result.stdout)).toContain('org_owner')
  })

  it('connects with -SkipCertificateCheck and warns that verification is off', async () => {
    const result = await runCli(
      [
        '-o',
        'json',
        '-c',
        `Connect-Vcs -Server ${emulator.url} -ApiToken $env:VCS_API_TOKEN -SkipCertificateCheck | Out-Null; Get-VcsOrganizationRole`,
      ],
      { env: { VCS_API_TOKEN: emulator.apiToken } },
    )
    expect(result.stderr).toMatch(/^WARNING: TLS certificate verification is off for 127\.0\.0\.1:\d+/)
    expect(result.stderr).not.toMatch(/constructor|Could not reach/)
    expect(result.code).toBe(0)
    expect(roles(result.stdout)).toContain('org_owner')
  })
})
