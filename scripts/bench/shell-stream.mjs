// Output at terminal speed: listing N users (default 20,000) in the interactive shell against the
// one-shot table written to the same kind of pseudo-terminal (util-linux script(1), 200x50), the
// latency of keys typed while the shell streams (they are kept and shown dimmed under the spinner,
// so a key's latency is the time until it is on the screen), and the shell's memory (RSS) before
// the listing, at its peak, 3 s after it and 10 s after it (settled, the shell having given a big
// listing's memory back). Prints a JSON summary; asserts nothing.
//   node scripts/bench/shell-stream.mjs [--users 20000] [--runs 3] [--cpu-prof DIR]
// --cpu-prof DIR writes a V8 CPU profile of each shell run into DIR (open it in Chrome DevTools).
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CLI, NODE, ROOT, cleanEnv, control, fmtMs, run, sleep, summary } from './lib.mjs'

/**
 * For `npm run bench` (scripts/bench/run.mjs): runs this script in a process of its own and adds
 * its rows to `rows` ([what, measured, reference, ratio, target, verdict]): the 20,000-row listing
 * in the shell against the one-shot table (target <= 1.5x), keystroke latency while it streams
 * (p95 < 50 ms) and the shell's memory 10 s after the listing (within 20 MB of before).
 */
export async function shellStreamRows(rows, { quick = false } = {}) {
  const users = quick ? 5000 : 20_000
  const r = await run(
    NODE,
    [fileURLToPath(import.meta.url), '--users', String(users), '--runs', quick ? '1' : '3'],
    {
      env: cleanEnv(),
      timeoutMs: 20 * 60_000,
    },
  )
  const start = r.stdout.indexOf('{')
  if (r.code !== 0 || start < 0)
    throw new Error(`shell-stream.mjs exit ${r.code}: ${r.stderr.trim().split('\n').pop()}`)
  const out = JSON.parse(r.stdout.slice(start))
  const verdict = (ok) => (ok ? 'PASS' : '**MISS**')
  const source = `scripts/bench/shell-stream.mjs, ${out.users} users, pty 200x50`
  const growth = Math.max(...out.shellRssMb.map((m) => m.settled - m.before))
  const growth3s = Math.max(...out.shellRssMb.map((m) => m.after - m.before))
  rows.push(
    [
      `shell: listing ${out.users} users vs the one-shot table`,
      fmtMs(out.shellListingMs),
      `one-shot table: ${fmtMs(out.oneShotTableMs)}`,
      `${out.ratio.toFixed(2)}x`,
      '<= 1.5x',
      verdict(out.ratio <= 1.5),
    ],
    [
      'shell: keystroke latency while streaming, p95',
      `${fmtMs(out.keystrokeWhileStreamingMs.p95)} (p50 ${fmtMs(out.keystrokeWhileStreamingMs.p50)}, n=${out.keystrokeWhileStreamingMs.n})`,
      source,
      'n/a',
      'p95 < 50 ms',
      verdict(out.keystrokeWhileStreamingMs.p95 < 50),
    ],
    [
      'shell: memory (RSS) 10 s after the listing, growth',
      `${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB (3 s after: +${growth3s.toFixed(1)} MB; ${out.shellRssMb.map((m) => `${m.before}->${m.after}->${m.settled}`).join(', ')} MB)`,
      source,
      'n/a',
      '<= 20 MB',
      verdict(growth <= 20),
    ],
  )
}

// Run as a script: measure and print the JSON summary. Imported (by run.mjs): only the export above.
if (process.argv[1] === fileURLToPath(import.meta.url)) await main()

async function main() {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name)
    return i === -1 ? fallback : Number(process.argv[i + 1])
  }
  const users = arg('--users', 20_000)
  const runs = arg('--runs', 3)
  const profIndex = process.argv.indexOf('--cpu-prof')
  const profile = profIndex === -1 ? '' : ` --cpu-prof --cpu-prof-dir=${resolve(process.argv[profIndex + 1])}`
  // eslint-disable-next-line no-control-regex
  const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]/g
  const round = (x) => Math.round(x * 10) / 10
  const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]

  /** A command on a fresh pty; resolves with its output and the process handles. */
  function onPty(command, env) {
    const child = spawn('script', ['-qfec', `stty cols 200 rows 50; exec ${command}`, '/dev/null'], {
      cwd: ROOT,
      env: { ...env, TERM: 'xterm-256color' },
      stdio: ['pipe', 'pipe', 'ignore'],
      detached: true,
    })
    child.stdout.setEncoding('utf8')
    child.stdin.on('error', () => {})
    return child
  }

  /** RSS in MB of the node process script(1) started (its only child). */
  function rssMb(scriptPid) {
    const pid = spawnSync('ps', ['-o', 'pid=', '--ppid', String(scriptPid)], {
      encoding: 'utf8',
    }).stdout.trim()
    if (!pid) return NaN
    const status = readFileSync(`/proc/${pid.split(/\s+/)[0]}/status`, 'utf8')
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024
  }

  const kill = (child) => {
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      // gone already
    }
  }

  /** Time of `vcs Get-VcsUser` (a table on a terminal) from spawn to exit. */
  async function oneShot(env) {
    const started = performance.now()
    const child = onPty(`${NODE} ${CLI} Get-VcsUser`, env)
    let rows = 0
    child.stdout.on('data', (chunk) => (rows += (chunk.match(/@/g) ?? []).length))
    await new Promise((done) => child.on('close', done))
    return { ms: performance.now() - started, rows }
  }

  /** The shell: prompt, then `Get-VcsUser` typed; keys typed while it streams; RSS around it. */
  async function inShell(env) {
    const child = onPty(`${NODE}${profile} ${CLI}`, env)
    let text = ''
    const waiters = new Set()
    // Only the tail is kept and searched, and rows are counted as they pass: this process also serves
    // the emulator, and must not slow down as the output grows.
    let rows = 0
    child.stdout.on('data', (chunk) => {
      rows += (chunk.match(/@/g) ?? []).length
      text = (text + chunk).slice(-8000)
      for (const waiter of [...waiters]) waiter()
    })
    const until = (test, timeoutMs = 300_000) =>
      new Promise((done, fail) => {
        const timer = setTimeout(
          () =>
            waiters.delete(waiter) && fail(new Error(`timed out (${rows} rows); saw ${text.slice(-300)}`)),
          timeoutMs,
        )
        const waiter = () => {
          if (test()) {
            clearTimeout(timer)
            waiters.delete(waiter)
            done()
          }
        }
        waiters.add(waiter)
        waiter()
      })
    const plain = () => text.replace(ANSI, '')
    await until(() => /vcs [\w-]+> /.test(plain()))
    await sleep(1500)
    const before = rssMb(child.pid)
    text = ''
    rows = 0
    const started = performance.now()
    child.stdin.write('Get-VcsUser\r')
    // Keys while streaming: one every 40 ms once the first rows are out, each timed until it shows.
    await until(() => rows > 50)
    const latencies = []
    let peak = rssMb(child.pid)
    let typed = ''
    const letters = 'abcdefghijklmnopqrstuvwxyz'
    let finished = false
    const done = until(() => {
      if (rows < users) return false
      const shown = plain()
      return /vcs [\w-]+> /.test(shown.slice(shown.lastIndexOf('Ctrl+C cancels')))
    }).then(() => (finished = true))
    while (!finished && typed.length < 200) {
      const letter = letters[typed.length % letters.length]
      typed += letter
      const sent = performance.now()
      const expected = `» ${typed}`
      child.stdin.write(letter)
      await Promise.race([until(() => plain().includes(expected), 5000).catch(() => {}), done])
      if (!finished) latencies.push(performance.now() - sent)
      peak = Math.max(peak, rssMb(child.pid))
      await sleep(40)
    }
    await done
    const ms = performance.now() - started
    // The typed-ahead letters are replayed on the prompt; clear them, then let the heap settle.
    child.stdin.write('\x15')
    await sleep(3000)
    const after = rssMb(child.pid)
    // And once the shell has sat at the prompt a while (it gives a big listing's memory back then).
    await sleep(7000)
    const settled = rssMb(child.pid)
    if (profile) {
      // A profile is written when the process exits by itself.
      child.stdin.write('exit\r')
      await Promise.race([new Promise((done) => child.on('close', done)), sleep(10_000)])
    }
    kill(child)
    return { ms, latencies, rss: { before, peak, after, settled } }
  }

  // The emulator runs in a process of its own: serving a page must not delay reading the terminal.
  const server = spawn(
    NODE,
    [
      '--input-type=module',
      '-e',
      `const { startEmulator } = await import(${JSON.stringify(resolve(ROOT, 'dist/emulator.js'))})
     const e = await startEmulator({ port: 0, quiet: true, seed: 'empty', users: ${users} })
     console.log(JSON.stringify({ url: e.url, apiToken: e.credentials.apiToken }))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const emulator = await new Promise((done) => {
    let out = ''
    server.stdout.setEncoding('utf8')
    server.stdout.on('data', (chunk) => {
      out += chunk
      if (out.includes('\n')) done(JSON.parse(out))
    })
  })
  try {
    await control(emulator.url).config({ latencyMs: 0, rateLimit: null, faults: null })
    const env = cleanEnv({
      VCS_SERVER: emulator.url,
      VCS_API_TOKEN: emulator.apiToken,
      VCS_CREDENTIAL_STORE: 'memory',
      VCS_HISTORY_FILE: '/dev/null',
    })
    const table = []
    const shell = []
    const latencies = []
    const rss = []
    for (let i = 0; i < runs; i++) {
      const t = await oneShot(env)
      table.push(t.ms)
      const s = await inShell(env)
      shell.push(s.ms)
      latencies.push(...s.latencies)
      rss.push(s.rss)
    }
    const tableMs = summary(table).median
    const shellMs = summary(shell).median
    const out = {
      users,
      oneShotTableMs: round(tableMs),
      shellListingMs: round(shellMs),
      ratio: round((shellMs / tableMs) * 100) / 100,
      keystrokeWhileStreamingMs: {
        p50: round(summary(latencies).median),
        p95: round(p95(latencies)),
        n: latencies.length,
      },
      shellRssMb: rss.map((r) => ({
        before: round(r.before),
        peak: round(r.peak),
        after: round(r.after),
        settled: round(r.settled),
      })),
    }
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
  } finally {
    server.kill()
  }
  process.exit(0)
}
