// The host for one-shot commands and scripts: errors and warnings on stderr (redacted), never a
// prompt, and a one-line progress display only when stderr is a terminal (never in logs or pipes).
import { ScriptHost, type ErrorRecord, type ProgressRecord } from '../engine/context.js'
import type { VcsError } from '../engine/errors.js'

/** A ScriptHost that also draws progress on a terminal and remembers the errors it showed. */
export class CliHost extends ScriptHost {
  /** Non-terminating errors written during the run, for the exit code. */
  readonly written: VcsError[] = []
  /** The progress line on the terminal now, if one is drawn. */
  private progressShown: string | undefined
  /** The progress line erased while output printed, to draw again after it. */
  private progressSuspended: string | undefined

  constructor(
    private readonly errStream: NodeJS.WriteStream = process.stderr,
    width: number | undefined = process.stdout.columns,
  ) {
    super(errStream, width)
  }

  override writeError(record: ErrorRecord): void {
    this.clearProgress()
    this.written.push(record.error)
    super.writeError(record)
  }

  override writeWarning(message: string): void {
    this.clearProgress()
    super.writeWarning(message)
  }

  override writeVerbose(message: string): void {
    this.clearProgress()
    super.writeVerbose(message)
  }

  override writeDebug(message: string): void {
    this.clearProgress()
    super.writeDebug(message)
  }

  override writeInformation(message: string): void {
    this.clearProgress()
    super.writeInformation(message)
  }

  override writeWhatIf(message: string): void {
    this.clearProgress()
    super.writeWhatIf(message)
  }

  /** Clear-Host: only a terminal is cleared; piped or redirected output gets no escape codes. */
  clearScreen(stdout: NodeJS.WriteStream = process.stdout): void {
    if (!stdout.isTTY) return
    this.clearProgress()
    stdout.write('\x1b[H\x1b[2J\x1b[3J')
  }

  override writeProgress(progress: ProgressRecord): void {
    if (!this.errStream.isTTY) return
    if (progress.done) {
      this.clearProgress()
      return
    }
    const total = progress.total !== undefined ? `/${progress.total}` : ''
    const failed = progress.failed ? `, ${progress.failed} failed` : ''
    const rate = progress.rate !== undefined ? `, ${progress.rate.toFixed(1)}/s` : ''
    const eta = progress.etaSeconds !== undefined ? `, ${Math.ceil(progress.etaSeconds)}s left` : ''
    // While the job waits for the server, the wait is what it is doing: no rate, no ETA.
    const line = progress.status
      ? `${progress.activity}: ${progress.completed}${total}${failed}, ${progress.status}`
      : `${progress.activity}: ${progress.completed}${total}${failed}${rate}${eta}`
    const width = (this.errStream.columns ?? 80) - 1
    this.drawProgress(line.slice(0, width))
  }

  /** Erases the progress line so the next message starts on a clean line. */
  clearProgress(): void {
    this.progressSuspended = undefined
    if (this.progressShown === undefined) return
    this.errStream.write('\r\u001b[2K')
    this.progressShown = undefined
  }

  /**
   * Erases the progress line before output rows print on the same terminal (they would run into
   * it: it has no newline); `resumeProgress()` draws it again below them.
   */
  suspendProgress(): void {
    const shown = this.progressShown
    this.clearProgress()
    this.progressSuspended = shown
  }

  /** Draws again the progress line `suspendProgress()` erased, unless progress ended meanwhile. */
  resumeProgress(): void {
    const line = this.progressSuspended
    this.progressSuspended = undefined
    if (line !== undefined) this.drawProgress(line)
  }

  private drawProgress(line: string): void {
    this.errStream.write(`\r\u001b[2K${line}`)
    this.progressShown = line
    this.progressSuspended = undefined
  }
}
