// Measures the interactive shell: time to the first prompt (`vcs --demo` in a pseudo-terminal, as a
// ratio to `node -e 0`), and keystroke -> redraw and Tab -> completion list with 5,000 lines of
// scroll-back, in-process with the shell's real Ink options. Prints a JSON summary; asserts nothing.
//   node scripts/bench/shell-latency.mjs [--runs 5] [--keys 200]
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = join(import.meta.dirname, '..', '..')
// The spawned shells get the caller's environment, without the colour forcing below.
const childEnv = { ...process.env }
delete childEnv.FORCE_COLOR
delete childEnv.VCS_SERVER
delete childEnv.VCS_API_TOKEN
// Colours on, as in a terminal: the cursor cell is drawn inverse, so every keystroke changes the frame.
process.env.FORCE_COLOR ??= '1'
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i === -1 ? fallback : Number(process.argv[i + 1])
}
const runs = arg('--runs', 5)
const keys = arg('--keys', 200)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]
const round = (x) => Math.round(x * 10) / 10

// eslint-disable-next-line no-control-regex -- terminal escape sequences are control characters
const ANSI_ESCAPE = /\x1b\[[0-9;?]*[A-Za-z]/g

function timeNodeNoop() {
  const start = performance.now()
  spawnSync(process.execPath, ['-e', '0'])
  return performance.now() - start
}

/** Spawns `vcs <args>` under script(1) (a pty) and resolves when the prompt is drawn. */
function timeFirstPrompt(args) {
  return new Promise((resolve, reject) => {
    const start = performance.now()
    const command = `stty cols 120 rows 40; ${process.execPath} dist/cli.cjs ${args}`
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: root,
      env: { ...childEnv, VCS_CREDENTIAL_STORE: 'memory', VCS_HISTORY_FILE: '/dev/null', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    let seen = ''
    let elapsed
    const timer = setTimeout(() => {
      stop(child)
      reject(new Error(`no prompt within 30 s; saw: ${seen.slice(-300)}`))
    }, 30_000)
    child.stdout.on('data', (chunk) => {
      seen += chunk
      if (elapsed === undefined && /vcs (\(not connected\)|[\w-]+)> /.test(seen.replace(ANSI_ESCAPE, ''))) {
        elapsed = performance.now() - start
        clearTimeout(timer)
        // Leave as a user would; give Ink a moment to put the terminal in raw mode first.
        setTimeout(() => child.stdin.write('exit\r'), 300)
        setTimeout(() => child.exitCode === null && stop(child), 5000).unref()
      }
    })
    child.on('exit', () =>
      elapsed === undefined ? reject(new Error('the shell exited early')) : resolve(elapsed),
    )
  })
}

/** Kills script(1) and the shell it started (its child, in the pty's own session). */
function stop(child) {
  const listed = spawnSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' }).stdout
  for (const pid of listed.split(/\s+/).filter(Boolean)) process.kill(Number(pid), 'SIGKILL')
  child.kill('SIGKILL')
}

async function measureStartup() {
  const noop = []
  const plain = []
  const demo = []
  for (let i = 0; i < runs; i++) {
    noop.push(timeNodeNoop())
    plain.push(await timeFirstPrompt(''))
    demo.push(await timeFirstPrompt('--demo'))
  }
  const ratio = (xs) => round(median(xs) / median(noop))
  return {
    nodeNoopMs: round(median(noop)),
    shellFirstPromptMs: round(median(plain)),
    shellRatio: ratio(plain),
    demoFirstPromptMs: round(median(demo)),
    demoRatio: ratio(demo),
  }
}

/** Bundles the in-process harness (the shell's App with fake streams) next to node_modules. */
async function buildHarness() {
  const outdir = join(root, 'node_modules', '.cache', 'vcs-shell-bench')
  mkdirSync(outdir, { recursive: true })
  await build({
    stdin: { contents: HARNESS, resolveDir: root, loader: 'tsx' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    outdir,
    jsx: 'automatic',
    external: ['@napi-rs/keyring', 'lmdb', 'react-devtools-core', 'zx', 'fsevents'],
    banner: {
      js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);",
    },
    logLevel: 'error',
  })
  return join(outdir, 'stdin.js')
}

const HARNESS = `
import { EventEmitter } from 'node:events'
import { render } from 'ink'
import { createElement } from 'react'
import { Session } from './src/engine/index.js'
import { registry } from './cmdlets/index.js'
import { App } from './src/shell/App.js'
import { ShellHost } from './src/shell/host.js'
import { History } from './src/shell/hooks/use-history.js'
import { LiveValueCache } from './src/shell/live-values.js'
import { SHELL_RENDER_OPTIONS } from './src/shell/index.js'
import { createTheme } from './src/shell/theme.js'

class Stdout extends EventEmitter {
  columns = 120; rows = 40; isTTY = true; onWrite = undefined
  writes = 0
  write(chunk) { this.writes++; if (process.env.BENCH_DEBUG) console.error('write', JSON.stringify(String(chunk)).slice(0, 120)); const cb = this.onWrite; this.onWrite = undefined; cb?.(String(chunk)); return true }
}
class Stdin extends EventEmitter {
  isTTY = true; queue = []
  setEncoding() {} setRawMode() {} resume() {} pause() {} ref() {} unref() {}
  read() { return this.queue.shift() ?? null }
  send(data) { this.queue.push(data); this.emit('readable') }
}
class CachedLiveValues extends LiveValueCache {
  get() { return Array.from({ length: 60 }, (_, i) => 'Role ' + String(i).padStart(2, '0')) }
}

export async function measure(keys) {
  const stdout = new Stdout(); const stdin = new Stdin()
  const host = new ShellHost(() => 120)
  const session = new Session({ host, errorActionPreference: 'Continue' })
  render(createElement(App, {
    session, registry, host, history: new History(), liveValues: new CachedLiveValues(registry, session),
    runLine: () => (async function* () {})(), theme: createTheme(true), orgSlug: () => 'demo-org', onExit() {},
  }), { stdout, stdin, ...SHELL_RENDER_OPTIONS })
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
  await sleep(100)
  for (let i = 0; i < 5000; i++) host.print({ kind: 'output', lines: ['scroll-back line ' + i + ' '.repeat(40) + 'x@example.com'] })
  await sleep(500)
  // Resolves with the time from the key to the first frame that shows the expected text.
  const press = (data, match) => new Promise((resolve) => {
    const start = performance.now()
    const timer = setTimeout(() => { stdout.onWrite = undefined; resolve(Number.NaN) }, 2000)
    const check = (chunk) => {
      if (!match || match(chunk)) { clearTimeout(timer); resolve(performance.now() - start) } else stdout.onWrite = check
    }
    stdout.onWrite = check
    stdin.send(data)
  })
  const keystroke = []
  const line = 'Get-VcsUser -Name A* | Select-Object -First 3 | Sort-Object Email '
  for (let i = 0; i < keys; i++) {
    if (i > 0 && i % line.length === 0) { stdin.send('\\x15'); await sleep(40) }
    keystroke.push(await press(line[i % line.length]))
    await sleep(35)
  }
  stdin.send('\\x15'); await sleep(40)
  const tabCmdlet = []; const tabLive = []
  for (let i = 0; i < 30; i++) {
    stdin.send('Get-'); await sleep(40)
    tabCmdlet.push(await press('\\t', (chunk) => chunk.includes('Get-Member')))
    await sleep(40); stdin.send('\\x1b'); await sleep(40); stdin.send('\\x15'); await sleep(40)
    stdin.send('Get-VcsUser -OrganizationRole '); await sleep(40)
    tabLive.push(await press('\\t', (chunk) => chunk.includes('Role 01')))
    await sleep(40); stdin.send('\\x1b'); await sleep(40); stdin.send('\\x15'); await sleep(40)
  }
  const valid = (xs) => xs.filter((x) => !Number.isNaN(x))
  return { keystroke: valid(keystroke), tabCmdlet: valid(tabCmdlet), tabLive: valid(tabLive), missed: [keystroke, tabCmdlet, tabLive].map((xs) => xs.length - valid(xs).length) }
}
`

const startup = process.argv.includes('--no-startup')
  ? undefined
  : await measureStartup().catch((error) => ({ error: String(error) }))
const harness = await import(pathToFileURL(await buildHarness()).href)
const { keystroke, tabCmdlet, tabLive, missed } = await harness.measure(keys)
const summary = {
  startup,
  scrollBackLines: 5000,
  framesNotSeen: missed,
  keystrokeToRedrawMs: { p50: round(median(keystroke)), p95: round(p95(keystroke)), n: keystroke.length },
  tabToCmdletListMs: { p50: round(median(tabCmdlet)), p95: round(p95(tabCmdlet)), n: tabCmdlet.length },
  tabToLiveValueListMs: { p50: round(median(tabLive)), p95: round(p95(tabLive)), n: tabLive.length },
}
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
process.exit(0)
