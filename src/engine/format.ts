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

/** Formats records as a table: header, underline, rows. Returns lines without trailing spaces. */
export function formatTable(records: readonly unknown[], options: TableOptions = {}): string[] {
  const columns = columnsFor(records, options.properties)
  if (columns.length === 0) return records.map((record) => toDisplayString(record))
  const rows = records.map((record) => columns.map((column) => cell(record, column)))
  const widths = layoutColumns(columns, rows, options.width ?? 120)
  const render = (cells: string[]) =>
    cells
      .map((text, i) => {
        const fitted = fit(text, widths[i])
        return columns[i].align === 'right' ? fitted.padStart(widths[i]) : fitted.padEnd(widths[i])
      })
      .join(' ')
      .trimEnd()
  const lines: string[] = []
  if (!options.hideHeaders) {
    const header = render(columns.map((column) => column.label))
    lines.push(options.styleHeader ? options.styleHeader(header) : header)
    lines.push(render(widths.map((w) => '-'.repeat(w))))
  }
  for (const row of rows) lines.push(render(row))
  return lines
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
  if (records.length === 0) return []
  const layout = preferredLayout(records)
  if (layout === 'scalar') return records.map((record) => toDisplayString(record))
  // Records of several types are formatted type by type, in order of appearance.
  const groups: unknown[][] = []
  let lastType: string | undefined
  for (const record of records) {
    const type = typeNameOf(record)
    if (type !== lastType || !isRecord(record)) groups.push([])
    groups[groups.length - 1].push(record)
    lastType = type
  }
  const lines: string[] = []
  for (const group of groups) {
    if (lines.length > 0) lines.push('')
    const groupLayout = preferredLayout(group)
    if (groupLayout === 'scalar') lines.push(...group.map((r) => toDisplayString(r)))
    else if (groupLayout === 'list') lines.push(...formatList(group, { width }))
    else lines.push(...formatTable(group, { width }))
  }
  return lines
}
