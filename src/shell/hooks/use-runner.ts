// Runs a submitted line through the language and turns its output into scroll-back: records are
// collected, then formatted for the terminal width; Ctrl+C aborts and reports the partial result.
import { useCallback, useRef, useState } from 'react'
import { ErrorRecord, formatDefault, isAbortError, toVcsError, type Session } from '../../engine/index.js'
import type { ScrollEntry } from '../host.js'

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

/** The running-a-line state machine. */
export function useRunner(
  session: Session,
  runLine: LineRunner,
  print: (entry: ScrollEntry) => void,
  width: () => number,
): Runner {
  const [running, setRunning] = useState<RunningState | undefined>(undefined)
  const active = useRef(false)

  const run = useCallback(
    async (text: string) => {
      active.current = true
      const label = text.split('\n')[0].slice(0, 60)
      setRunning({ label, records: 0 })
      const signal = session.beginRun()
      const records: unknown[] = []
      let interrupted = signal.aborted
      let lastUpdate = Date.now()
      const aborted = new Promise<'aborted'>((resolve) =>
        signal.addEventListener('abort', () => resolve('aborted'), { once: true }),
      )
      try {
        const iterator = runLine(text)[Symbol.asyncIterator]()
        while (!interrupted) {
          const next = await Promise.race([iterator.next(), aborted])
          if (next === 'aborted') {
            interrupted = true
            void iterator.return?.()?.catch(() => {})
            break
          }
          if (next.done) break
          records.push(next.value)
          if (Date.now() - lastUpdate > 100) {
            lastUpdate = Date.now()
            setRunning({ label, records: records.length })
          }
        }
      } catch (error) {
        if (signal.aborted || isAbortError(error) || toVcsError(error).code === 'Interrupted')
          interrupted = true
        else {
          const record = new ErrorRecord(toVcsError(error), true)
          session.recordError(record)
          print({ kind: 'error', record })
        }
      }
      const lines = formatDefault(records, width())
      if (lines.length > 0) print({ kind: 'output', lines })
      if (interrupted) {
        print({
          kind: 'text',
          tone: 'warning',
          lines: [`Interrupted (Ctrl+C): the pipeline was cancelled after ${records.length} record(s).`],
        })
      }
      active.current = false
      setRunning(undefined)
    },
    [session, runLine, print, width],
  )

  const interrupt = useCallback(() => {
    if (active.current) session.abortController.abort()
  }, [session])

  const isRunning = useCallback(() => active.current, [])
  return { running, isRunning, run, interrupt }
}
