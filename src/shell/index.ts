// The interactive shell's entry point, imported lazily by the CLI so one-shot commands never load
// Ink or React. Wires the session to the shell's host and renders the App until the user leaves.
import './interactive-env.js'
import { render } from 'ink'
import { createElement } from 'react'
import stringWidth from 'string-width'
import type { CommandRegistry, Session } from '../engine/index.js'
import { getConnection } from '../auth/index.js'
import { Interpreter } from '../language/index.js'
import { App } from './App.js'
import { ShellHost } from './host.js'
import { defaultHistoryFile, History } from './hooks/use-history.js'
import { setHistoryRegistry } from './history-secrets.js'
import { LiveValueCache } from './live-values.js'
import { ShellStopSignals } from './stop-signals.js'
import { createTheme } from './theme.js'

export interface StartShellOptions {
  session: Session
  registry: CommandRegistry
  /** A line shown above the first prompt (the demo prints its server here). */
  banner?: string
  /** Overrides $VCS_HISTORY_FILE and the XDG default. */
  historyFile?: string
  /**
   * Work still going on when the prompt is drawn (the demo's emulator and connection): a line typed
   * before it settles waits for it, and its banner is printed when it is done.
   */
  ready?: Promise<{ banner?: string } | void>
  /** Streams for tests; the terminal otherwise. */
  stdin?: NodeJS.ReadStream
  stdout?: NodeJS.WriteStream
}

/** Ink options of the shell (shared with the latency benchmark so it measures the real thing). */
export const SHELL_RENDER_OPTIONS = {
  exitOnCtrlC: false,
  patchConsole: false,
  // 60 fps so a keystroke is never held back more than ~16 ms.
  maxFps: 60,
  // Ink 6's incremental renderer left stale copies of the prompt and the completion list on screen when
  // the live area grew (Tab cycling); the live area is a few lines, so redrawing it whole costs nothing
  // measurable (keystroke p95 7.9 ms, scripts/bench/shell-latency.mjs).
  incrementalRendering: false,
} as const

/** Moves the cursor one line up (CSI A). */
const CURSOR_UP = '\x1b[A'

/** How long after the first prompt the history is read and the terminal-width measurement warmed up. */
const WARM_UP_MS = 50

/** What a newcomer who started `vcs` without a connection sees above the first prompt. */
export const NOT_CONNECTED_HINT =
  'Not connected. Type Connect-Vcs to sign in with a CSP API token (it is asked for, hidden), ' +
  'or leave (exit) and run `vcs --demo` to try everything on a built-in emulator. Get-Help Connect-Vcs for more.'

/** `Demo Org` -> `demo-org`: how the prompt names the connected organization. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** The prompt's org slug for the session's default connection, or undefined when not connected. */
export function connectionSlug(session: Session): string | undefined {
  try {
    const connection = getConnection(session)
    return slugify(connection.orgName ?? connection.name) || connection.orgId
  } catch {
    return undefined
  }
}

/** Runs the interactive shell; resolves with the exit code when the user leaves (Ctrl+D or `exit`). */
export async function startShell(options: StartShellOptions): Promise<number> {
  const { session, registry } = options
  const stdout = options.stdout ?? process.stdout
  // A pty with no size (script(1), some CI runners) reports 0 columns; Ink would wrap every character.
  if (!stdout.columns) Object.assign(stdout, { columns: 80 })
  const host = new ShellHost(() => stdout.columns || 80)
  const previousHost = session.host
  session.host = host
  session.setVariable('ErrorActionPreference', 'Continue')
  setHistoryRegistry(registry)
  const history = new History(options.historyFile ?? defaultHistoryFile())
  const liveValues = new LiveValueCache(registry, session)
  const interpreter = new Interpreter({ registry, session })
  let exitCode = 0
  let left = false
  // SIGTERM and SIGHUP stop a running line as Ctrl+C does (its ledger written), then leave.
  const stopSignals = new ShellStopSignals(session, (code) => {
    exitCode = code
    instance.unmount()
  })
  const instance = render(
    createElement(App, {
      session,
      registry,
      host,
      history,
      liveValues,
      runLine: stopSignals.track(
        options.ready ? afterReady(options.ready, interpreter) : (text: string) => interpreter.run(text),
      ),
      ready: options.ready,
      exitRequested: () => interpreter.exitCode,
      theme: createTheme(),
      orgSlug: () => connectionSlug(session),
      banner: options.banner ?? (!options.ready && !connectionSlug(session) ? NOT_CONNECTED_HINT : undefined),
      onExit: (code: number) => {
        exitCode = code
        left = true
      },
    }),
    {
      // Spread only when given: an explicit `stdin: undefined` would replace Ink's process.stdin default.
      ...(options.stdin ? { stdin: options.stdin } : {}),
      stdout,
      ...SHELL_RENDER_OPTIONS,
    },
  )
  // Warm the completion cache while the user reads the banner: Tab should never wait on the network.
  if (connectionSlug(session)) void liveValues.prefetch()
  // The history file is read once the prompt is drawn (judging its lines for secrets parses each):
  // now, while the user reads the prompt, unless a key needs it first.
  setTimeout(() => history.load(), WARM_UP_MS).unref()
  // The first text wider than ASCII (the spinner of the first command) loads the grapheme segmenter
  // and compiles string-width's emoji pattern, ~40 ms once: done now, not when keys are typed ahead.
  setTimeout(() => stringWidth('⠋ — »'), WARM_UP_MS).unref()
  try {
    await instance.waitUntilExit()
    // Ink's last frame (empty when leaving) ends with a line break, which would leave a blank line
    // below the echo of `exit`; pwsh leaves nothing after it. The cursor goes back up onto that line.
    if (left && stdout.isTTY) stdout.write(CURSOR_UP)
  } finally {
    stopSignals.dispose()
    session.host = previousHost
  }
  return exitCode
}

/** Runs lines only once the background start-up settled (failed start-ups surface as errors then). */
function afterReady(
  ready: Promise<unknown>,
  interpreter: Interpreter,
): (text: string) => AsyncIterable<unknown> {
  return async function* (text: string) {
    await ready.catch(() => undefined)
    yield* interpreter.run(text)
  }
}
