// Script mode: `vcs -c "<pipeline>"`, `vcs -File job.ps1 [args]` and script text piped to `vcs`.
// PowerShell semantics: a failed statement is reported and the script goes on (exit code 5 or 1 at
// the end), a parse error stops before anything runs (exit 2, with a caret).
import type { Session } from '../engine/context.js'
import { RuntimeError, type VcsError } from '../engine/errors.js'
import type { CommandRegistry } from '../engine/registry.js'
import { Interpreter } from '../language/interpreter.js'
import { parse } from '../language/parser.js'
import type { GlobalOptions } from './argv.js'
import type { AnyCmdlet } from '../engine/types.js'
import { cmdletNeedsConnection, connectFromEnvironmentLazily, scriptNeedsConnection } from './connect.js'
import type { CliHost } from './host.js'
import { emit } from './run.js'
import { createCliSession, stdoutWriter } from './session.js'

export interface ScriptRun {
  text: string
  file?: string
  args?: readonly string[]
  options: GlobalOptions
  /** An existing session (the demo's, already connected); otherwise a fresh CLI session. */
  session?: { session: Session; host: CliHost }
}

/** Runs script text and returns the exit code. */
export async function runScript(registry: CommandRegistry, run: ScriptRun): Promise<number> {
  const { session, host } = run.session ?? createCliSession()
  const interpreter = new Interpreter({ registry, session })
  const writer = stdoutWriter(run.options, 'script')
  // Connect from the environment only when a pipeline that needs CSP has bound: a parse error or a
  // bad parameter anywhere before it sends no request at all, not even a token exchange.
  if (!run.session && scriptNeedsConnection(run.text)) session.beforeRun = connectOnFirstNeed(session)
  const records = (async function* () {
    parse(run.text, { file: run.file })
    session.beginRun()
    yield* interpreter.run(run.text, { file: run.file, args: run.args ? [...run.args] : [] })
  })()
  return await emit(records, {
    session,
    host,
    writer,
    // Statement errors the host did not already show are counted too, each once.
    extraErrors: () => interpreter.statementErrors.filter((error: VcsError) => !host.written.includes(error)),
    // `exit n` in the script decides the exit code, as in PowerShell.
    scriptExitCode: () => interpreter.exitCode,
  })
}

/** A beforeRun hook that connects once, when the first pipeline with a Vcs cmdlet is about to run. */
function connectOnFirstNeed(session: Session): (cmdlets: readonly AnyCmdlet[]) => Promise<void> {
  let connecting: Promise<void> | undefined
  return async (cmdlets) => {
    if (!cmdlets.some(cmdletNeedsConnection)) return
    connecting ??= connectFromEnvironmentLazily(session, process.env, true)
    await connecting
  }
}

/** Reads a script file; a missing or unreadable file throws a FileError (exit 1, one line). */
export async function readScriptFile(path: string): Promise<string> {
  const { readFile } = await import('node:fs/promises')
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message
    throw new RuntimeError('FileError', `Cannot read the script ${path}: ${reason}.`, {
      category: 'ReadError',
      cause: error,
    })
  }
}
