// `vcs --demo` and `vcs emulator`: the embedded CSP emulator, for trying everything offline. The
// demo connects with the emulator's API token through a memory credential store, so the demo token
// is never saved anywhere.
import type { CommandRegistry } from '../engine/registry.js'
import { UsageError } from '../engine/errors.js'
import type { GlobalOptions } from './argv.js'
import { readAll } from './stdin.js'
import { runScript } from './script.js'
import { createCliSession } from './session.js'

/**
 * Starts the demo emulator, connects, then opens the shell (or runs the piped script). On a terminal
 * the prompt is drawn first and the emulator starts alongside: its RSA key and seed take longer
 * than loading the shell, and a newcomer can start typing meanwhile.
 */
export async function runDemo(registry: CommandRegistry, options: GlobalOptions): Promise<number> {
  const cli = createCliSession()
  const emulatorStarting = import('../emulator/index.js').then(({ startEmulator }) =>
    startEmulator({ port: 0, seed: 'demo' }),
  )
  const connected = emulatorStarting.then(async (emulator) => {
    const { connect } = await import('../auth/index.js')
    await connect(
      { server: emulator.url, apiToken: emulator.credentials.apiToken, credentialStore: 'memory' },
      cli.session,
    )
    return emulator
  })
  try {
    if (process.stdin.isTTY) {
      // Before Ink loads: a terminal means interactive rendering, even when $CI is set.
      await import('../shell/interactive-env.js')
      const { startShell } = await import('../shell/index.js')
      return await startShell({
        session: cli.session,
        registry,
        banner: 'Demo: starting an embedded CSP emulator with sample users...',
        ready: connected.then((emulator) => ({
          banner: `Demo: an embedded CSP emulator at ${emulator.url} with sample users. Try: Get-VcsUser | Select-Object -First 5`,
        })),
      })
    }
    await connected
    const text = await readAll(process.stdin)
    return await runScript(registry, { text, options, session: cli })
  } finally {
    await emulatorStarting.then((emulator) => emulator.close()).catch(() => undefined)
  }
}

/** Parses `vcs emulator` flags and runs the emulator until interrupted. */
export async function runEmulator(args: readonly string[]): Promise<number> {
  const options: {
    host?: string
    port?: number
    dataDir?: string
    seed?: 'demo' | 'empty'
    users?: number
    json?: boolean
    tls?: boolean
  } = {}
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].includes('=') ? args[i].split(/=(.*)/s, 2) : [args[i], undefined]
    const value = () => {
      const next = inline ?? args[++i]
      if (next === undefined) throw emulatorUsage(`${flag} needs a value.`)
      return next
    }
    switch (flag) {
      case '--host':
        options.host = value()
        break
      case '--port':
        options.port = wholeNumber(flag, value())
        break
      case '--data':
        options.dataDir = value()
        break
      case '--seed': {
        const seed = value()
        if (seed !== 'demo' && seed !== 'empty')
          throw emulatorUsage(`--seed takes demo or empty, not '${seed}'.`)
        options.seed = seed
        break
      }
      case '--users':
        options.users = wholeNumber(flag, value())
        break
      case '--json':
        options.json = true
        break
      case '--tls':
        options.tls = true
        break
      default:
        throw emulatorUsage(`vcs emulator has no option ${flag}.`)
    }
  }
  const { runEmulatorCommand } = await import('../emulator/index.js')
  await runEmulatorCommand(options)
  // The emulator serves until SIGINT/SIGTERM, which its own handlers turn into a clean exit.
  return new Promise<number>(() => {})
}

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw emulatorUsage(`${flag} takes a whole number, not '${text}'.`)
  return Number(text)
}

function emulatorUsage(message: string): UsageError {
  return new UsageError('InvalidParameterValue', message, {
    hint: 'vcs emulator [--host H] [--port 8443] [--data DIR] [--seed demo|empty] [--users N] [--json] [--tls]',
  })
}
