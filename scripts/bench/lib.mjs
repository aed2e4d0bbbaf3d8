// Shared helpers of the benchmark and soak runners: statistics, the machine line, child processes,
// the emulator's control API and the markdown report.
import { spawn } from 'node:child_process'
import { cpus, freemem, loadavg, totalmem } from 'node:os'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, resolve } from 'node:path'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
// VCS_CLI points at a staged build (as in test/cli/helpers.ts).
export const CLI = resolve(ROOT, process.env.VCS_CLI ?? 'dist/cli.cjs')
export const NODE = process.execPath

/**
 * Parses `--quick`, `--smoke`, `--out FILE`, `--reps N`, `--only S` and `--sizes N,N`; with
 * `defaults.positional`, bare words are collected in `flags.cases` (`run.mjs list invite`).
 */
export function parseFlags(argv, defaults) {
  const flags = {
    quick: false,
    smoke: false,
    out: defaults.out,
    outGiven: false,
    reps: undefined,
    only: undefined,
    sizes: undefined,
    cases: [],
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (defaults.positional && /^[a-z][a-z-]*$/.test(arg)) flags.cases.push(arg)
    else if (arg === '--sizes') flags.sizes = argv[++i].split(',').map(Number)
    else if (arg === '--quick') flags.quick = true
    else if (arg === '--smoke') flags.smoke = flags.quick = true
    else if (arg === '--out' || arg.startsWith('--out=')) {
      flags.out = arg === '--out' ? argv[++i] : arg.slice(6)
      flags.outGiven = true
    } else if (arg === '--reps') flags.reps = Number(argv[++i])
    else if (arg === '--only') flags.only = argv[++i]
    else {
      process.stderr.write(`Unknown option ${arg}. Usage: ${defaults.usage}\n`)
      process.exit(2)
    }
  }
  return flags
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Median and the min–max range of a sample. */
export function summary(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length }
}

export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return 'n/a'
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`
  return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`
}

export function fmtMb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** `median (min–max, n=…)` of a time sample. */
export function fmtSample(s, fmt = fmtMs) {
  if (!s || s.n === 0) return 'n/a'
  if (s.n === 1) return `${fmt(s.median)} (n=1)`
  return `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)}, n=${s.n})`
}

export function machineLine() {
  const cpu = cpus()
  let distro = ''
  try {
    distro = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? ''
  } catch {
    // not Linux
  }
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  return (
    `${cpu[0]?.model?.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ` +
    `${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM (${(freemem() / 1024 ** 3).toFixed(1)} GB free), ` +
    `${distro || process.platform}, Node ${process.version}, load average at start ${load}, ` +
    `${new Date().toISOString()}`
  )
}

/**
 * Runs a command to completion. Resolves { code, signal, stdout, stderr, ms } and never rejects on a
 * non-zero exit; `timeoutMs` kills it (SIGKILL) so every run stops by itself.
 */
export function run(cmd, args, options = {}) {
  const { input, timeoutMs = 120_000, env, cwd = ROOT, onStdout } = options
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      onStdout?.(chunk, child)
    })
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      resolvePromise({ code, signal, stdout, stderr, ms, pid: child.pid })
    })
    child.stdin.on('error', () => {})
    if (input !== undefined) child.stdin.end(input)
    else child.stdin.end()
  })
}

/** An environment with nothing of the caller's vcs settings, plus `extra`. */
export function cleanEnv(extra = {}) {
  const env = {}
  for (const [key, value] of Object.entries(process.env)) {
    // $CI makes Ink draw only its last frame: the benchmarks measure the shell as a person sees it.
    if (key.startsWith('VCS_') || key === 'NODE_OPTIONS' || key === 'CI' || key === 'CONTINUOUS_INTEGRATION')
      continue
    env[key] = value
  }
  return { ...env, NO_COLOR: '1', ...extra }
}

/** The emulator's control API over HTTP. */
export function control(url) {
  const call = async (method, path, body) => {
    const response = await fetch(`${url}/emulator/api/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} /emulator/api/${path}: ${response.status} ${text}`)
    return text ? JSON.parse(text) : undefined
  }
  return {
    stats: () => call('GET', 'stats'),
    resetStats: () => call('POST', 'stats/reset'),
    reset: () => call('POST', 'reset'),
    seed: (users) => call('POST', 'seed', { users }),
    config: (config) => call('PUT', 'config', config),
    getConfig: () => call('GET', 'config'),
    mailbox: () => call('GET', 'mailbox'),
  }
}

/** CSP requests in a stats snapshot, optionally only routes matching `pattern`. */
export function requestCount(stats, pattern) {
  let total = 0
  for (const [route, count] of Object.entries(stats.requests ?? {})) {
    if (!pattern || pattern.test(route)) total += count
  }
  return total
}

/** Exchanges an API token for an access token, as a naive script would. */
export async function accessTokenFor(url, apiToken) {
  const response = await fetch(`${url}/csp/gateway/am/api/auth/api-tokens/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ api_token: apiToken }).toString(),
  })
  if (!response.ok) throw new Error(`token exchange failed: ${response.status} ${await response.text()}`)
  return (await response.json()).access_token
}

/** Every invitation of the org, through the CSP API (not paginated). */
export async function listInvitations(url, orgId, accessToken) {
  const response = await fetch(`${url}/csp/gateway/am/api/orgs/${orgId}/invitations`, {
    headers: { 'csp-auth-token': accessToken, accept: 'application/json' },
  })
  if (!response.ok) throw new Error(`list invitations failed: ${response.status} ${await response.text()}`)
  return response.json()
}

/** A markdown table. */
export function table(headers, rows) {
  const esc = (cell) => String(cell ?? '').replace(/\|/g, '\\|')
  return [
    `| ${headers.map(esc).join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(esc).join(' | ')} |`),
  ].join('\n')
}

export function log(message) {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms))
}

/** `n` distinct generated e-mail addresses. */
export function emails(n, prefix = 'bench') {
  const stamp = Date.now().toString(36)
  return Array.from({ length: n }, (_, i) => `${prefix}.${stamp}.${i}@example.com`)
}
