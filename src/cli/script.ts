// Script mode: `vcs -c "<pipeline>"`, `vcs -File job.ps1 [args]` and script text piped to `vcs`.
// PowerShell semantics: a failed statement is reported and the script goes on (exit code 5 or 1 at
// the end), a parse error stops before anything runs (exit 2, with a caret).
import type { Session } from '../engine/context.js'
import { RuntimeError, type VcsError } from '../engine/errors.js'
import type { CommandRegistry } from '../engine/registry.js'
import type { GlobalOptions } from './argv.js'
import { connectFromEnvironmentLazily, scriptNeedsConnection } from './connect.js'
import type { CliHost } from './host.js'
import { emit, printError } from './run.js'
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
  const { Interpreter } = await import('../language/index.js')
  const interpreter = new Interpreter({ registry, session })
  const writer = stdoutWriter(run.options)
  const records = (async function* () {
    if (!run.session && scriptNeedsConnection(run.text))
      await connectFromEnvironmentLazily(session, process.env)
    session.beginRun()
    yield* interpreter.run(run.text, { file: run.file, args: run.args ? [...run.args] : [] })
  })()
  return emit(records, {
    session,
    host,
    writer,
    // Statement errors the host did not already show are counted too, each once.
    extraErrors: () => interpreter.statementErrors.filter((error: VcsError) => !host.written.includes(error)),
  })
}

/** Reads a script file; a missing or unreadable file is exit 1 with one line. */
export async function readScriptFile(path: string): Promise<string | undefined> {
  const { readFile } = await import('node:fs/promises')
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message
    printError(
      new RuntimeError('FileError', `Cannot read the script ${path}: ${reason}.`, { category: 'ReadError' }),
    )
    return undefined
  }
}
