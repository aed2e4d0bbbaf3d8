// Output formatting in real time, shared by the shell and the one-shot CLI: a FormatStream fed record
// by record, with PowerShell's wait for the first batch of a table (300 ms or 50 records, whichever
// comes first), so rows appear while a slow pipeline is still running. Its lines go to a terminal, so
// control characters in the data are shown escaped unless the caller says otherwise.
import { FormatStream, type FormatStreamOptions } from './format.js'

/** Records that size a table before its first rows print. */
export const TABLE_BATCH = 50
/** How long a table waits for its batch before printing what it has (PowerShell's 300 ms). */
export const TABLE_WAIT_MS = 300

/** The timer functions used for the wait; tests pass their own and fire it by hand. */
export interface WaitTimers {
  set(callback: () => void, ms: number): unknown
  clear(handle: unknown): void
}

const realTimers: WaitTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** `batchSize` defaults to TABLE_BATCH here, and `escapeControl` to true (the lines are for a terminal). */
export interface LiveFormatOptions extends FormatStreamOptions {
  /** How long a batch waits for more records; TABLE_WAIT_MS when omitted. */
  waitMs?: number
  timers?: WaitTimers
}

/**
 * Formats records as they arrive and hands each chunk of lines to `print`: at once when a record
 * completes lines (a row of a table already sized, a plain value), when a batch is full, or when
 * the wait for it is over. `end()` prints the rest; after it, nothing more is printed. A record that
 * cannot be formatted when the wait ends throws from the next `push()` or `end()`, not from a timer.
 */
export class LiveFormat {
  private readonly stream: FormatStream
  private readonly waitMs: number
  private readonly timers: WaitTimers
  private timer: unknown
  /** The batch the timer is waiting for. */
  private timedBatch: number | undefined
  private ended = false
  private failure: { error: unknown } | undefined

  constructor(
    private readonly print: (lines: string[]) => void,
    options: LiveFormatOptions = {},
  ) {
    this.stream = new FormatStream({
      ...options,
      batchSize: options.batchSize ?? TABLE_BATCH,
      escapeControl: options.escapeControl ?? true,
    })
    this.waitMs = options.waitMs ?? TABLE_WAIT_MS
    this.timers = options.timers ?? realTimers
  }

  push(record: unknown): void {
    if (this.ended) return
    this.stopOnError(() => {
      this.rethrow()
      this.emit(this.stream.push(record))
      this.arm()
    })
  }

  end(): void {
    if (this.ended) return
    this.stopOnError(() => {
      this.rethrow()
      this.emit(this.stream.flush())
    })
    this.ended = true
    this.disarm()
  }

  /** A formatting error is thrown once; the stream prints nothing after it. */
  private stopOnError(work: () => void): void {
    try {
      work()
    } catch (error) {
      this.ended = true
      this.disarm()
      throw error
    }
  }

  private rethrow(): void {
    const failure = this.failure
    this.failure = undefined
    if (failure) throw failure.error
  }

  private emit(lines: string[]): void {
    if (lines.length > 0) this.print(lines)
  }

  /** Starts the wait when a new batch begins; stops it when nothing waits any more. */
  private arm(): void {
    const batch = this.stream.waiting
    if (batch === this.timedBatch) return
    this.disarm()
    if (batch === undefined) return
    this.timedBatch = batch
    this.timer = this.timers.set(() => {
      this.timer = undefined
      this.timedBatch = undefined
      try {
        this.emit(this.stream.release())
        this.arm()
      } catch (error) {
        this.failure = { error }
      }
    }, this.waitMs)
  }

  private disarm(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer)
    this.timer = undefined
    this.timedBatch = undefined
  }
}
