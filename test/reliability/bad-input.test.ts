// The bad-input corpus (test/reliability/bad-input.json) against the built CLI and a live emulator:
// every case gives one error line naming the problem (a parse error may add the source line and a
// caret under it), the expected exit code, no stack trace, and no request where validation should
// have stopped it (checked in the emulator's stats).
import { spawn } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../src/emulator/index.js'
import type { EmulatorStats, RunningEmulator } from '../../src/emulator/types.js'

interface BadInputCase {
  name: string
  argv?: string[]
  script?: string
  stdin?: string
  env?: Record<string, string | null>
  files?: Record<string, string>
  expectExit: number | number[]
  expectStderr: string
  requests?: 'none' | 'noWrites'
  /** One error line per bad record: this many lines (default 1). */
  errorLines?: number
}

const corpus = JSON.parse(readFileSync(resolve('test/reliability/bad-input.json'), 'utf8')) as {
  cases: BadInputCase[]
}
const CLI = resolve(process.env.VCS_CLI ?? 'dist/cli.cjs')
const TOKEN_ROUTE = /\/auth\/(api-tokens\/)?authorize|\/auth\/token|discovery/
const WRITE = /^(POST|PUT|PATCH|DELETE) /

let emulator: RunningEmulator
let work: string

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', quiet: true })
  work = mkdtempSync(join(tmpdir(), 'vcs-bad-input-'))
})
afterAll(async () => {
  await emulator?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

async function resetStats(): Promise<void> {
  const response = await fetch(`${emulator.url}/emulator/api/stats/reset`, { method: 'POST' })
  expect(response.ok).toBe(true)
}

async function stats(): Promise<EmulatorStats> {
  return (await (await fetch(`${emulator.url}/emulator/api/stats`)).json()) as EmulatorStats
}

function environment(overrides: Record<string, string | null> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('VCS_')) env[name] = value
  delete env.VCS_DEBUG
  env.NO_COLOR = '1'
  env.VCS_SERVER = emulator.url
  env.VCS_API_TOKEN = emulator.credentials.apiToken
  env.VCS_CREDENTIAL_STORE = 'memory'
  const values: Record<string, string> = {
    $appId: emulator.credentials.appId,
    $orgId: emulator.credentials.orgId,
  }
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null) delete env[name]
    else env[name] = values[value] ?? value
  }
  return env
}

function runCase(testCase: BadInputCase, cwd: string) {
  const args = testCase.script !== undefined ? ['-c', testCase.script] : (testCase.argv ?? [])
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: environment(testCase.env),
      stdio: [testCase.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (chunk) => (stdout += chunk))
    child.stderr!.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolvePromise({ code, stdout, stderr })
    })
    if (testCase.stdin !== undefined) child.stdin!.end(testCase.stdin)
  })
}

describe('bad-input corpus', () => {
  it('has at least 60 distinct cases, each with an expectation', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(60)
    expect(new Set(corpus.cases.map((c) => c.name)).size).toBe(corpus.cases.length)
    for (const c of corpus.cases) {
      expect(c.argv !== undefined || c.script !== undefined, c.name).toBe(true)
      expect(() => new RegExp(c.expectStderr, 'i')).not.toThrow()
    }
  })

  for (const [index, testCase] of corpus.cases.entries()) {
    const { requests } = testCase
    it(`${testCase.name}`, async () => {
      const cwd = join(work, `case-${index}`)
      mkdirSync(cwd, { recursive: true })
      for (const [name, content] of Object.entries(testCase.files ?? {})) {
        mkdirSync(dirname(join(cwd, name)), { recursive: true })
        writeFileSync(join(cwd, name), content)
      }
      await resetStats()
      let result = await runCase(testCase, cwd)
      // dist/ is shared: another run's rebuild can remove it for a moment. Retry that, nothing else.
      for (
        let retry = 0;
        retry < 3 && /ERR_MODULE_NOT_FOUND|Cannot find module/.test(result.stderr);
        retry++
      ) {
        await new Promise((r) => setTimeout(r, 2000))
        await resetStats()
        result = await runCase(testCase, cwd)
      }
      // The ledger's closing summary (issue 14) is not an error line.
      const lines = result.stderr
        .replace(/\n$/, '')
        .split('\n')
        .filter((line) => !line.startsWith('Summary: '))
      const context = `${testCase.name}\nexit ${result.code}\nstderr:\n${result.stderr}\nstdout:\n${result.stdout.slice(0, 500)}`

      const allowed = Array.isArray(testCase.expectExit) ? testCase.expectExit : [testCase.expectExit]
      expect(allowed, context).toContain(result.code)
      // One error line (per bad record), or one error line plus the source line and a caret under the token.
      expect(result.stderr.trim(), context).not.toBe('')
      const oneLine = lines.length === (testCase.errorLines ?? 1)
      const withCaret = lines.length === 3 && /^\s*\^+\s*$/.test(lines[2])
      expect(oneLine || withCaret, context).toBe(true)
      expect(lines[0], context).toMatch(new RegExp(testCase.expectStderr, 'i'))
      expect(result.stderr + result.stdout, context).not.toMatch(/\n\s+at .+:\d+:\d+\)?/)
      expect(result.stderr, context).not.toMatch(/\b(TypeError|ReferenceError|SyntaxError|RangeError)\b/)

      const counted = await stats()
      const sent = Object.entries(counted.requests).filter(([, count]) => count > 0)
      if (requests === 'none') expect(sent, context).toEqual([])
      if (requests === 'noWrites') {
        const writes = sent.filter(([route]) => WRITE.test(route) && !TOKEN_ROUTE.test(route))
        expect(writes, context).toEqual([])
      }
    })
  }
})
