// Drives a run's output stream into a writer and turns how it ended (records, non-terminating
// errors, a terminating error, Ctrl+C) into one exit code and, on failure, one line on stderr.
import type { Session } from '../engine/context.js'
import {
  formatCaret,
  formatErrorLine,
  InterruptedError,
  toVcsError,
  type StopSignal,
  type VcsError,
} from '../engine/errors.js'
import { currentLedger, exitCodeFor, formatLedger, successCount, unreadInputs } from '../engine/outcome.js'
import { redact } from '../engine/redact.js'
import type { CliHost } from './host.js'
import type { RecordWriter } from './output.js'

export interface EmitOptions {
  session: Session
  host: CliHost
  writer: RecordWriter
  /** Errors the caller collected besides the host's (failed script statements). */
  extraErrors?: () => readonly VcsError[]
  /** Pipeline input records read so far. */
  inputCount?: () => number
  /** `exit n` of a script, once the run is over. */
  scriptExitCode?: () => number | undefined
  stderr?: NodeJS.WritableStream
}

/** Writes every record, closes the writer even on failure, and returns the exit code. */
export async function emit(records: AsyncIterable<unknown>, options: EmitOptions): Promise<number> {
  const { session, host, writer } = options
  const stderr = options.stderr ?? process.stderr
  let error: unknown
  const stopSignals = interruptOnSignals(session, stderr)
  try {
    for await (const record of records) await writer.write(record)
  } catch (caught) {
    error = session.signal.aborted ? interruption(session, caught) : caught
  } finally {
    stopSignals()
    host.clearProgress()
    // A run that failed (a terminating error, or errors written) before its first record leaves
    // stdout empty: no `[]` a script could take for "nothing found".
    const errorsWritten = host.written.length + (options.extraErrors?.().length ?? 0)
    await writer.close({ failed: error !== undefined || session.signal.aborted || errorsWritten > 0 })
  }
  if (error === undefined && session.signal.aborted) error = interruption(session)
  const errors = [...host.written, ...(options.extraErrors?.() ?? [])]
  const code = exitCodeFor({
    error,
    errors,
    outputCount: writer.count,
    inputCount: options.inputCount?.() ?? 0,
    succeeded: successCount(session),
    scriptExitCode: options.scriptExitCode?.(),
  })
  const interrupted = error !== undefined && toVcsError(error).code === 'Interrupted'
  if (error !== undefined) {
    if (interrupted) {
      const signal = (toVcsError(error) as InterruptedError).signal
      const how = signal && signal !== 'SIGINT' ? ` (${signal})` : ''
      stderr.write(`Interrupted${how}: ${writer.count} record(s) written, ${errors.length} error(s).\n`)
    } else printError(error, stderr)
  }
  // Whatever ended the run, a run that changed (or tried to change) anything says what became of it.
  // A run cut short (a signal, or an error that ended it) may leave input unread: it says so.
  const ledger = currentLedger(session)
  if (ledger) {
    const cutShort = interrupted || error !== undefined
    const unread = cutShort ? unreadInputs(session) : []
    stderr.write(`${formatLedger(ledger, interrupted || unread.length > 0, unread)}\n`)
  }
  return code
}

/** The InterruptedError for an aborted run, keeping the signal that aborted it (for its exit code). */
function interruption(session: Session, cause?: unknown): InterruptedError {
  const reason: unknown = session.signal.reason
  if (reason instanceof InterruptedError) return new InterruptedError(undefined, { cause: reason })
  return new InterruptedError(undefined, { cause: cause ?? reason })
}

/** Prints an error as one line (plus a caret under the offending token), redacted. */
export function printError(error: unknown, stderr: NodeJS.WritableStream = process.stderr): void {
  const vcsError = toVcsError(error)
  const lines = [formatErrorLine(vcsError)]
  if (vcsError.position) {
    const caret = formatCaret(vcsError.position)
    if (caret) lines.push(caret)
  }
  if (process.env.VCS_DEBUG === '1') {
    const cause = vcsError.cause instanceof Error ? vcsError.cause : vcsError
    if (cause.stack) lines.push(cause.stack)
  }
  stderr.write(`${redact(lines.join('\n'))}\n`)
}

const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

/**
 * Ctrl+C, SIGTERM (CI timeouts, systemd, kill) and SIGHUP (the terminal went away) end a run alike:
 * the first aborts it (it winds down, writes its ledger and summary, and exits 130, 143 or 129); a
 * second one exits at once.
 */
function interruptOnSignals(session: Session, stderr: NodeJS.WritableStream): () => void {
  let count = 0
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = () => {
      count++
      const reason = new InterruptedError(undefined, { signal })
      if (count === 1) session.abortController.abort(reason)
      else {
        stderr.write('Interrupted.\n')
        process.exit(reason.exitCode)
      }
    }
    process.on(signal, handler)
    return [signal, handler] as const
  })
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler)
  }
}
