// SIGTERM (systemd, kill, a CI timeout) and SIGHUP (the terminal closed) end the shell the way they
// end a one-shot run: a line that is running is stopped as Ctrl+C stops it (a bulk job lets its
// requests in flight answer, writes its result file and prints its summary), then the shell exits
// 143 or 129. Without this, Node's default would end the process at once, and requests sent but
// not yet answered would have no row in the result file: a rerun would call them AlreadyInvited.
import { InterruptedError, type Session } from '../engine/index.js'

type StopSignal = 'SIGTERM' | 'SIGHUP'
const SIGNALS: readonly StopSignal[] = ['SIGTERM', 'SIGHUP']

/** The longest wait for a stopped line to wind down before the shell leaves anyway. */
const LEAVE_AFTER_MS = 45_000

/** Tracks the line being run, and leaves the shell (through `leave`) on SIGTERM or SIGHUP. */
export class ShellStopSignals {
  private active = 0
  private idle?: () => void
  private stopping = false
  private readonly handlers = SIGNALS.map((signal) => [signal, () => this.stop(signal)] as const)

  constructor(
    private readonly session: Session,
    private readonly leave: (exitCode: number) => void,
  ) {
    for (const [signal, handler] of this.handlers) process.on(signal, handler)
  }

  /** Wraps the line runner so the shell knows when a line is over. */
  track<A extends unknown[]>(
    run: (...args: A) => AsyncIterable<unknown>,
  ): (...args: A) => AsyncIterable<unknown> {
    return (...args: A) => {
      const tracked = async function* (this: ShellStopSignals) {
        this.active++
        try {
          yield* run(...args)
        } finally {
          this.active--
          if (this.active === 0) this.idle?.()
        }
      }
      return tracked.call(this)
    }
  }

  dispose(): void {
    for (const [signal, handler] of this.handlers) process.off(signal, handler)
  }

  private stop(signal: StopSignal): void {
    const reason = new InterruptedError(undefined, { signal })
    // A second signal, or nothing running: leave now.
    if (this.stopping || this.active === 0) {
      this.leave(reason.exitCode)
      return
    }
    this.stopping = true
    const leave = () => {
      clearTimeout(timer)
      // The line's notice and summary are printed right after its run ends: one turn later.
      setImmediate(() => this.leave(reason.exitCode))
    }
    const timer = setTimeout(leave, LEAVE_AFTER_MS)
    this.idle = leave
    this.session.abortController.abort(reason)
  }
}
