// Dispatches a parsed command line to its mode. Loaded after main.ts has handled `--version`, and
// loads the registry (and, lazily, the language, auth, emulator and shell) only for modes that use them.
import type { CommandRegistry } from '../engine/registry.js'
import { parseInvocation } from './argv.js'
import { connectFromEnvironmentLazily } from './connect.js'
import { ExitCode } from './exit.js'
import { printError } from './run.js'

async function loadRegistry(): Promise<CommandRegistry> {
  return (await import('../../cmdlets/index.js')).registry
}

/** Runs the CLI for argv (without node and script path) and resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const invocation = parseInvocation(argv)
    switch (invocation.mode) {
      case 'version':
        return ExitCode.Success
      case 'help': {
        const { topLevelHelp } = await import('./help.js')
        process.stdout.write(topLevelHelp((await loadRegistry()).all()))
        return ExitCode.Success
      }
      case 'completion': {
        const { completionScript } = await import('./completion.js')
        process.stdout.write(completionScript(invocation.shell, (await loadRegistry()).all()))
        return ExitCode.Success
      }
      case 'emulator': {
        const { runEmulator } = await import('./demo.js')
        return await runEmulator(invocation.args)
      }
      case 'demo': {
        const { runDemo } = await import('./demo.js')
        return await runDemo(await loadRegistry(), invocation.options)
      }
      case 'command': {
        const { runScript } = await import('./script.js')
        return await runScript(await loadRegistry(), { text: invocation.text, options: invocation.options })
      }
      case 'file': {
        const { runScript, readScriptFile } = await import('./script.js')
        const text = await readScriptFile(invocation.file)
        if (text === undefined) return ExitCode.Failure
        const options = invocation.options
        return await runScript(await loadRegistry(), {
          text,
          file: invocation.file,
          args: invocation.args,
          options,
        })
      }
      case 'cmdlet': {
        const { runOneShot } = await import('./oneshot.js')
        return await runOneShot(await loadRegistry(), invocation)
      }
      case 'default': {
        const registry = await loadRegistry()
        if (!process.stdin.isTTY) {
          const { runScript } = await import('./script.js')
          const { readAll } = await import('./stdin.js')
          return await runScript(registry, {
            text: await readAll(process.stdin),
            options: invocation.options,
          })
        }
        const { createCliSession } = await import('./session.js')
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
    const { exitCodeOf } = await import('../engine/errors.js')
    return exitCodeOf(error)
  }
}
