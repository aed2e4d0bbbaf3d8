// Script mode of the built `vcs`: -c with a CSP cmdlet (connecting from the environment), -File with
// arguments and param(), script text on stdin, `--demo` with a piped script, and `vcs emulator --json`.
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../src/emulator/index.js'
import { CLI, cleanEnv, runCli } from './helpers.js'

let emulator: Awaited<ReturnType<typeof startEmulator>>
let env: NodeJS.ProcessEnv
let work: string

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo' })
  env = { VCS_SERVER: emulator.url, VCS_API_TOKEN: emulator.credentials.apiToken }
  work = await mkdtemp(join(tmpdir(), 'vcs-script-'))
})
afterAll(async () => {
  await emulator?.close()
  if (work) await rm(work, { recursive: true, force: true })
})

describe('script mode', () => {
  it('-c runs a pipeline of CSP cmdlets, connected from the environment', async () => {
    const result = await runCli(['-c', 'Get-VcsUser | Measure-Object'], { env })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Count\s+: [1-9]\d*$/m)
  })

  it('exit n in a script is the exit code of vcs', async () => {
    const result = await runCli(['-c', "'before'; exit 7; 'after'"], { env })
    expect(result.code).toBe(7)
    expect(result.stdout).toBe('before\n')
  })

  it('-File passes positional and named arguments to param()', async () => {
    const file = join(work, 'greet.ps1')
    await writeFile(file, 'param($Name, $Greeting = "Hello")\n"$Greeting, $Name"\n')
    const positional = await runCli(['-File', file, 'World'])
    expect(positional.stderr).toBe('')
    expect(positional.stdout).toBe('Hello, World\n')
    const named = await runCli(['-File', file, '-Name', 'Ada', '-Greeting', 'Hi'])
    expect(named.stdout).toBe('Hi, Ada\n')
  })

  it('-File with a missing script is exit 1 with one line', async () => {
    const result = await runCli(['-File', join(work, 'missing.ps1')])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/missing\.ps1.*does not exist/)
  })

  it('runs script text piped on stdin', async () => {
    const result = await runCli([], { stdin: '$n = 2 + 3\n"n is $n"\n' })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('n is 5\n')
  })

  it('a failed statement is reported and the script goes on, with a non-zero exit', async () => {
    const result = await runCli(['-c', 'Get-VcsUser -Bogus; "still running"'], { env })
    expect(result.stdout).toContain('still running')
    expect(result.stderr).toMatch(/Bogus/)
    expect(result.code).not.toBe(0)
  })

  it('--demo runs a piped script against the embedded emulator', async () => {
    const result = await runCli(['--demo', '-o', 'json'], { stdin: 'Get-VcsUser | Measure-Object\n' })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)[0].Count).toBeGreaterThan(0)
  })
})

describe('vcs emulator', () => {
  it('--json prints one JSON line with the URL and credentials, then serves', async () => {
    const child = spawn(process.execPath, [CLI, 'emulator', '--port', '0', '--seed', 'empty', '--json'], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const lines = createInterface({ input: child.stdout! })
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve)
        child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)))
      })
      const info = JSON.parse(first) as { url: string }
      expect(info.url).toMatch(/^https?:\/\/[^/]+:\d+$/)
      const result = await runCli(['-o', 'json', '-c', 'Get-VcsUser | Measure-Object'], {
        env: {
          VCS_SERVER: info.url,
          VCS_API_TOKEN:
            (info as Record<string, any>).credentials?.apiToken ?? (info as Record<string, any>).apiToken,
        },
      })
      expect(result.code).toBe(0)
      // The empty seed holds only the organization's own accounts.
      expect(JSON.parse(result.stdout)[0].Count).toBeGreaterThan(0)
    } finally {
      child.kill()
    }
  })
})
