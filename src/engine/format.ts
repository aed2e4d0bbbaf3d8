// Default output formatting shared by the shell and the CLI, as PowerShell's Out-Default does it:
// records of one type as a table (or a list), plain values line by line, arrays element by element,
// hashtables as Name/Value rows, `$null` as nothing. Views live in format-views.ts, tables in
// format-table.ts, cell widths and escaping in format-text.ts.
import { getProperty, isRecord, propertyNames, typeNameOf } from './objects.js'
import {
  cellValue,
  datesDisplayed,
  displayText,
  formatItems,
  preferredLayout,
  viewOf,
} from './format-views.js'
import { formatTable, TableLayout } from './format-table.js'
import { cellWidth, escapeControl, headCells, wrapCells } from './format-text.js'

export * from './format-views.js'
export { fitColumns, formatTable, TableLayout, type TableOptions } from './format-table.js'
export { cellWidth, escapeControl, wrapCells } from './format-text.js'

export interface ListOptions {
  width?: number
  properties?: readonly string[]
  /** Shows control characters in data escaped (for a terminal); see `escapeControl`. */
  escapeControl?: boolean
}

/**
 * Formats records as lists of `Name : value`, one blank line between records, as PowerShell's
 * ListWriter does: labels padded to the longest, long values wrapped under themselves.
 */
export function formatList(records: readonly unknown[], options: ListOptions = {}): string[] {
  const width = options.width ?? 120
  const escape = (text: string) => (options.escapeControl ? escapeControl(text, { lineBreaks: true }) : text)
  const lines: string[] = []
  for (const record of records) {
    if (!isRecord(record)) {
      lines.push(escape(displayText(record)))
      continue
    }
    const view = viewOf(typeNameOf(record))
    const names = options.properties?.length
      ? [...options.properties]
      : view?.list
        ? [...view.list]
        : propertyNames(record)
    const labels = names.map(escape)
    // PowerShell cuts labels that would leave no room for the value (ListWriter.Initialize).
    const labelWidth = Math.min(Math.max(0, ...labels.map(cellWidth)), Math.max(1, width - 4))
    const valueWidth = Math.max(1, width - labelWidth - 3)
    const indent = ' '.repeat(labelWidth + 3)
    if (lines.length > 0) lines.push('')
    labels.forEach((label, i) => {
      const shown = headCells(label, labelWidth)
      const prefix = `${shown}${' '.repeat(labelWidth - cellWidth(shown))} : `
      const valueLines = wrapCells(escape(cellValue(getProperty(record, names[i]))), valueWidth)
      valueLines.forEach((line, k) => lines.push(`${k === 0 ? prefix : indent}${line}`.trimEnd()))
    })
  }
  return lines
}

/** The default rendering of a batch of output: table, list or plain values, as PowerShell picks. */
export function formatDefault(records: readonly unknown[], width = 120): string[] {
  const stream = new FormatStream({ width })
  const lines: string[] = []
  for (const record of records) append(lines, stream.push(record))
  append(lines, stream.flush())
  return lines
}

/** Appends without spreading (a spread of 100,000 lines overflows the call stack). */
function append(lines: string[], more: readonly string[]): void {
  for (const line of more) lines.push(line)
}

export interface FormatStreamOptions {
  /** Terminal width; 120 when omitted. */
  width?: number
  /** `list` prints every record as a list (`--output list`); `default` picks as `formatDefault` does. */
  layout?: 'default' | 'list'
  /** Header decoration (colours) supplied by the host. */
  styleHeader?: (text: string) => string
  /** Records of one type that size a table before its first rows print; no limit when omitted. */
  batchSize?: number
  /**
   * Plain values before the first record. `separate` (PowerShell's, the default): the first table
   * after them is set apart by a blank line. `print` (the CLI's): it follows them directly.
   */
  leadingValues?: 'separate' | 'print'
  /** Shows control characters in data escaped, for a terminal (see `escapeControl`). */
  escapeControl?: boolean
  /** Called when lines it returns show a date (in this tool's format: a deliberate difference). */
  onDate?: () => void
}

/** The run of records of one type being printed: still sizing its columns, a table, or lists. */
type Group =
  | { type: string; state: 'sizing'; records: unknown[]; waitingForSecond: boolean }
  | { type: string; state: 'table'; layout: TableLayout }
  | { type: string; state: 'list' }

/**
 * The default output formatting, record by record, as PowerShell's Out-Default does it: records of
 * one type are held until a batch is complete (`batchSize` records, or `release()` when the caller's
 * wait is over), the table's widths come from that batch and later records print as rows with the
 * same widths as they arrive. A record of another type, or one after a plain value, starts a new
 * table with its own header; plain values print as they come. When every group of records fits in
 * its batch, the lines are exactly `formatDefault`'s.
 *
 *   push(record) -> lines to print now; release() -> the waiting batch; flush() -> the rest
 */
export class FormatStream {
  private readonly width: number
  private readonly batchSize: number
  private group: Group | undefined
  private out: string[] = []
  /** Lines printed that a new table is set apart from (leading plain values count unless `print`). */
  private printed = 0
  private counting: boolean
  /** The last thing printed was a table or list, which a plain value after it is set apart from. */
  private afterGroup = false
  private batch = 0

  constructor(private readonly options: FormatStreamOptions = {}) {
    this.width = options.width ?? 120
    this.batchSize = Math.max(1, options.batchSize ?? Number.POSITIVE_INFINITY)
    this.counting = options.leadingValues !== 'print'
  }

  /**
   * Identifies the batch waiting to be printed, undefined when none is: the caller starts its wait
   * (PowerShell's 300 ms) when this changes to a new value, and calls `release()` when it is over.
   */
  get waiting(): number | undefined {
    return this.group?.state === 'sizing' && !this.group.waitingForSecond ? this.batch : undefined
  }

  /** Takes one output object (an array is taken element by element); returns the lines it completes. */
  push(value: unknown): string[] {
    const dates = datesDisplayed()
    for (const item of formatItems(value)) this.add(item)
    return this.take(dates)
  }

  /** The wait for a full batch is over: prints the records held so far, which fix the widths. */
  release(): string[] {
    const dates = datesDisplayed()
    if (this.group?.state === 'sizing' && !this.group.waitingForSecond) this.settle(this.group)
    return this.take(dates)
  }

  /** The end of the input: prints whatever is held. */
  flush(): string[] {
    const dates = datesDisplayed()
    this.close()
    return this.take(dates)
  }

  private add(record: unknown): void {
    if (!isRecord(record)) {
      this.close()
      if (this.afterGroup) this.emit([''])
      this.afterGroup = false
      return this.emit([this.plain(record)])
    }
    this.counting = true
    if (this.options.layout === 'list') return this.emitGroup(this.list([record]))
    const type = typeNameOf(record)
    if (this.group?.type !== type) {
      this.close()
      this.group = { type, state: 'sizing', records: [], waitingForSecond: false }
      this.batch++
    }
    const group = this.group
    if (group.state === 'table') this.emit(group.layout.row(record))
    else if (group.state === 'list') this.emit(['', ...this.list([record])])
    else {
      group.records.push(record)
      if (group.waitingForSecond) {
        group.waitingForSecond = false
        this.batch++
      }
      if (group.records.length >= this.batchSize) this.settle(group)
    }
  }

  /** Prints a sizing group's records and fixes its layout for the records still to come. */
  private settle(group: Group & { state: 'sizing' }): void {
    const { records, type } = group
    if (preferredLayout(records) === 'list') {
      // One record of a type with a list view is a list if it stays alone, a table if others follow.
      if (records.length === 1 && viewOf(type)?.list) {
        group.waitingForSecond = true
        return
      }
      this.emitGroup(this.list(records))
      this.group = { type, state: 'list' }
    } else {
      const { layout, lines } = TableLayout.of(records, this.tableOptions())
      this.emitGroup(lines)
      this.group = { type, state: 'table', layout }
    }
  }

  /** Ends the current group, printing what it still holds the way `formatDefault` would. */
  private close(): void {
    const group = this.group
    this.group = undefined
    if (group?.state !== 'sizing') return
    if (preferredLayout(group.records) === 'list') this.emitGroup(this.list(group.records))
    else this.emitGroup(formatTable(group.records, this.tableOptions()))
  }

  private tableOptions() {
    const { styleHeader, escapeControl } = this.options
    return { width: this.width, styleHeader, escapeControl }
  }

  private list(records: readonly unknown[]): string[] {
    return formatList(records, { width: this.width, escapeControl: this.options.escapeControl })
  }

  private plain(value: unknown): string {
    const text = displayText(value)
    return this.options.escapeControl ? escapeControl(text, { lineBreaks: true, tabs: true }) : text
  }

  /** A table or list: one blank line after whatever was printed before. */
  private emitGroup(lines: readonly string[]): void {
    if (this.printed > 0) this.emit([''])
    this.emit(lines)
    this.afterGroup = true
  }

  private emit(lines: readonly string[]): void {
    append(this.out, lines)
    if (this.counting) this.printed += lines.length
  }

  /** The lines made so far; tells `onDate` when making them showed a date (`dates` was the count before). */
  private take(dates: number): string[] {
    const lines = this.out
    this.out = []
    if (this.options.onDate && datesDisplayed() !== dates) this.options.onDate()
    return lines
  }
}
