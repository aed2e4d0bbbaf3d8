// The library surface of a pipeline: awaitable (to an array), async-iterable (streaming) and pipeable.
// Nothing runs until it is awaited or iterated, and every stage is bound first.
import { currentSession, type Session } from './context.js'
import { bindStages, runInSessionIterable, runStages, type StageSpec } from './runtime.js'
import type { Cmdlet, LibraryArgsOf, ParameterDefs } from './types.js'

export class Pipeline<T = unknown> implements PromiseLike<T[]>, AsyncIterable<T> {
  constructor(
    readonly stages: readonly StageSpec[],
    private readonly input?: AsyncIterable<unknown> | Iterable<unknown>,
    private readonly session?: Session,
  ) {}

  /** Appends the stages of another (input-less) pipeline: `getVcsUser().pipe(removeVcsUser())`. */
  pipe<U>(next: Pipeline<U>): Pipeline<U> {
    if (next.input !== undefined) throw new TypeError('pipe() takes a pipeline without its own input')
    return new Pipeline<U>([...this.stages, ...next.stages], this.input, this.session)
  }

  /** Runs in a given session (its connection, preferences and host) instead of the current one. */
  in(session: Session): Pipeline<T> {
    return new Pipeline<T>(this.stages, this.input, session)
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    const session = this.session ?? currentSession()
    const bound = bindStages(this.stages, this.input !== undefined)
    session.beginRun()
    return runInSessionIterable(session, runStages(bound, session, this.input)) as AsyncIterator<T>
  }

  /** Collects every output record. */
  async toArray(): Promise<T[]> {
    const out: T[] = []
    for await (const item of this) out.push(item)
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
export function input<T>(values: AsyncIterable<T> | Iterable<T>): Pipeline<T> {
  return new Pipeline<T>([], values)
}

/** A cmdlet as a library function: `getVcsUser({ name: 'A*' })` returns a Pipeline. */
export type CmdletFunction<P extends ParameterDefs, O> = ((args?: LibraryArgsOf<P>) => Pipeline<O>) & {
  readonly cmdlet: Cmdlet<P, O>
}

export function cmdletFunction<P extends ParameterDefs, O>(cmdlet: Cmdlet<P, O>): CmdletFunction<P, O> {
  const fn = (args?: LibraryArgsOf<P>) =>
    new Pipeline<O>([{ cmdlet, args: (args ?? {}) as Record<string, unknown> }])
  Object.defineProperty(fn, 'name', { value: cmdlet.functionName })
  return Object.assign(fn, { cmdlet })
}
