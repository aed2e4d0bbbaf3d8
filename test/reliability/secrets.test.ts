// A fast subset of the soak's secrets scan: commands run with a known API token and app secret, and
// neither (nor any 12-character piece of them) may appear in stdout, stderr, the emulator's request
// log or the credential file. The full scan (shell session, history, ps) is in scripts/soak/run.mjs.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../src/emulator/index.js'
import type { RunningEmulator } from '../../src/emulator/types.js'

const CLI = resolve(process.env.VCS_CLI ?? 'dist/cli.cjs')
let emulator: RunningEmulator
let work: string
const emulatorLog: string[] = []

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', log: (line) => emulatorLog.push(line) })
  work = mkdtempSync(join(tmpdir(), 'vcs-secrets-'))
})
afterAll(async () => {
  await emulator?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

function pieces(secret: string, size = 12): string[] {
  const all = new Set([secret])
  for (let i = 0; i + size <= secret.length; i++) all.add(secret.slice(i, i + size))
  return [...all]
}

/** The sources (by name) holding any piece of a secret. */
function leaks(sources: Record<string, string>, secrets: string[]): string[] {
  const found: string[] = []
  for (const [name, text] of Object.entries(sources))
    if (secrets.some((secret) => pieces(secret).some((piece) => text.includes(piece)))) found.push(name)
  return found
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (out += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      done({ code, out })
    })
  })
}

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('VCS_')) env[name] = value
  return { ...env, NO_COLOR: '1', HOME: work, XDG_CONFIG_HOME: join(work, 'config'), ...extra }
}

describe('secrets stay out of output and logs', () => {
  it('the scan finds a planted secret (the check can fail)', () => {
    const secret = 'abcdefghijklmnopqrstuvwxyz0123456789'
    expect(leaks({ planted: `token ${secret.slice(5, 20)} here` }, [secret])).toEqual(['planted'])
    expect(leaks({ clean: 'nothing to see' }, [secret])).toEqual([])
  })

  it('one-shot, -c, verbose and failing commands with an API token and an OAuth app secret', async () => {
    const { apiToken, appId, appSecret, orgId } = emulator.credentials
    const tokenEnv = baseEnv({
      VCS_SERVER: emulator.url,
      VCS_API_TOKEN: apiToken,
      VCS_CREDENTIAL_STORE: 'memory',
    })
    const credentialFile = join(work, 'credentials.json')
    const appEnv = baseEnv({
      VCS_SERVER: emulator.url,
      VCS_APP_ID: appId,
      VCS_APP_SECRET: appSecret,
      VCS_ORG_ID: orgId,
      VCS_CREDENTIAL_STORE: 'file',
      VCS_CREDENTIAL_FILE: credentialFile,
    })
    const secretFile = join(work, 'secret.txt')
    writeFileSync(secretFile, appSecret, { mode: 0o600 })
    const appFileEnv = baseEnv({
      VCS_SERVER: emulator.url,
      VCS_APP_ID: appId,
      VCS_APP_SECRET_FILE: secretFile,
      VCS_ORG_ID: orgId,
      VCS_CREDENTIAL_STORE: 'memory',
    })
    const runs: [string, string[], NodeJS.ProcessEnv][] = [
      ['list users, verbose and debug', ['Get-VcsUser', '--verbose', '--debug'], tokenEnv],
      ['connection as JSON', ['Get-VcsConnection', '--output', 'json'], tokenEnv],
      ['-c with Format-List *', ['-c', 'Get-VcsConnection | Format-List *'], tokenEnv],
      [
        'a failing removal, verbose',
        ['-c', "Remove-VcsUser -Id 'nobody' -Confirm:$false -Verbose"],
        tokenEnv,
      ],
      ['OAuth app, file store', ['Get-VcsOrganizationRole', '--verbose'], appEnv],
      ['OAuth app, secret file', ['-c', 'Get-VcsConnection | ConvertTo-Json -Depth 5'], appFileEnv],
      [
        'unreachable server, VCS_DEBUG=1',
        ['Get-VcsUser'],
        { ...tokenEnv, VCS_DEBUG: '1', VCS_SERVER: 'http://127.0.0.1:9' },
      ],
    ]
    const sources: Record<string, string> = {}
    let succeeded = 0
    for (const [name, args, env] of runs) {
      const result = await run(args, env)
      sources[name] = result.out
      if (result.code === 0) succeeded++
    }
    // The commands did their work (the token was used), so the scan is not vacuous.
    expect(succeeded).toBeGreaterThanOrEqual(5)
    expect(emulatorLog.length).toBeGreaterThan(0)
    sources['emulator log'] = emulatorLog.join('\n')
    // The file store caches the OAuth app's access token there: the file must exist to be scanned.
    expect(existsSync(credentialFile)).toBe(true)
    sources['credential file'] = readFileSync(credentialFile, 'utf8')
    expect(leaks(sources, [apiToken, appSecret])).toEqual([])
  }, 120_000)
})
