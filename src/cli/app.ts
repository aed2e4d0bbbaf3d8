// Dispatches a parsed command line to its mode. Loaded after main.ts has handled `--version`.
// What the one-shot modes share (the registry, the language, the script and cmdlet runners) is
// imported statically, and on purpose: esbuild puts modules in one chunk only when the same entry
// points and dynamic import() targets reach them, so every import() of a module the others also use
// splits the shared code into more files, and each file costs a one-shot command about a
// millisecond to load. Only what those modes never need loads lazily, from demo.ts and here: the
// demo and the emulator, yargs, and Ink with React (the shell); and auth, when a run connects
// (connect.ts).
import { registry } from '../../cmdlets/index.js'
import { registerEnvironmentSecrets } from '../engine/redact.js'
import { parseInvocation, type Invocation } from './argv.js'
import { completionScript } from './completion.js'
import { connectFromEnvironmentLazily } from './connect.js'
import { ExitCode, exitCodeFor } from './exit.js'
import { topLevelHelp } from './help.js'
import { runOneShot } from './oneshot.js'
import { printError } from './run.js'
import { readScriptFile, runScript } from './script.js'
import { createCliSession } from './session.js'
import { readAll } from './stdin.js'
import { registerTypedSecrets, setHistoryRegistry } from '../shell/history-secrets.js'

/**
 * True when the command line opens the shell or the emulator (the demo, `vcs emulator`, `vcs` on a
 * terminal): modes the one-shot build (dist/chunks/app.cjs) leaves out, which dist/cli.cjs then
 * runs in the full app (dist/chunks/app.js). A command line that does not parse stays in the
 * one-shot app, which says what is wrong with it.
 */
export function runsInFullApp(argv: readonly string[], stdinIsTty = process.stdin.isTTY === true): boolean {
  let invocation: Invocation
  try {
    invocation = parseInvocation(argv)
  } catch {
    return false
  }
  return (
    invocation.mode === 'demo' ||
    invocation.mode === 'emulator' ||
    (invocation.mode === 'default' && stdinIsTty)
  )
}

/** Runs the CLI for argv (without node and script path) and resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  // VCS_API_TOKEN and VCS_APP_SECRET are masked wherever they would be printed, even by a script
  // that never connects (`"$env:VCS_API_TOKEN"`), in every mode.
  registerEnvironmentSecrets()
  try {
    const invocation = parseInvocation(argv)
    switch (invocation.mode) {
      case 'version':
        return ExitCode.Success
      case 'help':
        process.stdout.write(topLevelHelp(registry.all()))
        return ExitCode.Success
      case 'completion':
        process.stdout.write(completionScript(invocation.shell, registry.all()))
        return ExitCode.Success
      case 'emulator':
        return await (await import('./demo.js')).runEmulator(invocation.args)
      case 'demo':
        return await (await import('./demo.js')).runDemo(registry, invocation.options, invocation.run)
      case 'command':
        warnAboutSecretsOnArgv(invocation.text)
        return await runScript(registry, { text: invocation.text, options: invocation.options })
      case 'file': {
        const text = await readScriptFile(invocation.file)
        const options = invocation.options
        return await runScript(registry, { text, file: invocation.file, args: invocation.args, options })
      }
      case 'cmdlet':
        return await runOneShot(registry, invocation)
      case 'default': {
        if (!process.stdin.isTTY) {
          return await runScript(registry, {
            text: await readAll(process.stdin),
            options: invocation.options,
          })
        }
        const { session } = createCliSession()
        // A shell started where VCS_SERVER/VCS_API_TOKEN are set opens already connected.
        await connectFromEnvironmentLazily(session, process.env).catch((error: unknown) => printError(error))
        // Before Ink loads: a terminal means interactive rendering, even when $CI is set.
        await import('../shell/interactive-env.js')
        const { startShell } = await import('../shell/index.js')
        return await startShell({ session, registry })
      }
    }
  } catch (error) {
    printError(error)
    return exitCodeFor({ error })
  }
}

/**
 * `vcs -c "Connect-Vcs -ApiToken '...'"` works, but the token sits in the process's argv, which
 * every local user can read with `ps`: say so (the secret itself masked) and say what to do instead.
 */
function warnAboutSecretsOnArgv(text: string): void {
  setHistoryRegistry(registry)
  if (registerTypedSecrets(text).length === 0) return
  process.stderr.write(
    "WARNING: the -c command line carries a secret, and other users can read it in 'ps' output. " +
      'Use VCS_API_TOKEN_FILE (or VCS_APP_SECRET_FILE), pipe the script on stdin, or let Connect-Vcs prompt in the shell.\n',
  )
}
