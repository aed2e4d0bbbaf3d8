// Output views and formatting shared by the shell and the CLI: a type declares its table columns and
// list properties once; tables fit the terminal width, truncating with an ellipsis rather than wrapping.
import { getProperty, isRecord, propertyNames, toDisplayString, typeNameOf } from './objects.js'

export interface ViewColumn {
  label: string
  /** Property name, or a function of the record. */
  value: string | ((record: any) => unknown)
  /** Minimum and preferred widths; columns shrink toward `minWidth` when the terminal is narrow. */
  minWidth?: number
  align?: 'left' | 'right'
}

export interface TypeView {
  table: readonly ViewColumn[]
  /** Properties for the list view; all properties when omitted. */
  list?: readonly string[]
}

const views = new Map<string, TypeView>()

/** Declares the default views of an output type. */
export function registerView(typeName: string, view: TypeView): void {
  views.set(typeName, view)
}

export function viewOf(typeName: string): TypeView | undefined {
  return views.get(typeName)
}

/** Columns for a set of records: the type's view, else the first record's properties. */
export function columnsFor(records: readonly unknown[], properties?: readonly string[]): ViewColumn[] {
  if (properties && properties.length > 0) return properties.map((name) => ({ label: name, value: name }))
  const first = records.find(isRecord)
  if (!first) return []
  const view = views.get(typeNameOf(first))
  if (view) return [...view.table]
  const names = new Set<string>()
  for (const record of records.slice(0, 20)) for (const name of propertyNames(record)) names.add(name)
  return [...names].map((name) => ({ label: name, value: name }))
}

/** PowerShell's choice: a view or at most four properties gives a table, more gives a list. */
export function preferredLayout(records: readonly unknown[]): 'table' | 'list' | 'scalar' {
  const first = records.find((record) => record !== null && record !== undefined)
  if (!isRecord(first)) return 'scalar'
  if (views.has(typeNameOf(first)))
    return records.length === 1 && views.get(typeNameOf(first))!.list ? 'list' : 'table'
  return propertyNames(first).length <= 4 ? 'table' : 'list'
}

function cell(record: unknown, column: ViewColumn): string {
  const raw = typeof column.value === 'function' ? column.value(record) : getProperty(record, column.value)
  return toDisplayString(raw).replace(/\s*\n\s*/g, ' ')
}

function fit(text: string, width: number): string {
  if (text.length <= width) return text
  if (width <= 1) return text.slice(0, width)
  return `${text.slice(0, width - 1)}…`
}

/** Computes column widths from sample rows so the table fits `width`. */
export function layoutColumns(
  columns: readonly ViewColumn[],
  rows: readonly string[][],
  width: number,
): number[] {
  const natural = columns.map((column, i) =>
    Math.max(column.label.length, ...rows.map((row) => row[i]?.length ?? 0), column.minWidth ?? 0),
  )
  const gaps = Math.max(0, columns.length - 1)
  const available = Math.max(columns.length, width - gaps)
  const widths = [...natural]
  let total = widths.reduce((a, b) => a + b, 0)
  // Shrink the widest column first until the table fits, never below its minimum (or 4).
  while (total > available) {
    let widest = -1
    for (let i = 0; i < widths.length; i++) {
      const floor = Math.max(4, Math.min(columns[i].minWidth ?? 4, natural[i]))
      if (widths[i] > floor && (widest === -1 || widths[i] > widths[widest])) widest = i
    }
    if (widest === -1) break
    widths[widest]--
    total--
  }
  return widths
}

export interface TableOptions {
  width?: number
  properties?: readonly string[]
  /** Header decoration (colours) supplied by the host. */
  styleHeader?: (text: string) => string
  hideHeaders?: boolean
}

/**
 * A table's columns and widths, fixed by sample records: rows of later records keep them (cells too
 * long for a column are cut with an ellipsis), as PowerShell's Format-Table does when it streams.
 */
export class TableLayout {
  private constructor(
    readonly columns: readonly ViewColumn[],
    readonly widths: readonly number[],
    private readonly options: TableOptions,
  ) {}

  /** Lays out a table for `sample` and returns it with the sample's lines: header, underline, rows. */
  static of(
    sample: readonly unknown[],
    options: TableOptions = {},
  ): { layout: TableLayout; lines: string[] } {
    const columns = columnsFor(sample, options.properties)
    const rows = sample.map((record) => columns.map((column) => cell(record, column)))
    const layout = new TableLayout(columns, layoutColumns(columns, rows, options.width ?? 120), options)
    if (columns.length === 0) return { layout, lines: sample.map((record) => toDisplayString(record)) }
    return { layout, lines: [...layout.header(), ...rows.map((row) => layout.render(row))] }
  }

  /** The header and its underline; none when headers are hidden or there are no columns. */
  header(): string[] {
    if (this.options.hideHeaders || this.columns.length === 0) return []
    const header = this.render(this.columns.map((column) => column.label))
    return [
      this.options.styleHeader ? this.options.styleHeader(header) : header,
      this.render(this.widths.map((w) => '-'.repeat(w))),
    ]
  }

  /** One record as a row (its display string when the table has no columns). */
  row(record: unknown): string {
    if (this.columns.length === 0) return toDisplayString(record)
    return this.render(this.columns.map((column) => cell(record, column)))
  }

  private render(cells: readonly string[]): string {
    return cells
      .map((text, i) => {
        const fitted = fit(text, this.widths[i])
        return this.columns[i].align === 'right'
          ? fitted.padStart(this.widths[i])
          : fitted.padEnd(this.widths[i])
      })
      .join(' ')
      .trimEnd()
  }
}

/** Formats records as a table: header, underline, rows. Returns lines without trailing spaces. */
export function formatTable(records: readonly unknown[], options: TableOptions = {}): string[] {
  return TableLayout.of(records, options).lines
}

/** Formats records as lists of `Name : value`, one blank line between records. */
export function formatList(
  records: readonly unknown[],
  options: { width?: number; properties?: readonly string[] } = {},
): string[] {
  const lines: string[] = []
  for (const record of records) {
    if (!isRecord(record)) {
      lines.push(toDisplayString(record))
      continue
    }
    const view = views.get(typeNameOf(record))
    const names = options.properties?.length
      ? [...options.properties]
      : view?.list
        ? [...view.list]
        : propertyNames(record)
    const labelWidth = Math.max(...names.map((n) => n.length))
    const valueWidth = Math.max(10, (options.width ?? 120) - labelWidth - 3)
    if (lines.length > 0) lines.push('')
    for (const name of names) {
      lines.push(
        `${name.padEnd(labelWidth)} : ${fit(toDisplayString(getProperty(record, name)), valueWidth)}`.trimEnd(),
      )
    }
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
   * Plain values before the first record. `decide` (formatDefault's, the shell's): when the first
   * non-null output is a plain value, records print as plain values too. `print` (the CLI's): they
   * print as they come, and the records after them are formatted as usual.
   */
  leadingValues?: 'decide' | 'print'
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
 * same widths as they arrive. A record of another type starts a new table; plain values print as
 * they come. When every group of records fits in its batch, the lines are exactly `formatDefault`'s.
 *
 *   push(record) -> lines to print now; release() -> the waiting batch; flush() -> the rest
 */
export class FormatStream {
  private readonly width: number
  private readonly batchSize: number
  /** Values print with `toDisplayString` when the first non-null value is not a record. */
  private mode: 'undecided' | 'values' | 'records' = 'undecided'
  private leadingNulls = 0
  private group: Group | undefined
  private out: string[] = []
  /** Lines printed since the first record (or leading null), which a new group is set apart from. */
  private printed = 0
  private counting = false
  private batch = 0

  constructor(private readonly options: FormatStreamOptions = {}) {
    this.width = options.width ?? 120
    this.batchSize = Math.max(1, options.batchSize ?? Number.POSITIVE_INFINITY)
  }

  /**
   * Identifies the batch waiting to be printed, undefined when none is: the caller starts its wait
   * (PowerShell's 300 ms) when this changes to a new value, and calls `release()` when it is over.
   */
  get waiting(): number | undefined {
    return this.group?.state === 'sizing' && !this.group.waitingForSecond ? this.batch : undefined
  }

  /** Takes one record; returns the lines it completes. */
  push(record: unknown): string[] {
    if (this.options.layout === 'list') {
      if (isRecord(record)) {
        this.counting = true
        this.emit([...(this.printed > 0 ? [''] : []), ...this.list([record])])
      } else this.emit([toDisplayString(record)])
      return this.take()
    }
    if (this.mode === 'undecided') {
      if (!isRecord(record) && this.options.leadingValues === 'print') {
        this.emit([toDisplayString(record)])
        return this.take()
      }
      if (record === null || record === undefined) {
        this.leadingNulls++
        return []
      }
      this.mode = isRecord(record) ? 'records' : 'values'
      this.counting = true
      for (; this.leadingNulls > 0; this.leadingNulls--) this.add(null)
    }
    this.add(record)
    return this.take()
  }

  /** The wait for a full batch is over: prints the records held so far, which fix the widths. */
  release(): string[] {
    if (this.group?.state === 'sizing' && !this.group.waitingForSecond) this.settle(this.group)
    return this.take()
  }

  /** The end of the input: prints whatever is held. */
  flush(): string[] {
    if (this.mode === 'undecided') {
      this.mode = 'values'
      for (; this.leadingNulls > 0; this.leadingNulls--) this.add(null)
    }
    this.close()
    return this.take()
  }

  private add(record: unknown): void {
    if (this.mode === 'values') return this.emit([toDisplayString(record)])
    if (!isRecord(record)) {
      this.close()
      return this.emitGroup([toDisplayString(record)])
    }
    const type = typeNameOf(record)
    if (this.group?.type !== type) {
      this.close()
      this.group = { type, state: 'sizing', records: [], waitingForSecond: false }
      this.batch++
    }
    const group = this.group
    if (group.state === 'table') this.emit([group.layout.row(record)])
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
      const { layout, lines } = TableLayout.of(records, {
        width: this.width,
        styleHeader: this.options.styleHeader,
      })
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
    else
      this.emitGroup(formatTable(group.records, { width: this.width, styleHeader: this.options.styleHeader }))
  }

  private list(records: readonly unknown[]): string[] {
    return formatList(records, { width: this.width })
  }

  /** A new group: one blank line after whatever was printed before. */
  private emitGroup(lines: readonly string[]): void {
    if (this.printed > 0) this.emit([''])
    this.emit(lines)
  }

  private emit(lines: readonly string[]): void {
    append(this.out, lines)
    if (this.counting) this.printed += lines.length
  }

  private take(): string[] {
    const lines = this.out
    this.out = []
    return lines
  }
}
