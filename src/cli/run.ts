// Drives a run's output stream into a writer and turns how it ended (records, non-terminating
// errors, a terminating error, Ctrl+C) into one exit code and, on failure, one line on stderr.
import type { Session } from '../engine/context.js'
import {
  formatCaret,
  formatErrorLine,
  InterruptedError,
  toVcsError,
  type VcsError,
} from '../engine/errors.js'
import { exitCodeFor, successCount } from '../engine/outcome.js'
import { redact } from '../engine/redact.js'
import { ExitCode } from './exit.js'
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
  const stopSignals = interruptOnSigint(session, stderr)
  try {
    for await (const record of records) await writer.write(record)
  } catch (caught) {
    error = session.signal.aborted ? new InterruptedError(undefined, { cause: caught }) : caught
  } finally {
    stopSignals()
    host.clearProgress()
    // A run that failed (a terminating error, or errors written) before its first record leaves
    // stdout empty: no `[]` a script could take for "nothing found".
    const errorsWritten = host.written.length + (options.extraErrors?.().length ?? 0)
    await writer.close({ failed: error !== undefined || session.signal.aborted || errorsWritten > 0 })
  }
  if (error === undefined && session.signal.aborted) error = new InterruptedError()
  const errors = [...host.written, ...(options.extraErrors?.() ?? [])]
  const code = exitCodeFor({
    error,
    errors,
    outputCount: writer.count,
    inputCount: options.inputCount?.() ?? 0,
    succeeded: successCount(session),
    scriptExitCode: options.scriptExitCode?.(),
  })
  if (error !== undefined) {
    if (code === ExitCode.Interrupted)
      stderr.write(`Interrupted: ${writer.count} record(s) written, ${errors.length} error(s).\n`)
    else printError(error, stderr)
  }
  return code
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

/** First Ctrl+C aborts the run (it winds down and reports); a second one exits at once. */
function interruptOnSigint(session: Session, stderr: NodeJS.WritableStream): () => void {
  let count = 0
  const onSigint = () => {
    count++
    if (count === 1) session.abortController.abort(new InterruptedError())
    else {
      stderr.write('Interrupted.\n')
      process.exit(ExitCode.Interrupted)
    }
  }
  process.on('SIGINT', onSigint)
  return () => process.off('SIGINT', onSigint)
}
