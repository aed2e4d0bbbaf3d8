// The interpreter: parses a script, then runs its statements in the session, streaming top-level
// output. The shell runs each line with it, the CLI runs `-c`, `-File` and stdin scripts, and the `ps`
// template runs library calls.
import path from 'node:path'
import type { Session } from '../engine/context.js'
import { toVcsError, type VcsError } from '../engine/errors.js'
import { registerTypeName } from '../engine/objects.js'
import type { CommandRegistry } from '../engine/registry.js'
import { runInSessionIterable } from '../engine/runtime.js'
import type { ScriptAst } from './ast.js'
import { SourceText } from './diagnostics.js'
import { errorRecordFor } from './error-records.js'
import { GROWABLE } from './methods.js'
// Registers the types New-Object creates with the engine (a side effect, like methods.ts's invoker).
import './new-object.js'
import { bindParameters, itemsFromArgv } from './params.js'
import { parse } from './parser.js'
import { FlowSignal, Scope, ScriptExit, type Frame, type Runtime } from './scope.js'
import { execStatements } from './statements.js'

export interface InterpreterOptions {
  registry: CommandRegistry
  session: Session
}

export interface RunOptions {
  /** The script's file name: shown in diagnostics, and the script runs in its own scope. */
  file?: string
  /**
   * Script arguments, bound to the script's param() block (`-Name value`, `-Force`, positional) as
   * command-line strings are; what no parameter takes is `$args`.
   */
  args?: unknown[]
  /** Variables defined for this run only, in a scope of their own (the `ps` template's values). */
  variables?: Record<string, unknown>
}

/**
 * Runs PowerShell-subset scripts against a command registry in a session.
 *
 * Errors follow PowerShell: a cmdlet's terminating error or a bind error ends its statement (it is
 * recorded in `$Error`, written to the host and pushed to `statementErrors`) and the script goes on,
 * unless `$ErrorActionPreference` is 'Stop'; `throw`, 'Stop' and interrupts end the run, and `run()`
 * throws them (always a VcsError). `exit n` ends the run normally and sets `exitCode`.
 */
export class Interpreter {
  /** Statement-terminating errors of the last run that the script went on after. */
  readonly statementErrors: VcsError[] = []
  private readonly runtime: Runtime

  constructor(options: InterpreterOptions) {
    GROWABLE.add(options.session.errors)
    // The record types cmdlets take (`-is [VcsUser]` works before any VcsUser was made).
    for (const cmdlet of options.registry.all()) {
      for (const definition of Object.values(
        cmdlet.allParameters as Record<string, { objectType?: string | readonly string[] }>,
      )) {
        for (const name of [definition.objectType ?? []].flat()) registerTypeName(name)
      }
    }
    this.runtime = {
      registry: options.registry,
      session: options.session,
      statementErrors: this.statementErrors,
      callDepth: 0,
      lastSuccess: true,
    }
  }

  get session(): Session {
    return this.runtime.session
  }

  /** The code given to `exit` in the last run, or undefined when it did not call exit. */
  get exitCode(): number | undefined {
    return this.runtime.exitCode
  }

  /**
   * Parses the text (a parse error is thrown here, before anything runs) and returns its output
   * as a stream; statements run as the stream is read, inside the session's context.
   */
  run(text: string, options: RunOptions = {}): AsyncIterable<unknown> {
    const ast = parse(text, { file: options.file })
    return runInSessionIterable(this.runtime.session, this.execute(ast, options))
  }

  /** Runs the text and collects its output. */
  async evaluate(text: string, options: RunOptions = {}): Promise<unknown[]> {
    const outputs: unknown[] = []
    for await (const value of this.run(text, options)) outputs.push(value)
    return outputs
  }

  private async *execute(ast: ScriptAst, options: RunOptions): AsyncGenerator<unknown> {
    const { runtime } = this
    const { session } = runtime
    this.statementErrors.length = 0
    runtime.exitCode = undefined
    runtime.callDepth = 0
    session.beginRun()
    const source = new SourceText(ast.text, ast.file)
    const isolated = options.file !== undefined || options.variables !== undefined || ast.param !== undefined
    const root = new Scope(session, undefined, isolated ? undefined : (options.args ?? []))
    const scope = (isolated ? root.child({ args: [] }) : root).markScript(true)
    const frame: Frame = { runtime, scope, source, tryDepth: 0 }
    try {
      for (const [name, value] of Object.entries(options.variables ?? {})) scope.setLocal(name, value)
      if (options.file !== undefined) {
        scope.setLocal('PSCommandPath', path.resolve(options.file))
        scope.setLocal('PSScriptRoot', path.dirname(path.resolve(options.file)))
      }
      if (isolated) {
        const args = options.args ?? []
        const rest = ast.param
          ? await bindParameters(
              ast.param,
              itemsFromArgv(args, ast.param),
              frame,
              options.file ? path.basename(options.file) : 'the script',
            )
          : args
        scope.setArguments([...rest])
      }
      yield* execStatements(ast.statements, frame)
    } catch (error) {
      // return, break and continue outside anything that takes them end the script.
      if (error instanceof FlowSignal) return
      if (error instanceof ScriptExit) {
        runtime.exitCode = error.scriptExitCode
        return
      }
      const vcsError = toVcsError(error)
      if (!vcsError.position && ast.param) vcsError.position = source.position(ast.param)
      errorRecordFor(session, vcsError, { record: true })
      throw vcsError
    } finally {
      // Preferences read by cmdlets run outside the language come from the session again.
      session.scopeLookup = undefined
    }
  }
}
