// The pipeline runtime: every stage is bound before any stage runs (so a bad parameter anywhere sends
// nothing), then stages are chained as async generators. Pulling drives the pipeline (backpressure);
// a downstream stage that stops early returns its upstream iterator, which ends upstream work.
import { bindArguments, bindPipelineRecord, type Binding, type CommandArgument } from './binder.js'
import {
  ErrorRecord,
  ProgressTracker,
  runInSession,
  throwIfAborted,
  type CmdletContext,
  type Session,
} from './context.js'
import {
  InterruptedError,
  RuntimeError,
  UsageError,
  toVcsError,
  type SourcePosition,
  type VcsError,
} from './errors.js'
import { implementationOf } from './define.js'
import { redact } from './redact.js'
import { registryOf } from './registry.js'
import type {
  ActionPreference,
  AnyCmdlet,
  AnyCmdlet as Cmdlet,
  ConfirmImpact,
  ScriptBlockLike,
} from './types.js'

/** One stage as written: a cmdlet and its arguments (shell elements or a library object). */
export interface StageSpec {
  cmdlet: AnyCmdlet
  args: readonly CommandArgument[] | Record<string, unknown>
  /** Where the command starts in the source, for errors. */
  position?: SourcePosition
}

/** A stage after binding. */
export interface BoundStage {
  binding: Binding
  position?: SourcePosition
}

/** Binds every stage; the first stage expects input only when the caller supplies some. */
export function bindStages(stages: readonly StageSpec[], hasInput: boolean): BoundStage[] {
  return stages.map((stage, index) => {
    try {
      return {
        binding: bindArguments(stage.cmdlet, stage.args, { expectingInput: index > 0 || hasInput }),
        position: stage.position,
      }
    } catch (error) {
      const vcsError = toVcsError(error)
      if (!vcsError.position && stage.position) vcsError.position = stage.position
      throw vcsError
    }
  })
}

/**
 * Runs bound stages over an optional input stream and yields the last stage's output.
 * Terminating errors propagate as exceptions; non-terminating ones go to the host and $Error.
 * Without a beforeRun hook the stages' own generators are returned as they are: every generator
 * level a record passes through costs promises per record (a 100,000-user listing is 100,000 of them).
 */
export function runStages(
  stages: readonly BoundStage[],
  session: Session,
  input?: AsyncIterable<unknown> | Iterable<unknown>,
): AsyncIterable<unknown> {
  const chain = (): AsyncIterable<unknown> => {
    let stream: AsyncIterable<unknown> | undefined = input ? toAsyncIterable(input) : undefined
    for (const stage of stages) stream = runStage(stage, session, stream)
    return stream ?? NOTHING
  }
  if (!session.beforeRun) return chain()
  const beforeRun = session.beforeRun
  return (async function* () {
    // Every stage is bound by now: a host may prepare (connect) knowing the run will not fail binding.
    await beforeRun(stages.map((stage) => stage.binding.cmdlet))
    yield* chain()
  })()
}

const NOTHING: AsyncIterable<never> = {
  [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ done: true, value: undefined }) }),
}

/** Runs stages inside the session's AsyncLocalStorage, resuming every step inside it. */
export function runInSessionIterable(
  session: Session,
  iterable: AsyncIterable<unknown>,
): AsyncIterableIterator<unknown> {
  const iterator = iterable[Symbol.asyncIterator]()
  return {
    next: () => runInSession(session, () => iterator.next()),
    return: (value?: unknown) =>
      runInSession(
        session,
        () => iterator.return?.(value) ?? Promise.resolve({ done: true as const, value }),
      ),
    throw: (error?: unknown) => runInSession(session, () => iterator.throw?.(error) ?? Promise.reject(error)),
    [Symbol.asyncIterator]() {
      return this
    },
  }
}

async function* runStage(
  stage: BoundStage,
  session: Session,
  input: AsyncIterable<unknown> | undefined,
): AsyncGenerator<unknown> {
  const { binding } = stage
  const ctx = createContext(binding, session, input !== undefined)
  const base = { ...binding.args } as any
  try {
    const cmdlet = await implementationOf(binding.cmdlet)
    await cmdlet.begin?.(base, ctx)
    if (cmdlet.stream) {
      const records = input ? boundRecords(binding, input, ctx) : single(base)
      yield* cmdlet.stream(records, ctx)
    } else if (cmdlet.process) {
      // Records are delegated to in place: a wrapping generator would cost promises per record.
      if (input) {
        for await (const args of boundRecords(binding, input, ctx)) {
          yield* await recordsOf(cmdlet.process(args as any, ctx))
        }
      } else {
        yield* await recordsOf(cmdlet.process(base, ctx))
      }
    } else if (input) {
      // end()-only cmdlets still drain their input so upstream work happens.
      for await (const _ of boundRecords(binding, input, ctx)) void _
    }
    if (cmdlet.end) yield* await recordsOf(cmdlet.end(base, ctx))
  } catch (error) {
    throw annotate(error, stage)
  }
}

function annotate(error: unknown, stage: BoundStage): VcsError {
  const vcsError = toVcsError(error)
  if (!vcsError.position && stage.position && vcsError instanceof UsageError)
    vcsError.position = stage.position
  return vcsError
}

async function* single<T>(value: T): AsyncGenerator<T> {
  yield value
}

/** Binds each input record; records that cannot bind become non-terminating errors. */
async function* boundRecords(
  binding: Binding,
  input: AsyncIterable<unknown>,
  ctx: CmdletContext,
): AsyncGenerator<any> {
  for await (const record of input) {
    ctx.throwIfAborted()
    let args: Record<string, unknown>
    try {
      args = bindPipelineRecord(binding, record)
    } catch (error) {
      ctx.writeError(error, record)
      continue
    }
    yield args
  }
}

/**
 * The records a process or end block returned, to delegate to in place: an (async) iterable as it
 * is; none for a promise (once it settles) or nothing.
 */
async function recordsOf<T>(
  result: AsyncIterable<T> | Iterable<T> | PromiseLike<void> | void,
): Promise<AsyncIterable<T> | Iterable<T>> {
  if (result === undefined || result === null) return NO_RECORDS
  if (typeof (result as PromiseLike<void>).then === 'function') {
    await result
    return NO_RECORDS
  }
  return result as AsyncIterable<T> | Iterable<T>
}

const NO_RECORDS: readonly never[] = []

export function toAsyncIterable<T>(input: AsyncIterable<T> | Iterable<T>): AsyncIterable<T> {
  if (Symbol.asyncIterator in (input as object)) return input as AsyncIterable<T>
  return (async function* () {
    yield* input as Iterable<T>
  })()
}

const IMPACT_RANK = { None: 0, Low: 1, Medium: 2, High: 3 } as const

function createContext(binding: Binding, session: Session, expectingInput: boolean): CmdletContext {
  const { cmdlet, args } = binding
  const errorAction =
    (args.errorAction as ActionPreference | undefined) ?? session.preference('ErrorActionPreference')
  const warningAction =
    (args.warningAction as ActionPreference | undefined) ?? session.preference('WarningPreference')
  const verbose = args.verbose === true || session.preference('VerbosePreference') === 'Continue'
  const debug = args.debug === true || session.preference('DebugPreference') === 'Continue'
  const errorVariable = args.errorVariable as string | undefined
  if (errorVariable && !errorVariable.startsWith('+')) session.setVariable(errorVariable, [])
  let yesToAll = false
  let noToAll = false
  const signal = session.signal
  const whatIf =
    args.whatIf === true || (args.whatIf === undefined && session.scopedVariable('WhatIfPreference') === true)

  const ctx: CmdletContext = {
    session,
    cmdlet,
    host: session.host,
    signal,
    boundParameters: binding.explicit,
    expectingInput,
    arguments: Object.freeze({ ...args }),
    whatIf,
    get commands() {
      const commands = registryOf(cmdlet)
      if (!commands) throw new Error(`${cmdlet.name} is not listed in a command registry`)
      return commands
    },
    writeError(error, target) {
      const vcsError = toVcsError(error)
      if (vcsError.target === undefined && target !== undefined) vcsError.target = target
      const record = new ErrorRecord(vcsError, false, cmdlet.name, vcsError.target)
      if (errorVariable) {
        const name = errorVariable.replace(/^\+/, '')
        const list = session.getVariable(name)
        session.setVariable(name, [...(Array.isArray(list) ? list : []), record])
      }
      if (errorAction === 'Ignore') return
      session.recordError(record)
      if (errorAction === 'Stop') throw vcsError
      if (errorAction === 'Continue' || errorAction === 'Inquire') session.host.writeError(record)
    },
    writeWarning(message) {
      if (warningAction === 'SilentlyContinue' || warningAction === 'Ignore') return
      session.host.writeWarning(message)
      if (warningAction === 'Stop')
        throw new RuntimeError('RuntimeError', redact(message), { category: 'OperationStopped' })
    },
    writeVerbose(message) {
      if (verbose) session.host.writeVerbose(message)
    },
    writeDebug(message) {
      if (debug) session.host.writeDebug(message)
    },
    writeInformation(message) {
      session.host.writeInformation(message)
    },
    async shouldProcess(target, action = defaultAction(cmdlet), detail) {
      if (whatIf) {
        // PowerShell's line exactly (ShouldProcess(target, action)); the request behind it is for
        // -Verbose, as a dry run of many targets must stay one readable line each.
        session.host.writeWhatIf(`What if: Performing the operation "${action}" on target "${target}".`)
        if (detail !== undefined && verbose)
          session.host.writeVerbose(typeof detail === 'string' ? detail : JSON.stringify(detail))
        return false
      }
      if (yesToAll) return true
      if (noToAll) return false
      const impact: ConfirmImpact = cmdlet.confirmImpact ?? 'Medium'
      const preference = session.confirmPreference()
      const confirmGiven = binding.explicit.has('confirm')
      const needsConfirm = confirmGiven
        ? args.confirm === true
        : args.force !== true && preference !== 'None' && IMPACT_RANK[impact] >= IMPACT_RANK[preference]
      if (!needsConfirm) return true
      if (!session.host.interactive) {
        throw new UsageError(
          'ConfirmationRequired',
          `${cmdlet.name} needs confirmation to ${action.toLowerCase()} "${target}", and this run cannot ask.`,
          { hint: 'Add -Confirm:$false (or -Force) to proceed, or -WhatIf to preview.', target },
        )
      }
      const choice = await session.host.confirm({
        caption: 'Confirm',
        message: `Are you sure you want to perform this action?\nPerforming the operation "${action}" on target "${target}".`,
        action,
        target,
        detail,
      })
      if (choice === 'yesToAll') yesToAll = true
      if (choice === 'noToAll') noToAll = true
      return choice === 'yes' || choice === 'yesToAll'
    },
    startProgress(activity, total) {
      return new ProgressTracker(
        session.host,
        activity,
        total,
        session.preference('ProgressPreference') !== 'SilentlyContinue',
      )
    },
    async invoke(block: ScriptBlockLike, input: unknown, ...rest: unknown[]) {
      if (typeof block === 'function') return await block(input, ...rest)
      return await block.invoke(input, ...rest)
    },
    throwIfAborted() {
      throwIfAborted(signal)
    },
  }
  return ctx
}

/** PowerShell's ShouldProcess(target) names the command as the operation (MshCommandRuntime.cs). */
function defaultAction(cmdlet: Cmdlet): string {
  return cmdlet.name
}

export { InterruptedError }
