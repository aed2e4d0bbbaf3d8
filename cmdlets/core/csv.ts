// The one CSV module: reading and writing for Import-Csv, ConvertFrom-Csv, Export-Csv, ConvertTo-Csv,
// CSV on the CLI's stdin (src/cli/stdin.ts) and the invitation result file. csv-parse streams rows
// (so a 10,000-row file starts flowing at once, and a million piped rows never sit in memory) and
// reports broken rows with their line number. The cmdlets write rows with PowerShell 7's quoting
// (CsvCommands.cs), which needs no library; the result file uses csv-stringify. Both libraries load
// on first use, not with the registry: commands that use no CSV never pay for them.
import { createRequire } from 'node:module'
import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import type { CsvError } from 'csv-parse'
import {
  isRecord,
  propertyNames,
  RuntimeError,
  toDisplayString,
  UsageError,
  getProperty,
  type CmdletContext,
} from '../../src/engine/index.js'

export interface CsvReadOptions {
  delimiter?: string
  header?: readonly string[]
  /** Named in error messages: the file path, or "the input". */
  source: string
}

/** The -Delimiter parameter of every CSV cmdlet, checked at bind time (before anything runs). */
export const DELIMITER_PARAMETER = {
  type: 'string',
  default: ',',
  validate: (value: unknown) =>
    typeof value === 'string' && value.length === 1
      ? undefined
      : `'${String(value)}' is not a single character.`,
  description: 'The field separator, one character.',
} as const

/** Checks a -Delimiter value: exactly one character (also for callers that skip binding). */
export function checkDelimiter(delimiter: string | undefined, command: string): string {
  if (delimiter === undefined) return ','
  if (delimiter.length !== 1) {
    throw new UsageError(
      'InvalidParameterValue',
      `Cannot bind -Delimiter of ${command}: '${delimiter}' is not a single character.`,
      { hint: "Example: -Delimiter ';'" },
    )
  }
  return delimiter
}

/** A row or header the parser could not read, with its line (counted from the source's start). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number | undefined,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(line === undefined ? reason : `line ${line}: ${reason}`, options)
  }
}

/** Options of {@link parseCsv}. */
export interface CsvParseOptions {
  delimiter?: string
  /** Column names to use; the first line is then data. */
  header?: readonly string[]
  /** Named in error messages: the file path, or "Standard input". */
  source: string
  /** How to fix a bad header line (default: fix it, or give -Header). */
  headerHint?: string
  /**
   * Called with each row that cannot be read (unclosed quote, wrong number of fields), which is then
   * skipped and the rows after it keep flowing. Without it, the first such row ends the parse with a
   * {@link CsvSyntaxError}.
   */
  onBadRow?: (problem: CsvSyntaxError) => void
}

/** Files edited on several systems mix line ends; csv-parse would otherwise keep the first it sees. */
const LINE_ENDS = ['\r\n', '\n', '\r']

/**
 * The one CSV reader (Import-Csv, ConvertFrom-Csv, CSV on stdin): reads a byte or text stream as it
 * arrives and yields one object per row, with string values. The input is pulled only as fast as
 * records are taken, and cut at the last row end of what has arrived (a line end outside quotes);
 * each piece is parsed at once with csv-parse, so memory holds a chunk or two, never the input,
 * and a row is handed on as soon as its line end arrives (a stream parser would wait for the next
 * byte). Blank lines are skipped; a UTF-8 BOM, CRLF, LF and CR line ends (mixed, too) and quoted
 * values over several lines are read; a cell escaped as a formula when written ({@link
 * escapeFormula}) is read back unchanged. A header line with an empty or repeated name is a
 * UsageError naming the source.
 */
export async function* parseCsv(
  source: AsyncIterable<string | Buffer>,
  options: CsvParseOptions,
): AsyncGenerator<Record<string, string>> {
  const { parse } = await import('csv-parse/sync')
  const decoder = new StringDecoder('utf8')
  const cutter = new RowCutter()
  let columns: string[] | undefined = options.header ? [...options.header] : undefined
  let linesBefore = 0
  let first = true
  /** Parses one piece of whole rows; bad rows go to onBadRow, or end the parse after the rows before them. */
  function* piece(text: string): Generator<Record<string, string>> {
    const skipped: CsvError[] = []
    // The line each row ends on (to put bad rows in order among good ones), kept beside the rows
    // rather than with csv-parse's `info` object per row, which would double the garbage.
    const ends: number[] = []
    const rows = parse(text, {
      bom: first,
      delimiter: options.delimiter ?? ',',
      record_delimiter: LINE_ENDS,
      columns: columns ?? ((header: string[]) => (columns = checkHeader(header, options))),
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) skipped.push(error)
      },
      on_record: (record: Record<string, string>, context) => {
        ends.push(context.lines)
        return record
      },
    }) as Array<Record<string, string>>
    first = false
    const problems = skipped.map((error) => syntaxError(error, linesBefore))
    for (let index = 0; index < rows.length; index++) {
      while (problems.length > 0 && (problems[0].line ?? 0) <= ends[index] + linesBefore)
        badRow(problems.shift()!)
      const record = rows[index]
      for (const key of Object.keys(record)) record[key] = unescapeFormula(record[key])
      yield record
    }
    for (const problem of problems) badRow(problem)
    linesBefore += countLines(text)
  }
  function badRow(problem: CsvSyntaxError): void {
    if (!options.onBadRow) throw problem
    options.onBadRow(problem)
  }
  for await (const chunk of source) {
    const text = cutter.add(typeof chunk === 'string' ? chunk : decoder.write(chunk))
    if (text !== '') yield* piece(text)
  }
  const { rest, open } = cutter.end(decoder.end())
  if (!open) {
    if (rest !== '') yield* piece(rest)
    return
  }
  // Parity says a quote is still open: the rest is the row it starts on, which cannot be read.
  badRow(new CsvSyntaxError(linesBefore + 1, 'a quoted field is never closed (the input ends inside it)'))
}

/**
 * Cuts text at row ends as it arrives: a line end where the quotes so far are balanced (CSV escapes a
 * quote inside a quoted value by doubling it, so the count's parity tells inside from outside).
 */
class RowCutter {
  private pending = ''
  /** How much of `pending` has been scanned, and whether a quote was open at that point. */
  private scanned = 0
  private inQuotes = false

  /** Adds text; returns the whole rows now complete (maybe ''), keeping the rest for later. */
  add(text: string): string {
    this.pending += text
    let cut = -1
    const pending = this.pending
    for (let i = this.scanned; i < pending.length; i++) {
      const char = pending.charCodeAt(i)
      if (char === 34 /* " */) this.inQuotes = !this.inQuotes
      else if (!this.inQuotes && char === 10 /* \n */) cut = i + 1
      // A lone CR ends a line only when what follows is known not to be LF.
      else if (
        !this.inQuotes &&
        char === 13 /* \r */ &&
        i + 1 < pending.length &&
        pending.charCodeAt(i + 1) !== 10
      )
        cut = i + 1
    }
    this.scanned = pending.length
    if (cut < 0) return ''
    this.pending = pending.slice(cut)
    this.scanned -= cut
    return pending.slice(0, cut)
  }

  /** The text left at the end of the input, and whether a quoted value in it is never closed. */
  end(text: string): { rest: string; open: boolean } {
    const rest = this.add(text) + this.pending
    this.pending = ''
    return { rest, open: this.inQuotes }
  }
}

/**
 * The length of the text's whole rows: up to its last line end outside quotes. Less than the text's
 * length when its last row has no line end (a file whose last write was cut short).
 */
export function completeRowsLength(text: string): number {
  return new RowCutter().add(text).length
}

/** Line ends in a piece of CSV text, counted as csv-parse counts them. */
function countLines(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    if (char === 10 || (char === 13 && text.charCodeAt(i + 1) !== 10)) count++
  }
  return count
}

/**
 * Parses CSV text already in memory (a result file, read before the first request): the rules of
 * {@link parseCsv}, but rows of any length are kept (cells missing from a short row are absent).
 */
export function parseCsvText(text: string, options: CsvParseOptions): Array<Record<string, string>> {
  // Synchronously, with require(): loaded on first use, not with the registry.
  const { parse } = createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync')
  try {
    const rows = parse(text, {
      bom: true,
      delimiter: options.delimiter ?? ',',
      record_delimiter: LINE_ENDS,
      columns: options.header ? [...options.header] : (header: string[]) => checkHeader(header, options),
      skip_empty_lines: true,
      relax_column_count: true,
    }) as Array<Record<string, string>>
    for (const record of rows)
      for (const key of Object.keys(record)) record[key] = unescapeFormula(record[key])
    return rows
  } catch (error) {
    if (isCsvError(error)) throw syntaxError(error)
    throw error
  }
}

/**
 * Import-Csv's and ConvertFrom-Csv's reader: {@link parseCsv}, where a malformed row becomes a
 * non-terminating error naming its line and the following rows keep flowing.
 */
export async function* readCsv(
  source: Readable,
  options: CsvReadOptions,
  ctx: CmdletContext,
): AsyncGenerator<Record<string, string>> {
  const onBadRow = (problem: CsvSyntaxError) =>
    ctx.writeError(
      new UsageError('ValidationFailed', `${options.source}: skipped a bad CSV row at ${problem.message}.`, {
        category: 'InvalidData',
        target: options.source,
      }),
      options.source,
    )
  try {
    yield* parseCsv(source, { ...options, onBadRow })
  } catch (error) {
    if (error instanceof RuntimeError || error instanceof UsageError) throw error
    throw new RuntimeError('FileError', `${options.source}: cannot read CSV: ${(error as Error).message}`, {
      category: 'ReadError',
      target: options.source,
      cause: error,
    })
  }
}

/** Column names from the first line: trimmed, and neither empty nor repeated (rows would lose values). */
function checkHeader(header: string[], { source, headerHint }: CsvParseOptions): string[] {
  const names = header.map((name) => name.trim())
  const seen = new Set<string>()
  for (const name of names) {
    const key = name.toLowerCase()
    const problem =
      name === ''
        ? 'has an empty column name'
        : seen.has(key)
          ? `names the column '${name}' twice`
          : undefined
    if (problem) {
      throw new UsageError('ValidationFailed', `${source}: the header line ${problem}.`, {
        category: 'InvalidData',
        target: source,
        hint: headerHint ?? 'Fix the first line, or give the column names with -Header.',
      })
    }
    seen.add(key)
  }
  return names
}

function isCsvError(error: unknown): error is CsvError {
  const code = (error as CsvError | undefined)?.code
  return typeof code === 'string' && code.startsWith('CSV_')
}

/** csv-parse's errors, in the user's words, with the line number. */
function syntaxError(error: CsvError, linesBefore = 0): CsvSyntaxError {
  const lines = (error as { lines?: number }).lines
  const line = lines === undefined ? undefined : lines + linesBefore
  const counts = /length is (\d+), got (\d+)/.exec(error.message)
  const reason = counts
    ? `expected ${counts[1]} fields, got ${counts[2]}`
    : error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field is never closed (the input ends inside it)'
      : error.message.replace(/\.$/, '')
  return new CsvSyntaxError(line, reason, { cause: error })
}

export type QuoteMode = 'Always' | 'AsNeeded'

/** A CsvWriter (async, as the reading side's loader is). */
export async function createCsvWriter(
  delimiter: string,
  quotes: QuoteMode,
  /** Prefix cells a spreadsheet would run as a formula with `'` (default; -NoFormulaEscaping turns it off). */
  escapeFormulas = true,
): Promise<CsvWriter> {
  return new CsvWriter(delimiter, quotes, escapeFormulas)
}

/**
 * CSV injection (OWASP): a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is run
 * as a formula by spreadsheets, and names come from account holders. Such a cell is written with a
 * `'` in front, as OWASP advises; a plain number (`-5`) is not a formula and stays. A cell that
 * already starts with quotes before such a character gets one more, so reading strips exactly one.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/** The cell as written to a CSV file: escaped when a spreadsheet would take it for a formula. */
export function escapeFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell
}

/** The cell as written before {@link escapeFormula}: Import-Csv reads an escaped cell back unchanged. */
export function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell.slice(1))
    ? cell.slice(1)
    : cell
}

/**
 * Rows of cells as CSV text, each line ended by "\n", quoted where needed and formula cells escaped
 * ({@link escapeFormula}; {@link parseCsv} reads them back unchanged). For files this tool writes and
 * reads back itself (the invitation result file).
 */
export async function formatCsvRows(rows: ReadonlyArray<readonly string[]>): Promise<string> {
  const { stringify } = await import('csv-stringify/sync')
  return stringify(
    rows.map((row) => row.map(escapeFormula)),
    { record_delimiter: 'unix' },
  )
}

/** Writes rows with a fixed set of columns, taken from the first record (PowerShell's rule). */
export class CsvWriter {
  columns: string[] | undefined
  constructor(
    private readonly delimiter: string,
    private readonly quotes: QuoteMode,
    private readonly escapeFormulas = true,
  ) {}

  /** The header line for the columns of the first record. */
  header(first: unknown): string {
    this.columns ??= columnsOf(first)
    return this.line(this.columns)
  }

  /**
   * One data line: values of the known columns, extra ones dropped. A missing or $null value is an
   * empty field without quotes, as PowerShell writes it (CsvCommands.cs skips a null value).
   */
  row(record: unknown): string {
    this.columns ??= columnsOf(record)
    const cells = isRecord(record) ? this.columns.map((column) => getProperty(record, column)) : [record]
    return this.line(
      cells.map((cell) => {
        if (cell === null || cell === undefined) return undefined
        const text = cellText(cell)
        return this.escapeFormulas ? escapeFormula(text) : text
      }),
    )
  }

  /** PowerShell's quoting: Always, or AsNeeded when a field holds the delimiter, a newline or a quote. */
  private line(values: (string | undefined)[]): string {
    return values
      .map((value) => {
        if (value === undefined) return ''
        const quote =
          this.quotes === 'Always' ||
          value.includes(this.delimiter) ||
          value.includes('\n') ||
          value.includes('"')
        return quote ? `"${value.replaceAll('"', '""')}"` : value
      })
      .join(this.delimiter)
  }
}

function columnsOf(record: unknown): string[] {
  return isRecord(record) ? propertyNames(record) : ['Value']
}

/** Dates round-trip as ISO 8601; lists are joined with "; " so they stay in one cell. */
function cellText(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString()
  if (Array.isArray(value)) return value.map(cellText).join('; ')
  return toDisplayString(value)
}
