// Start-up benchmarks: `vcs --version`, a one-shot `vcs -c` with no network, and the shell's first
// prompt drawn on a pseudo-terminal, each against `node -e 0` measured in the same run, interleaved.
import { spawn, spawnSync } from 'node:child_process'
import { CLI, NODE, ROOT, cleanEnv, run, summary } from './lib.mjs'

const PROMPT = /vcs [^\n>]*> /
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]/g

/**
 * Every one-shot start-up process, measured or reference, runs on the same CPU (util-linux taskset,
 * CPU 0, or BENCH_CPU): on this VM the two vCPUs differ by ~45% in speed (`node -e 0` takes ~100 ms on one
 * and ~145 ms on the other), so a ratio between processes the scheduler put on different cores
 * measured the scheduler. Pinning also keeps V8's background threads on that core, which costs the
 * measured side more than `node -e 0`. Without taskset, nothing is pinned.
 */
export const PINNED_CPU = process.env.BENCH_CPU ?? '0'
const PIN =
  spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0 ? ['taskset', '-c', PINNED_CPU] : []
export const pinned = PIN.length > 0
/** `node ...args` as a command and its arguments, pinned. */
const node = (...args) => (PIN.length ? [PIN[0], [...PIN.slice(1), NODE, ...args]] : [NODE, args])
/**
 * The pseudo-terminal harness (util-linux `script`) running `command`, not pinned: `script` relays
 * the terminal's output as it comes, and on one core with the process it watches its reference
 * doubled and scattered (137 -> 150-224 ms for `node -e 0`).
 */
const harness = (command) => ['script', ['-qfec', `stty cols 120 rows 40; exec ${command}`, '/dev/null']]

export function hasScript() {
  return spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0
}

/**
 * Time from spawn to the prompt text on a pseudo-terminal (util-linux `script`), then kills the
 * shell. Resolves NaN when no prompt shows within the timeout.
 */
export function timeToPrompt(command, pattern = PROMPT, timeoutMs = 30_000, env = cleanEnv()) {
  return new Promise((resolvePromise) => {
    const started = process.hrtime.bigint()
    const child = spawn(...harness(command), {
      cwd: ROOT,
      env: { ...env, TERM: 'xterm-256color' },
      stdio: ['pipe', 'pipe', 'ignore'],
      detached: true,
    })
    let text = ''
    let done = false
    const finish = (ms) => {
      if (done) return
      done = true
      clearTimeout(timer)
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
      resolvePromise(ms)
    }
    const timer = setTimeout(() => finish(NaN), timeoutMs)
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      text += chunk
      if (pattern.test(text.replace(ANSI, ''))) finish(Number(process.hrtime.bigint() - started) / 1e6)
    })
    child.on('close', () => finish(pattern.test(text.replace(ANSI, '')) ? 0 : NaN))
    child.stdin.on('error', () => {})
  })
}

/** Time for a process on the same pseudo-terminal harness to start and exit (the reference). */
export function timeOnPty(command, env = cleanEnv()) {
  return new Promise((resolvePromise) => {
    const started = process.hrtime.bigint()
    const child = spawn(...harness(command), {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'ignore', 'ignore'],
    })
    child.stdin.on('error', () => {})
    child.on('close', () => resolvePromise(Number(process.hrtime.bigint() - started) / 1e6))
  })
}

/**
 * Runs every case `reps` times, interleaved with the reference so load changes hit both alike.
 * Returns [{ name, sample, reference, ok }] where ok says whether every run exited 0 with output.
 */
export async function startupBenchmarks({ reps, log }) {
  const env = cleanEnv({ VCS_CREDENTIAL_STORE: 'memory', HOME: process.env.HOME })
  const cases = [
    {
      name: '`vcs --version`',
      run: () => run(...node(CLI, '--version'), { env }),
      check: (r) => r.code === 0 && /^\d+\.\d+\.\d+/.test(r.stdout),
    },
    {
      name: '`vcs -c "Get-Command | Measure-Object"` (no network)',
      run: () => run(...node(CLI, '-c', 'Get-Command | Measure-Object'), { env }),
      check: (r) => r.code === 0 && /\d/.test(r.stdout),
    },
  ]
  const reference = []
  const results = cases.map((c) => ({ name: c.name, times: [], failures: 0, lastError: '' }))
  // One warm-up of each (file cache), not counted.
  await run(...node('-e', '0'), { env })
  for (const c of cases) await c.run()
  for (let i = 0; i < reps; i++) {
    reference.push((await run(...node('-e', '0'), { env })).ms)
    for (const [index, c] of cases.entries()) {
      const r = await c.run()
      if (c.check(r)) results[index].times.push(r.ms)
      else {
        results[index].failures++
        results[index].lastError = (r.stderr || r.stdout).trim().split('\n')[0] ?? `exit ${r.code}`
      }
    }
  }
  log?.(`start-up: node -e 0 median ${summary(reference).median.toFixed(1)} ms`)
  const out = results.map((r) => ({
    name: r.name,
    sample: r.times.length ? summary(r.times) : undefined,
    reference: summary(reference),
    referenceName: '`node -e 0`',
    error: r.failures ? `${r.failures} of ${reps} runs failed: ${r.lastError}` : undefined,
  }))

  // The shell's first prompt, on a pseudo-terminal; the reference is `node -e 0` on the same harness.
  if (!hasScript()) {
    out.push({ name: 'shell first prompt (`vcs --demo`)', error: 'util-linux `script` is not installed' })
    return out
  }
  const ptyReference = []
  const shells = [
    { name: 'shell first prompt drawn (`vcs --demo`, pty via `script`)', args: '--demo', target: true },
    { name: 'shell first prompt drawn (`vcs`, not connected; where `--demo` spends its time)', args: '' },
  ].map((shell) => ({ ...shell, times: [], failures: 0 }))
  for (const shell of shells) await timeToPrompt(`${NODE} ${CLI} ${shell.args}`)
  for (let i = 0; i < reps; i++) {
    ptyReference.push(await timeOnPty(`${NODE} -e 0`))
    for (const shell of shells) {
      const ms = await timeToPrompt(`${NODE} ${CLI} ${shell.args}`)
      if (Number.isFinite(ms) && ms > 0) shell.times.push(ms)
      else shell.failures++
    }
  }
  for (const shell of shells)
    out.push({
      name: shell.name,
      sample: shell.times.length ? summary(shell.times) : undefined,
      reference: summary(ptyReference),
      referenceName: '`node -e 0` on the same pty harness',
      bare: summary(reference),
      info: !shell.target,
      error: shell.failures ? `${shell.failures} of ${reps} runs showed no prompt within 30 s` : undefined,
    })
  return out
}
