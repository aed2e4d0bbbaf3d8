// Writes a stream of records to stdout in the format a person or a program wants: tables on a
// terminal, a JSON array when piped (written as records arrive, so it is valid JSON even when a run
// fails midway), NDJSON or CSV on request.
import { formatDefault, formatList, formatTable, preferredLayout } from '../engine/format.js'
import { isRecord, toPlain, typeNameOf } from '../engine/objects.js'
import { redact } from '../engine/redact.js'

export const OUTPUT_FORMATS = ['table', 'list', 'json', 'ndjson', 'csv'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

/** A sink for output records; `close()` finishes the document (closes the JSON array). */
export interface RecordWriter {
  write(record: unknown): Promise<void>
  close(): Promise<void>
  /** Records written so far. */
  readonly count: number
}

export interface WriterOptions {
  format: OutputFormat
  stream?: NodeJS.WritableStream & { columns?: number }
  color?: boolean
}

/** Picks the default format: a table for people, JSON for programs. */
export function defaultFormat(stdoutIsTty: boolean): OutputFormat {
  return stdoutIsTty ? 'table' : 'json'
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
    default:
      return new TextWriter(stream, options.format, options.color ?? false)
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
  async close(): Promise<void> {
    await put(this.stream, this.count === 0 ? '[]\n' : '\n]\n')
  }
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

/** RFC 4180 CSV; the header comes from the first record, as Export-Csv does. */
class CsvWriter implements RecordWriter {
  count = 0
  private columns: string[] | undefined
  constructor(private readonly stream: NodeJS.WritableStream) {}
  async write(record: unknown): Promise<void> {
    const plain = toPlain(record)
    let text = ''
    if (this.columns === undefined) {
      this.columns = isRecord(plain) ? Object.keys(plain) : ['Value']
      text += `${this.columns.map(csvField).join(',')}\n`
    }
    const values = isRecord(plain) ? this.columns.map((name) => plain[name]) : [plain]
    text += `${values.map((value) => csvField(csvValue(value))).join(',')}\n`
    await put(this.stream, redact(text))
    this.count++
  }
  async close(): Promise<void> {}
}

/** Arrays of scalars join with ';' (round-trips through Import-Csv -split); objects become JSON. */
function csvValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object'))
    return value.join(';')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * Tables and lists for people. Records are gathered in batches so column widths come from real
 * data; the first batch is printed as soon as it is full or the stream ends.
 */
class TextWriter implements RecordWriter {
  count = 0
  private batch: unknown[] = []
  private printedBatches = 0
  private static readonly BATCH = 50
  constructor(
    private readonly stream: NodeJS.WritableStream & { columns?: number },
    private readonly format: 'table' | 'list',
    private readonly color: boolean,
  ) {}
  async write(record: unknown): Promise<void> {
    this.count++
    // Plain values (strings from Write-Output, numbers) print as they come, like PowerShell.
    if (!isRecord(record) && this.batch.length === 0) {
      await put(this.stream, `${redact(formatDefault([record]).join('\n'))}\n`)
      return
    }
    this.batch.push(record)
    if (this.batch.length >= TextWriter.BATCH) await this.flush()
  }
  async close(): Promise<void> {
    await this.flush()
  }
  private async flush(): Promise<void> {
    if (this.batch.length === 0) return
    const records = this.batch
    this.batch = []
    const width = this.stream.columns || 120
    const first = this.printedBatches === 0
    const layout = this.format === 'list' ? 'list' : preferredLayout(records)
    let lines: string[]
    if (layout === 'list') lines = [...(first ? [] : ['']), ...formatList(records, { width })]
    else if (layout === 'table' && !first) lines = formatTable(records, { width, hideHeaders: true })
    else if (layout === 'table' && new Set(records.map(typeNameOf)).size === 1)
      lines = formatTable(records, { width, styleHeader: this.styleHeader })
    else lines = formatDefault(records, width)
    this.printedBatches++
    await put(this.stream, `${redact(lines.join('\n'))}\n`)
  }
  private readonly styleHeader = (text: string): string =>
    this.color ? `\u001b[1;32m${text}\u001b[0m` : text
}
