// CSV reading and writing shared by Import-Csv, ConvertFrom-Csv, Export-Csv and ConvertTo-Csv:
// csv-parse streams rows (so a 10,000-row file starts flowing at once) and reports broken rows
// with their line number instead of stopping, and loads on first use, not with the registry. Rows
// are written with PowerShell 7's quoting (CsvCommands.cs), which needs no library.
import type { Readable } from 'node:stream'
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

/**
 * Parses a byte or text stream as CSV and yields one object per row, with string values.
 * A malformed row (unclosed quote, wrong number of fields) becomes a non-terminating error naming
 * its line, and the following rows keep flowing.
 */
export async function* readCsv(
  source: Readable,
  options: CsvReadOptions,
  ctx: CmdletContext,
): AsyncGenerator<Record<string, string>> {
  const skipped: CsvError[] = []
  // csv-parse loads on first use. Meanwhile a failing source must not be an unhandled 'error'.
  let earlyError: Error | undefined
  const onEarlyError = (error: Error) => (earlyError ??= error)
  source.on('error', onEarlyError)
  const { parse } = await import('csv-parse')
  const parser = parse({
    bom: true,
    delimiter: options.delimiter ?? ',',
    columns: options.header ? [...options.header] : (header: string[]) => checkHeader(header, options.source),
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) skipped.push(error)
    },
  })
  // A failure of the source (the file vanished mid-read) ends the parse with that error.
  source.off('error', onEarlyError)
  source.on('error', (error) => parser.destroy(error))
  if (earlyError) parser.destroy(earlyError)
  const flush = () => {
    for (const error of skipped.splice(0)) {
      ctx.writeError(
        new UsageError(
          'ValidationFailed',
          `${options.source}: skipped a bad CSV row at ${describe(error)}.`,
          {
            category: 'InvalidData',
            target: options.source,
          },
        ),
        options.source,
      )
    }
  }
  try {
    for await (const row of source.pipe(parser)) {
      flush()
      const record = row as Record<string, string>
      for (const key of Object.keys(record)) record[key] = unescapeFormula(record[key])
      yield record
    }
    flush()
  } catch (error) {
    if (error instanceof RuntimeError || error instanceof UsageError) throw error
    throw new RuntimeError(
      'FileError',
      `${options.source}: cannot read CSV: ${describe(error as CsvError)}`,
      {
        category: 'ReadError',
        target: options.source,
        cause: error,
      },
    )
  } finally {
    source.destroy()
  }
}

/** Column names from the first line: trimmed, and neither empty nor repeated (rows would lose values). */
function checkHeader(header: string[], source: string): string[] {
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
        hint: 'Fix the first line, or give the column names with -Header.',
      })
    }
    seen.add(key)
  }
  return names
}

/** csv-parse's errors, in the user's words, always with the line number. */
function describe(error: CsvError): string {
  const line = (error as { lines?: number }).lines
  const where = line === undefined ? '' : `line ${line}: `
  const counts = /length is (\d+), got (\d+)/.exec(error.message)
  if (counts) return `${where}expected ${counts[1]} fields, got ${counts[2]}`
  if (error.code === 'CSV_QUOTE_NOT_CLOSED')
    return `${where}a quoted field is never closed (the file ends inside it)`
  return `${where}${error.message}`
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
