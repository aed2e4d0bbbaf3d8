// The library surface of a pipeline: awaitable (to an array), async-iterable (streaming) and pipeable.
// Nothing runs until it is awaited or iterated, and every stage is bound first. Failures are visible
// by default: errors written under errorAction Continue come back on the awaited result as
// `errors`, and `.orThrow()` rejects with a PartialFailureError carrying them and the records.
import { currentSession, type Session } from './context.js'
import { InterruptedError, PartialFailureError, type VcsError } from './errors.js'
import { bindStages, runInSessionIterable, runStages, type StageSpec } from './runtime.js'
import type { Cmdlet, LibraryArgsOf, ParameterDefs } from './types.js'

/** Something a pipeline's output can be piped into that is not a Pipeline: a ps`...` command. */
export interface PipeTarget<R> {
  /** The same command with `source` as its pipeline input. */
  withInput(source: AsyncIterable<unknown>): R
}

/** Options every pipeline takes: `getVcsUser({ name: 'A*' }, { signal })`, or `.withSignal(signal)`. */
export interface PipelineOptions {
  /** Aborting it stops the run: requests are cancelled and the pipeline rejects with InterruptedError. */
  signal?: AbortSignal
}

export class Pipeline<T = unknown> implements PromiseLike<T[]>, AsyncIterable<T> {
  constructor(
    readonly stages: readonly StageSpec[],
    private readonly input?: AsyncIterable<unknown> | Iterable<unknown>,
    private readonly session?: Session,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * Appends the stages of another (input-less) pipeline: `getVcsUser().pipe(removeVcsUser())`, or
   * feeds this pipeline's output to a ps`...` command: `getVcsUser().pipe(ps\`Remove-VcsUser -WhatIf\`)`.
   */
  pipe<U>(next: Pipeline<U>): Pipeline<U>
  pipe<R>(next: PipeTarget<R>): R
  pipe<U, R>(next: Pipeline<U> | PipeTarget<R>): Pipeline<U> | R {
    if (!(next instanceof Pipeline)) {
      if (typeof (next as Partial<PipeTarget<R>>)?.withInput !== 'function')
        throw new TypeError('pipe() takes a pipeline (getVcsUser()) or a ps`...` command')
      return next.withInput(this)
    }
    if (next.input !== undefined) throw new TypeError('pipe() takes a pipeline without its own input')
    return new Pipeline<U>(
      [...this.stages, ...next.stages],
      this.input,
      this.session,
      this.signal ?? next.signal,
    )
  }

  /** Runs in a given session (its connection, preferences and host) instead of the current one. */
  in(session: Session): Pipeline<T> {
    return new Pipeline<T>(this.stages, this.input, session, this.signal)
  }

  /** Stops the run when `signal` aborts (a time-out, the caller's own cancellation). */
  withSignal(signal: AbortSignal | undefined): Pipeline<T> {
    return new Pipeline<T>(this.stages, this.input, this.session, signal)
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.run()[Symbol.asyncIterator]()
  }

  // Not a generator of its own: watchRun prepares the run on the first next(), so a record passes
  // through one generator less (each level costs promises per record).
  private run(onErrors?: (errors: readonly VcsError[]) => void): RunIterator<T> {
    let bound: ReturnType<typeof bindStages>
    return watchRun<T>(
      () => {
        const session = this.session ?? currentSession()
        bound = bindStages(this.stages, this.input !== undefined)
        session.beginRun()
        return session
      },
      this.signal,
      (session) => runInSessionIterable(session, runStages(bound, session, this.input)) as AsyncIterator<T>,
      onErrors,
    )
  }

  /**
   * Collects every output record. Errors written meanwhile (errorAction Continue or
   * SilentlyContinue) are on the result as `errors`; `.orThrow()` turns them into a rejection.
   */
  async toArray(): Promise<PipelineResult<T>> {
    const out: T[] = []
    let errors: readonly VcsError[] | undefined
    for await (const item of this.run((written) => (errors = written))) out.push(item)
    return withErrors(out, errors)
  }

  /** Awaits the records, rejecting with a PartialFailureError (errors and records) if any failed. */
  async orThrow(): Promise<T[]> {
    const result = await this.toArray()
    if (result.errors?.length) throw partialFailure(result.errors, result)
    return result
  }

  then<R1 = PipelineResult<T>, R2 = never>(
    onfulfilled?: ((value: PipelineResult<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.toArray().then(onfulfilled, onrejected)
  }

  /** As on a Promise: `await ps`...`.catch(report)` (zx users chain it out of habit). */
  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T[] | R> {
    return this.toArray().catch(onrejected)
  }

  /** As on a Promise. */
  finally(onfinally?: (() => void) | null): Promise<T[]> {
    return this.toArray().finally(onfinally)
  }
}

/** Starts a pipeline from values: `input(['a@x.com']).pipe(newVcsUserInvitation({...}))`. */
export function input<T>(values: AsyncIterable<T> | Iterable<T>, options?: PipelineOptions): Pipeline<T> {
  return new Pipeline<T>([], values, undefined, options?.signal)
}

/**
 * Runs `start(session)`'s iterator to its end, aborting the session's run when `signal` aborts, and
 * hands `onErrors` the errors recorded in the session meanwhile ($Error), oldest first:
 * errors under errorAction Continue or SilentlyContinue (Ignore records none). `prepare` is the
 * session, or a function that readies the run (binding it) on the first next() and returns it.
 * Shared by Pipeline and ps`...`.
 */
export function watchRun<T>(
  prepare: Session | (() => Session),
  signal: AbortSignal | undefined,
  start: (session: Session) => AsyncIterator<T>,
  onErrors?: (errors: readonly VcsError[]) => void,
): RunIterator<T> {
  // Written out rather than as an async generator: a generator here would cost promises per record.
  let state: 'new' | 'running' | 'done' = 'new'
  let session: Session
  let iterator: AsyncIterator<T>
  let before = 0
  const abort = () => session.abortController.abort(signal?.reason)
  const stop = () => {
    state = 'done'
    signal?.removeEventListener('abort', abort)
  }
  const open = () => {
    state = 'done'
    session = typeof prepare === 'function' ? prepare() : prepare
    // Aborted already: nothing runs (a cached answer would otherwise come back as if nothing happened).
    if (signal?.aborted) throw new InterruptedError(undefined, { cause: signal.reason })
    before = session.errorsRecorded
    signal?.addEventListener('abort', abort, { once: true })
    try {
      iterator = start(session)
    } catch (error) {
      stop()
      throw error
    }
    state = 'running'
  }
  const ended = (result: IteratorResult<T>): IteratorResult<T> => {
    if (!result.done) return result
    stop()
    const count = Math.min(session.errorsRecorded - before, session.errors.length)
    if (count > 0)
      onErrors?.(
        session.errors
          .slice(0, count)
          .reverse()
          .map((record) => record.error),
      )
    return DONE
  }
  const failed = (error: unknown): never => {
    stop()
    throw error
  }
  const run: RunIterator<T> = {
    next() {
      if (state === 'new') {
        try {
          open()
        } catch (error) {
          return Promise.reject(error)
        }
      }
      if (state === 'done') return Promise.resolve(DONE)
      return iterator.next().then(ended, failed)
    },
    async return(value?: unknown) {
      if (state === 'running') {
        stop()
        await iterator.return?.(value)
      }
      state = 'done'
      return DONE
    },
    async throw(error?: unknown) {
      if (state === 'running' && iterator.throw) return iterator.throw(error).then(ended, failed)
      await run.return(undefined)
      throw error
    },
    [Symbol.asyncIterator]() {
      return run
    },
  }
  return run
}

/** A run's records, one at a time; return() stops it early. */
export type RunIterator<T> = AsyncIterableIterator<T> & Required<Pick<AsyncIterator<T>, 'return' | 'throw'>>

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined })

/** An awaited pipeline's records; `errors` holds the errors written meanwhile, when there were any. */
export type PipelineResult<T> = T[] & { readonly errors?: readonly VcsError[] }

/** Attaches `errors` to the records (not enumerable: the array still equals its records). */
export function withErrors<T>(records: T[], errors: readonly VcsError[] | undefined): PipelineResult<T> {
  if (errors?.length) Object.defineProperty(records, 'errors', { value: errors, enumerable: false })
  return records
}

/** The rejection of `.orThrow()`: the errors written and the records that succeeded. */
export function partialFailure<T>(errors: readonly VcsError[], records: T[]): PartialFailureError<T> {
  const first = errors[0]
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''
  return new PartialFailureError<T>(`${errors.length} error(s) were written: ${first.message}${more}`, {
    errors,
    records: [...records],
    hint: 'The error has .errors (each .target names its input) and .records (the output that succeeded).',
  })
}

/** A cmdlet as a library function: `getVcsUser({ name: 'A*' })` returns a Pipeline. */
export type CmdletFunction<P extends ParameterDefs, O> = ((
  args?: LibraryArgsOf<P>,
  options?: PipelineOptions,
) => Pipeline<O>) & {
  readonly cmdlet: Cmdlet<P, O>
}

export function cmdletFunction<P extends ParameterDefs, O>(cmdlet: Cmdlet<P, O>): CmdletFunction<P, O> {
  const fn = (args?: LibraryArgsOf<P>, options?: PipelineOptions) =>
    new Pipeline<O>(
      [{ cmdlet, args: (args ?? {}) as Record<string, unknown> }],
      undefined,
      undefined,
      options?.signal,
    )
  Object.defineProperty(fn, 'name', { value: cmdlet.functionName })
  return Object.assign(fn, { cmdlet })
}
