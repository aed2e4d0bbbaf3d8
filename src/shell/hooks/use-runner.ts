// Runs a submitted line through the language and turns its output into scroll-back as it arrives:
// records are formatted for the terminal width by the engine's LiveFormat (a table prints once its
// first batch is in, then row by row); Ctrl+C aborts and reports the partial result.
import { useCallback, useRef, useState } from 'react'
import {
  currentLedger,
  ErrorRecord,
  formatLedger,
  InterruptedError,
  isAbortError,
  resetLedger,
  toVcsError,
  unreadInputs,
  type Session,
} from '../../engine/index.js'
import { LiveFormat } from '../../engine/format-stream.js'
import { announceDifference } from '../../engine/differences.js'
import type { ScrollEntry } from '../host.js'
import { COLLECT_AFTER_RECORDS, COLLECT_FIRST_MS, COLLECT_SECOND_MS, collectGarbage } from '../memory.js'

/** Runs one line of input and streams its output records; statement errors go to the host. */
export type LineRunner = (text: string) => AsyncIterable<unknown>

/** What the live area shows while a line runs. */
export interface RunningState {
  label: string
  records: number
}

export interface Runner {
  running: RunningState | undefined
  /** True from submit to the end of the run, without waiting for a render. */
  isRunning(): boolean
  run(text: string): Promise<void>
  /** Ctrl+C: aborts in-flight requests; the loop stops even if a cmdlet ignores the signal. */
  interrupt(): void
}

/**
 * Lines printed within one frame go into one scroll-back entry: each entry is a new item of
 * `<Static>`, and a fast listing must not make one per record.
 */
const FRAME_MS = 16

/** The longest stretch the run loop works before it lets input and rendering in. */
const SLICE_MS = 8

/**
 * Output is written in chunks of about this many characters, each followed by a turn for keys and
 * rendering: a terminal write blocks until the terminal has taken it (stdout to a TTY is
 * synchronous), so a key typed meanwhile waits at most for one chunk, not a frame's worth of rows.
 */
export const CHUNK_CHARS = 4096

export interface RunOptions {
  session: Session
  runLine: LineRunner
  print: (entry: ScrollEntry) => void
  /** The terminal width when the run starts. */
  width: number
  /** Records output so far, at most every 100 ms (for the spinner). */
  onCount?: (records: number) => void
  /**
   * Resolves when the terminal has taken what was written (undefined when it keeps up): the loop
   * waits for it, so output never queues up ahead of the frame that shows a key.
   */
  drained?: () => Promise<void> | undefined
  /** Sees every output record (property completion learns the shapes of their types). */
  learn?: (record: unknown) => void
}

/**
 * Runs one line, printing its output as it arrives: the rows of a table once its first batch is in
 * (or its 300 ms wait is over), then each later row, batched per frame. Resolves when the run is
 * over: finished, failed (the error is printed) or interrupted (the partial result stays, a notice
 * says how many records came), with the number of records the line output.
 */
export async function runToScrollBack(text: string, options: RunOptions): Promise<number> {
  const { session, print } = options
  const signal = session.beginRun()
  resetLedger(session)
  let count = 0
  let interrupted = signal.aborted
  let stoppedByError = false
  let lastUpdate = Date.now()
  let pending: string[] = []
  let pendingChars = 0
  let frame: ReturnType<typeof setTimeout> | undefined
  const printPending = () => {
    clearTimeout(frame)
    frame = undefined
    if (pending.length === 0) return
    print({ kind: 'output', lines: pending })
    pending = []
    pendingChars = 0
  }
  const output = new LiveFormat(
    (lines) => {
      for (const line of lines) {
        pending.push(line)
        pendingChars += line.length + 1
      }
      frame ??= setTimeout(printPending, FRAME_MS)
    },
    { width: options.width, onDate: () => announceDifference(session, 'displayDate') },
  )
  // Two turns: a key read during this one schedules its render as an immediate too, and the
  // second turn lets that render go before the next rows.
  const pause = () => options.drained?.() ?? nextTurn().then(nextTurn)
  const fail = (error: unknown) => {
    const record = new ErrorRecord(toVcsError(error), true)
    session.recordError(record)
    // Rows already printed stay above the error; what was still held prints after it, as before.
    printPending()
    print({ kind: 'error', record })
  }
  // The signal lives as long as the session (beginRun replaces it only after an abort): the listener
  // goes with the run, or every line would leave one behind (Node warns after 11). Each record's wait
  // races the abort through a promise of its own: racing one never-settled `aborted` promise would
  // add a reaction to it per record, and through it keep every record alive until the run ends.
  let wake: ((value: 'aborted') => void) | undefined
  const onAbort = () => wake?.('aborted')
  signal.addEventListener('abort', onAbort, { once: true })
  const nextOrAbort = <T>(next: Promise<T>) =>
    signal.aborted
      ? Promise.resolve('aborted' as const)
      : new Promise<T | 'aborted'>((resolve, reject) => {
          wake = resolve
          next.then(resolve, reject)
        })
  let slice = performance.now()
  try {
    const iterator = options.runLine(text)[Symbol.asyncIterator]()
    while (!interrupted) {
      // Records of a fetched page arrive as resolved promises, which would run as one long chain of
      // microtasks: give keys, timers and frames their turn every few milliseconds.
      if (pendingChars >= CHUNK_CHARS) {
        printPending()
        await pause()
        slice = performance.now()
      } else if (performance.now() - slice > SLICE_MS) {
        await pause()
        slice = performance.now()
      }
      const next = await nextOrAbort(iterator.next())
      if (next === 'aborted') {
        interrupted = true
        // The pipeline winds down (a bulk job lets its requests in flight answer and records them,
        // for a bounded time) before the notice and the summary say what was done.
        // Anything else (a cmdlet that ignores the signal) is left behind at once.
        await Promise.race([
          iterator.return?.()?.catch(() => {}),
          windDownLimit(session.windingDown.size > 0 ? WIND_DOWN_MS : 0),
        ])
        break
      }
      if (next.done) break
      count++
      options.learn?.(next.value)
      output.push(next.value)
      if (Date.now() - lastUpdate > 100) {
        lastUpdate = Date.now()
        options.onCount?.(count)
      }
    }
  } catch (error) {
    if (signal.aborted || isAbortError(error) || toVcsError(error).code === 'Interrupted') interrupted = true
    else {
      stoppedByError = true
      fail(error)
    }
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
  try {
    output.end()
  } catch (error) {
    fail(error)
  }
  printPending()
  const ledger = currentLedger(session)
  if (interrupted) {
    print({
      kind: 'text',
      tone: 'warning',
      lines: [
        `Interrupted (${stopSignalOf(session) ?? 'Ctrl+C'}): the pipeline was cancelled after ${count} record(s).`,
        ...(ledger ? [formatLedger(ledger, true, unreadInputs(session))] : []),
      ],
    })
  } else if (ledger) {
    // However else the line ended (to its end, a failed row, an error that stopped the job), a line
    // that changed or tried to change anything says what became of it, as a one-shot run does.
    // A line an error stopped may have left its input (a CSV file) partly unread: it says so.
    const unread = stoppedByError ? unreadInputs(session) : []
    print({ kind: 'text', tone: 'muted', lines: [formatLedger(ledger, unread.length > 0, unread)] })
  }
  return count
}

/** The process signal that stopped the run (SIGTERM, SIGHUP), when it was not Ctrl+C. */
function stopSignalOf(session: Session): string | undefined {
  const reason: unknown = session.signal.reason
  const signal = reason instanceof InterruptedError ? reason.signal : undefined
  return signal && signal !== 'SIGINT' ? signal : undefined
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** The longest wait for a cancelled bulk job to wind down (its own drain is shorter). */
const WIND_DOWN_MS = 40_000

function windDownLimit(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}

/** The running-a-line state machine. */
export function useRunner(
  session: Session,
  runLine: LineRunner,
  print: (entry: ScrollEntry) => void,
  width: () => number,
  drained?: () => Promise<void> | undefined,
  learn?: (record: unknown) => void,
): Runner {
  const [running, setRunning] = useState<RunningState | undefined>(undefined)
  const active = useRef(false)
  const collecting = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  const run = useCallback(
    async (text: string) => {
      clearTimeout(collecting.current)
      active.current = true
      const label = text.split('\n')[0].slice(0, 60)
      setRunning({ label, records: 0 })
      let records = 0
      try {
        records = await runToScrollBack(text, {
          session,
          runLine,
          print,
          width: width(),
          drained,
          learn,
          onCount: (records) => setRunning({ label, records }),
        })
      } finally {
        active.current = false
        setRunning(undefined)
      }
      // A big listing's garbage goes back to the system once the prompt has been back a while
      // (memory.ts); a new line before then cancels it.
      if (records >= COLLECT_AFTER_RECORDS) {
        collecting.current = setTimeout(() => {
          collectGarbage()
          collecting.current = setTimeout(collectGarbage, COLLECT_SECOND_MS).unref()
        }, COLLECT_FIRST_MS).unref()
      }
    },
    [session, runLine, print, width, drained, learn],
  )

  const interrupt = useCallback(() => {
    if (active.current) session.abortController.abort()
  }, [session])

  const isRunning = useCallback(() => active.current, [])
  return { running, isRunning, run, interrupt }
}
