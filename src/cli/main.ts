// vcs: the command-line entry point. `--version` answers from here without loading anything else.
// Every other mode runs src/cli/app.ts, built twice: dist/chunks/app.js (an ES module with the shell,
// the emulator and the library's chunks) and dist/chunks/app.cjs (the modes that run and exit), which
// this file compiles with the code cache the build made for it (see loadOneShotApp).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Script } from 'node:vm'
import pkg from '../../package.json' with { type: 'json' }

/** What dist/chunks/app.cjs exports (src/cli/app.ts). */
interface App {
  main(argv: readonly string[]): Promise<number>
  runsInFullApp(argv: readonly string[]): boolean
}

const argv = process.argv.slice(2)

// A consumer that stops reading (`vcs ... | head -1`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

if (argv.length === 1 && /^(--version|-v|-version)$/i.test(argv[0])) {
  process.stdout.write(`${pkg.version}\n`)
} else {
  void run(argv)
}

async function run(args: readonly string[]): Promise<never> {
  const oneShot = interactive(args) ? undefined : loadOneShotApp()
  const main = oneShot && !oneShot.runsInFullApp(args) ? oneShot.main : (await import('./app.js')).main
  keepYoungGenerationSmall()
  const code = await main(args)
  // Exit explicitly once stdout and stderr are flushed: keep-alive sockets and timers must not hold
  // a finished run, and a pipe that reads slowly must still get every line (stderr carries the
  // summary, warnings and what-if lines; writes to a pipe are queued, and exit drops the queue).
  const flushed = (stream: NodeJS.WriteStream) =>
    new Promise<void>((resolve) => stream.write('', () => resolve()))
  await Promise.all([flushed(process.stdout), flushed(process.stderr)])
  process.exit(code)
}

/**
 * A run still going after a tenth of a second (a stream of records, a bulk job, the shell) stops
 * V8 from growing its young generation. V8 doubles it, up to 32 MB, whenever much survives a
 * scavenge, which a pipeline of records in flight always has: a million piped CSV rows then peak at
 * ~150 MB RSS instead of ~90 MB, for ~10% more throughput (npm run bench, memory rows). A short
 * command never loads node:v8 (about 3 ms). V8 reads the flag whenever it would grow the space;
 * Node lets flags change after start-up (its v8.setFlagsFromString), and Node 20 and 22 know this
 * one (an unknown flag would print an error, so other versions are left alone).
 */
function keepYoungGenerationSmall(): void {
  if (!/^v(20|22)\./.test(process.version)) return
  setTimeout(() => {
    process.getBuiltinModule('node:v8').setFlagsFromString('--semi-space-growth-factor=1')
  }, 100).unref()
}

/**
 * The command lines that surely open the shell or the emulator, which only the full app has: they
 * go there without loading the one-shot app. Any other that does (`vcs --no-color` on a terminal)
 * is found by the one-shot app's own parser (app.ts `runsInFullApp`).
 */
function interactive(args: readonly string[]): boolean {
  if (args.length === 0) return process.stdin.isTTY === true
  return /^(--?demo|emulator)$/i.test(args[0])
}

/**
 * dist/chunks/app.cjs, compiled with the V8 code cache the build wrote next to it (app.cjs.cache):
 * V8 then skips parsing the bundle's half a megabyte, which a one-shot command otherwise spends some
 * 20 ms on (Node 20 has no compile cache of its own; `module.enableCompileCache` is Node 22). The
 * cache is only read: a cache V8 rejects (another Node version, other V8 flags) or a missing one
 * means a normal compile. Undefined when the file is missing (an unbundled run): the ES module app.
 */
function loadOneShotApp(): App | undefined {
  const file = join(__dirname, 'chunks', 'app.cjs')
  let source: string
  try {
    // ASCII, wrapped as a CommonJS module function by the build (scripts/build.mjs): latin1 decodes it
    // as UTF-8 would, faster.
    source = readFileSync(file, 'latin1')
  } catch {
    return undefined
  }
  let cachedData: Buffer | undefined
  try {
    cachedData = readFileSync(`${file}.cache`)
  } catch {
    cachedData = undefined
  }
  const script = new Script(source, {
    filename: file,
    cachedData,
  })
  const module = { exports: {} as Partial<App> }
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void
  wrapper(module.exports, createRequire(file), module, file, dirname(file))
  const { main, runsInFullApp } = module.exports
  return main && runsInFullApp ? { main, runsInFullApp } : undefined
}
