// Writes a stream of records to stdout in the format a person or a program wants: tables on a
// terminal (rows printed as records arrive), a JSON array when piped (written as records arrive, so
// it is valid JSON even when a run fails midway), NDJSON or CSV on request. A run that fails before
// its first record writes nothing at all, so a script can tell a failure from "no records".
import { LiveFormat, type WaitTimers } from '../engine/format-stream.js'
import { toPlain } from '../engine/objects.js'
import { redact } from '../engine/redact.js'

import type { OutputFormat } from './formats.js'
export { OUTPUT_FORMATS, type OutputFormat } from './formats.js'

/** How a run ended, for `close()`. */
export interface CloseOutcome {
  /** The run ended with a terminating error (or was interrupted). */
  failed?: boolean
}

/** A sink for output records; `close()` finishes the document (closes the JSON array). */
export interface RecordWriter {
  write(record: unknown): Promise<void>
  /**
   * Finishes the document. Records already written stay a valid document (the JSON array is
   * closed); a failed run that wrote no record writes nothing, not even `[]`, which would read as
   * a successful "no records".
   */
  close(outcome?: CloseOutcome): Promise<void>
  /** Records written so far. */
  readonly count: number
}

export interface WriterOptions {
  format: WriterFormat
  stream?: NodeJS.WritableStream & { columns?: number }
  color?: boolean
  /** The timers of a table's wait for its first batch (tests fire it by hand). */
  timers?: WaitTimers
  /**
   * Called before table or list lines are written: rows print while a run goes on, so a progress
   * line drawn on the same terminal (the host's, on stderr, without a newline) must be erased first.
   */
  beforePrint?: () => void
  /** Called after table or list lines are written: the progress line may be drawn again below them. */
  afterPrint?: () => void
  /** Called when table or list lines show a date (in this tool's format, a deliberate difference). */
  onDate?: () => void
}

/**
 * What a writer writes: a format, or `auto` (a one-shot command's stdout when piped), which decides
 * on the first record: JSON for objects, the text PowerShell shows for plain values (help lines,
 * strings, numbers), so `vcs Get-Help X | less` reads as text.
 */
export type WriterFormat = OutputFormat | 'auto'

/**
 * Picks the default format. Scripts (`-c`, `-File`, stdin) print what PowerShell's Out-Default
 * prints, on a terminal or not (`n=$(vcs -c '(Get-VcsUser).Count')` is a number). A one-shot
 * cmdlet command prints a table on a terminal and, piped, JSON for objects: its machine interface.
 */
export function defaultFormat(stdoutIsTty: boolean, mode: 'script' | 'command' = 'command'): WriterFormat {
  if (mode === 'script' || stdoutIsTty) return 'table'
  return 'auto'
}

/** True when colours may be used: a terminal, no NO_COLOR, no --no-color. */
export function colorEnabled(isTty: boolean, env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean {
  if (noColorFlag) return false
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return isTty
}

/** Creates the writer for a format. */
export function createWriter(options: WriterOptions): RecordWriter {
  const stream = options.stream ?? process.stdout
  switch (options.format) {
    case 'json':
      return new JsonArrayWriter(stream)
    case 'ndjson':
      return new NdjsonWriter(stream)
    case 'csv':
      return new CsvWriter(stream)
    case 'auto':
      return new AutoWriter(options)
    default:
      return new TextWriter(stream, options)
  }
}

/** Writes text and waits for the stream to drain when its buffer is full (backpressure). */
async function put(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()))
}

function json(record: unknown): string {
  return redact(JSON.stringify(toPlain(record)) ?? 'null')
}

class JsonArrayWriter implements RecordWriter {
  count = 0
  constructor(private readonly stream: NodeJS.WritableStream) {}
  async write(record: unknown): Promise<void> {
    await put(this.stream, `${this.count === 0 ? '[\n' : ',\n'}${json(record)}`)
    this.count++
  }
  async close(outcome: CloseOutcome = {}): Promise<void> {
    if (this.count === 0 && outcome.failed) return
    await put(this.stream, this.count === 0 ? '[]\n' : '\n]\n')
  }
}

/** JSON for objects, text for plain values: decided by the first record. */
class AutoWriter implements RecordWriter {
  private writer: RecordWriter | undefined
  constructor(private readonly options: WriterOptions) {}
  get count(): number {
    return this.writer?.count ?? 0
  }
  async write(record: unknown): Promise<void> {
    this.writer ??= createWriter({ ...this.options, format: isPlainValue(record) ? 'table' : 'json' })
    await this.writer.write(record)
  }
  async close(outcome: CloseOutcome = {}): Promise<void> {
    // No record: `[]` (or nothing after a failure), as JSON says "no objects".
    this.writer ??= createWriter({ ...this.options, format: 'json' })
    await this.writer.close(outcome)
  }
}

function isPlainValue(record: unknown): boolean {
  return typeof record === 'string' || typeof record === 'number' || typeof record === 'boolean'
}

class NdjsonWriter implements RecordWriter {
  count = 0
  constructor(private readonly stream: NodeJS.WritableStream) {}
  async write(record: unknown): Promise<void> {
    await put(this.stream, `${json(record)}\n`)
    this.count++
  }
  async close(): Promise<void> {}
}

/**
 * Export-Csv's CSV, written by its writer (cmdlets/core/csv.ts, loaded with the first record; it
 * quotes as PowerShell's CsvCommands.cs does, without a library): the header from the first record,
 * booleans as True/False, lists joined with "; ", dates as ISO 8601.
 * Fields are quoted as `Export-Csv -UseQuotes AsNeeded` does; Export-Csv's default quotes every
 * field, which `--output csv` will do too once the tests that read its header unquoted follow.
 */
class CsvWriter implements RecordWriter {
  count = 0
  private writer: Promise<CsvLineWriter> | undefined
  constructor(private readonly stream: NodeJS.WritableStream) {}
  async write(record: unknown): Promise<void> {
    let text = ''
    if (this.writer === undefined) {
      this.writer = import('../../cmdlets/core/csv.js').then(({ createCsvWriter }) =>
        // Cells a spreadsheet would run as formulas get a ' in front (VCS_CSV_ESCAPE_FORMULAS=0: as they are).
        createCsvWriter(',', 'AsNeeded', process.env.VCS_CSV_ESCAPE_FORMULAS !== '0'),
      )
      text += `${(await this.writer).header(record)}\n`
    }
    text += `${(await this.writer).row(record)}\n`
    await put(this.stream, redact(text))
    this.count++
  }
  async close(): Promise<void> {}
}

type CsvLineWriter = Awaited<ReturnType<typeof import('../../cmdlets/core/csv.js').createCsvWriter>>

/**
 * Tables and lists for people, printed as records arrive: a table's widths come from its first
 * batch (50 records, or what came in 300 ms), later rows keep them; plain values print at once.
 */
class TextWriter implements RecordWriter {
  count = 0
  private readonly output: LiveFormat
  /** Settles when the stream can take more (it said its buffer was full). */
  private drained: Promise<void> = Promise.resolve()
  constructor(
    private readonly stream: NodeJS.WritableStream & { columns?: number },
    private readonly options: WriterOptions,
  ) {
    this.output = new LiveFormat((lines) => this.print(lines), {
      width: stream.columns || 120,
      layout: options.format === 'list' ? 'list' : 'default',
      leadingValues: 'print',
      styleHeader: options.color ? (text) => `\u001b[1;32m${text}\u001b[0m` : undefined,
      timers: options.timers,
      onDate: options.onDate,
    })
  }
  async write(record: unknown): Promise<void> {
    this.count++
    this.output.push(record)
    await this.drained
  }
  async close(): Promise<void> {
    this.output.end()
    await this.drained
  }
  /** Lines may come from the wait's timer, between two writes: backpressure is awaited by the next. */
  private print(lines: string[]): void {
    this.options.beforePrint?.()
    if (!this.stream.write(`${redact(lines.join('\n'))}\n`))
      this.drained = new Promise<void>((resolve) => this.stream.once('drain', () => resolve()))
    this.options.afterPrint?.()
  }
}
