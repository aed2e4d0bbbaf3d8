// How a bulk job winds down when it is stopped (Ctrl+C, SIGTERM, SIGHUP): requests already sent are
// allowed to get their answer, and what they did is looked up, for a bounded time, so that the
// ledger records the server's word instead of a guess. A second Ctrl+C (or signal) ends the process
// at once; the drain never outlives its budget.
import type { Session } from '../../../src/engine/index.js'

/** Seconds a stopped job may spend finishing its requests in flight and looking up their fate. */
const DEFAULT_DRAIN_MS = 30_000

/** The drain budget: `VCS_DRAIN_SECONDS` (tests shorten it), else 30 s. */
export function drainTime(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.VCS_DRAIN_SECONDS)
  return Number.isFinite(seconds) && seconds >= 0 && env.VCS_DRAIN_SECONDS?.trim()
    ? seconds * 1000
    : DEFAULT_DRAIN_MS
}

/** A signal that aborts `ms` after `run` aborts (not before), and its cleanup. */
export interface DrainSignal {
  readonly signal: AbortSignal
  dispose(): void
}

/** Returns a signal that outlives `run` by `ms`, so that work in flight can finish. */
export function drainSignal(run: AbortSignal, ms: number, session?: Session): DrainSignal {
  const controller = new AbortController()
  // While it is held, a cancel waits for this job to wind down (see Session.windingDown).
  const token = {}
  session?.windingDown.add(token)
  let timer: NodeJS.Timeout | undefined
  const onAbort = () => {
    timer = setTimeout(() => controller.abort(run.reason), ms)
    timer.unref()
  }
  if (run.aborted) onAbort()
  else run.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    dispose() {
      session?.windingDown.delete(token)
      run.removeEventListener('abort', onAbort)
      if (timer) clearTimeout(timer)
    },
  }
}
