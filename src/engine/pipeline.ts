// The library surface of a pipeline: awaitable (to an array), async-iterable (streaming) and pipeable.
// Nothing runs until it is awaited or iterated, and every stage is bound first. Failures are visible
// by default: errors written under errorAction Continue make the run reject with a
// PartialFailureError at its end, carrying the errors and the records that succeeded.
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

  private async *run(): AsyncGenerator<T> {
    const session = this.session ?? currentSession()
    const bound = bindStages(this.stages, this.input !== undefined)
    session.beginRun()
    yield* watchRun<T>(
      session,
      this.signal,
      () => runInSessionIterable(session, runStages(bound, session, this.input)) as AsyncIterator<T>,
    )
  }

  /** Collects every output record; rejects with a PartialFailureError carrying them if some failed. */
  async toArray(): Promise<T[]> {
    const out: T[] = []
    try {
      for await (const item of this) out.push(item)
    } catch (error) {
      if (error instanceof PartialFailureError) error.records = out
      throw error
    }
    return out
  }

  then<R1 = T[], R2 = never>(
    onfulfilled?: ((value: T[]) => R1 | PromiseLike<R1>) | null,
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
 * Runs `start()`'s iterator to its end, aborting the session's run when `signal` aborts, and throws
 * a PartialFailureError at the end when errors were recorded in the session meanwhile ($Error):
 * errors under errorAction Continue or SilentlyContinue (Ignore records none). Shared by Pipeline
 * and ps`...`.
 */
export async function* watchRun<T>(
  session: Session,
  signal: AbortSignal | undefined,
  start: () => AsyncIterator<T>,
): AsyncGenerator<T> {
  // Aborted already: nothing runs (a cached answer would otherwise come back as if nothing happened).
  if (signal?.aborted) throw new InterruptedError(undefined, { cause: signal.reason })
  const before = session.errorsRecorded
  const abort = () => session.abortController.abort(signal?.reason)
  signal?.addEventListener('abort', abort, { once: true })
  try {
    const iterator = start()
    yield* { [Symbol.asyncIterator]: () => iterator }
  } finally {
    signal?.removeEventListener('abort', abort)
  }
  const count = Math.min(session.errorsRecorded - before, session.errors.length)
  if (count > 0)
    throw partialFailure(
      session.errors
        .slice(0, count)
        .reverse()
        .map((record) => record.error),
    )
}

function partialFailure(errors: readonly VcsError[]): PartialFailureError {
  const first = errors[0]
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''
  return new PartialFailureError(`${errors.length} error(s) were written: ${first.message}${more}`, {
    errors,
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
