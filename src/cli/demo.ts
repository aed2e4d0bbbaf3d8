// `vcs --demo` and `vcs emulator`: the embedded CSP emulator, for trying everything offline. The
// demo connects with the emulator's API token through a memory credential store, so the demo token
// is never saved anywhere.
import { connect } from '../auth/index.js'
import type { CommandRegistry } from '../engine/registry.js'
import type { RunningEmulator } from '../emulator/index.js'
import { UsageError } from '../engine/errors.js'
import type { DemoRun, GlobalOptions } from './argv.js'
import { ExitCode } from './exit.js'
import { runOneShot } from './oneshot.js'
import { readAll } from './stdin.js'
import { readScriptFile, runScript } from './script.js'
import { createCliSession } from './session.js'

/**
 * Starts the demo emulator, connects, then opens the shell (or runs the piped script). On a terminal
 * the prompt is drawn first and the emulator starts right after it: its module and seed would
 * otherwise share the main thread with loading the shell, and a newcomer can start typing meanwhile
 * (a line typed before the emulator is up waits for it).
 */
export async function runDemo(
  registry: CommandRegistry,
  options: GlobalOptions,
  run?: DemoRun,
): Promise<number> {
  const cli = createCliSession()
  let emulatorStarting: Promise<RunningEmulator> | undefined
  const startDemo = async () => {
    emulatorStarting = import('../emulator/index.js').then(({ startEmulator }) =>
      startEmulator({ port: 0, seed: 'demo' }),
    )
    const emulator = await emulatorStarting
    await connect(
      { server: emulator.url, apiToken: emulator.credentials.apiToken, credentialStore: 'memory' },
      cli.session,
    )
    return emulator
  }
  try {
    if (process.stdin.isTTY && !run) {
      // Before Ink loads: a terminal means interactive rendering, even when $CI is set.
      await import('../shell/interactive-env.js')
      const { startShell } = await import('../shell/index.js')
      // startShell draws the first frame before it returns to the event loop; then this fires.
      const connected = new Promise<void>((resolve) => setImmediate(resolve)).then(startDemo)
      return await startShell({
        session: cli.session,
        registry,
        banner: 'Demo: starting an embedded CSP emulator with sample users...',
        ready: connected.then((emulator) => ({
          banner: `Demo: an embedded CSP emulator at ${emulator.url} with sample users. Try: Get-VcsUser | Select-Object -First 5`,
        })),
      })
    }
    await startDemo()
    if (run) return await runAgainstDemo(registry, run, cli)
    const text = await readAll(process.stdin)
    return await runScript(registry, { text, options, session: cli })
  } finally {
    await emulatorStarting?.then((emulator) => emulator.close()).catch(() => undefined)
  }
}

/** `vcs --demo Get-VcsUser`, `vcs --demo -c "..."`, `vcs --demo -File job.ps1` in the demo session. */
async function runAgainstDemo(
  registry: CommandRegistry,
  run: DemoRun,
  cli: ReturnType<typeof createCliSession>,
): Promise<number> {
  switch (run.mode) {
    case 'cmdlet':
      return await runOneShot(registry, run, cli)
    case 'command':
      return await runScript(registry, { text: run.text, options: run.options, session: cli })
    case 'file': {
      const text = await readScriptFile(run.file)
      return await runScript(registry, {
        text,
        file: run.file,
        args: run.args,
        options: run.options,
        session: cli,
      })
    }
  }
}

/** The one-line usage of `vcs emulator`, for --help and usage errors. */
const EMULATOR_USAGE =
  'vcs emulator [--host H] [--port N] [--data DIR] [--seed demo|empty] [--users N] [--profile console|tanzu] [--json] [--tls]'

/**
 * Parses `vcs emulator` flags with yargs (loaded only here: one-shot commands parse their flags from
 * the registry and never pay for it) and runs the emulator until interrupted. --help prints every
 * flag and exits 0.
 */
export async function runEmulator(args: readonly string[]): Promise<number> {
  const { default: yargs } = await import('yargs')
  const parser = yargs([...args])
    .scriptName('vcs emulator')
    .usage(`${EMULATOR_USAGE}\n\nA local CSP with the production paths and shapes, until Ctrl+C.`)
    .option('host', { type: 'string', describe: 'Address to bind (default 127.0.0.1, loopback)' })
    .option('port', { type: 'string', describe: 'Port (default: a free port, printed at start; 0 too)' })
    .option('data', { type: 'string', describe: 'Directory of a durable store that survives restarts' })
    .option('seed', {
      choices: ['demo', 'empty'] as const,
      describe: 'Initial data of a new store (default demo)',
    })
    .option('users', { type: 'string', describe: 'Extra generated users (100000 for scale tests)' })
    .option('profile', {
      choices: ['console', 'tanzu'] as const,
      describe: "Whose access rules: console.cloud.vmware.com's (default) or console.tanzu.broadcom.com's",
    })
    .option('json', {
      type: 'boolean',
      describe: 'Print {url, orgId, apiToken, appId, appSecret[, caFile]} as the first line',
    })
    .option('tls', { type: 'boolean', describe: 'Serve https with a generated CA (its path is printed)' })
    .option('help', { alias: 'h', type: 'boolean', describe: 'Show this help' })
    .strict()
    .help(false)
    .version(false)
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      throw emulatorUsage(message ?? error?.message ?? 'Invalid options.')
    })
  if (args.some((arg) => /^(--help|-h|-\?|-help)$/i.test(arg))) {
    process.stdout.write(`${await parser.getHelp()}\n`)
    return ExitCode.Success
  }
  const parsed = await parser.parseAsync()
  const { runEmulatorCommand } = await import('../emulator/entry.js')
  await runEmulatorCommand({
    host: parsed.host,
    port: parsed.port === undefined ? undefined : wholeNumber('--port', parsed.port),
    dataDir: parsed.data,
    seed: parsed.seed,
    users: parsed.users === undefined ? undefined : wholeNumber('--users', parsed.users),
    profile: parsed.profile,
    json: parsed.json,
    tls: parsed.tls,
  })
  // The emulator serves until SIGINT/SIGTERM, which its own handlers turn into a clean exit.
  return new Promise<number>(() => {})
}

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw emulatorUsage(`${flag} takes a whole number, not '${text}'.`)
  return Number(text)
}

function emulatorUsage(message: string): UsageError {
  return new UsageError('InvalidParameterValue', message, {
    hint: `${EMULATOR_USAGE} (the port is a free one unless given); vcs emulator --help says more.`,
  })
}
