// Tables as PowerShell's TableWriter draws them, in terminal cells: a header underlined as wide as
// its text, numbers to the right, long cells cut with an ellipsis (or wrapped with -Wrap). When the
// terminal is too narrow the view's least important columns give way first.
import { getProperty } from './objects.js'
import { cellValue, columnsFor, countDisplayedDate, displayText, type ViewColumn } from './format-views.js'
import {
  cellWidth,
  escapeControl,
  headCells,
  LINE_BREAK,
  measureCell,
  tailCells,
  wrapCells,
} from './format-text.js'

type Align = 'left' | 'right'

export interface TableOptions {
  width?: number
  properties?: readonly string[]
  /** Header decoration (colours) supplied by the host. */
  styleHeader?: (text: string) => string
  hideHeaders?: boolean
  /** `Format-Table -Wrap`: long and multi-line cells continue on the next lines instead of being cut. */
  wrap?: boolean
  /** `Format-Table -AutoSize`: fixed view widths give way to the content's. */
  autoSize?: boolean
  /** Shows control characters in data escaped (for a terminal); see `escapeControl`. */
  escapeControl?: boolean
}

/** A cell: the value's display string (control characters escaped for a terminal), and whether it is a date. */
interface Cell {
  text: string
  date: boolean
}

function cellOf(record: unknown, column: ViewColumn, escape: boolean): Cell {
  const raw = typeof column.value === 'function' ? column.value(record) : getProperty(record, column.value)
  const text = cellValue(raw, false)
  const date = raw instanceof Date || (Array.isArray(raw) && raw.some((item) => item instanceof Date))
  return { text: escape ? escapeControl(text, { lineBreaks: true }) : text, date }
}

/**
 * Column widths for a table that must fit `width` cells; 0 marks a dropped column. When the view
 * declares priorities, each column starts at its natural width; while the table is too wide, the
 * least important columns are shortened to their floor (`minWidth`, else the label; never for
 * `keepWhole` columns), and when that is not enough the least important column is dropped and the
 * rest laid out again. Without priorities, PowerShell's own rule applies (`trimToFit`).
 */
export function fitColumns(
  columns: readonly ViewColumn[],
  natural: readonly number[],
  width: number,
): number[] {
  if (!columns.some((column) => column.priority !== undefined || column.keepWhole))
    return trimToFit(natural, width)
  const n = columns.length
  const importance = columns.map((column, i) => column.priority ?? i + 1)
  // Least important first; of equal importance, the one further right.
  const order = [...columns.keys()].sort((a, b) => importance[b] - importance[a] || b - a)
  const floors = columns.map((column, i) =>
    column.keepWhole
      ? natural[i]
      : Math.max(1, Math.min(natural[i], column.minWidth ?? cellWidth(column.label))),
  )
  for (let dropped = 0; dropped < n; dropped++) {
    const visible = order.slice(dropped)
    const widths = natural.map((w, i) => (visible.includes(i) ? w : 0))
    let excess = widths.reduce((a, b) => a + b, 0) + visible.length - 1 - width
    for (const i of visible) {
      if (excess <= 0) break
      const cut = Math.min(excess, widths[i] - floors[i])
      if (cut > 0) {
        widths[i] -= cut
        excess -= cut
      }
    }
    if (excess <= 0) return widths
    // The most important column alone is wider than the terminal: it is cut to fit.
    if (visible.length === 1) {
      widths[visible[0]] = Math.max(1, width)
      return widths
    }
  }
  return natural.map(() => 0)
}

/**
 * PowerShell's own fitting, for tables whose columns say nothing of their importance
 * (ColumnWidthManager.TrimToFit): the last visible column is shortened, or hidden when it would be
 * left with no cell, until the table fits.
 */
function trimToFit(natural: readonly number[], width: number): number[] {
  const widths = [...natural]
  for (let last = widths.length - 1; last >= 0; last--) {
    const visible = widths.slice(0, last + 1)
    const excess = visible.reduce((a, b) => a + b, 0) + visible.length - 1 - width
    if (excess <= 0) break
    if (widths[last] - excess >= 1) {
      widths[last] -= excess
      break
    }
    widths[last] = 0
  }
  return widths
}

/**
 * One cell of a one-line row (TableWriter.GenerateRowField): the first line of the value (with an
 * ellipsis when more follow), cut to the column with an ellipsis at the end (at the start when
 * right-aligned), padded to the width unless it is the last column and left-aligned.
 */
function fitField(text: string, width: number, align: Align, pad: boolean): string {
  const lineBreak = LINE_BREAK.exec(text)
  let s = lineBreak ? `${text.slice(0, lineBreak.index)}…` : text
  let w = cellWidth(s)
  if (w > width) {
    if (width > 1) s = align === 'right' ? `…${tailCells(s, width - 1)}` : `${headCells(s, width - 1)}…`
    else s = align === 'right' ? tailCells(s, width) : headCells(s, width)
    w = cellWidth(s)
  }
  if (w >= width) return s
  const blanks = ' '.repeat(width - w)
  return align === 'right' ? blanks + s : pad ? s + blanks : s
}

/**
 * A table's columns and widths, fixed by sample records: rows of later records keep them (cells too
 * long for a column are cut with an ellipsis), as PowerShell's Format-Table does when it streams.
 */
export class TableLayout {
  private readonly shown: number[]
  private readonly escape: boolean

  private constructor(
    readonly columns: readonly ViewColumn[],
    readonly widths: readonly number[],
    private readonly options: TableOptions,
  ) {
    this.shown = [...widths.keys()].filter((i) => widths[i] > 0)
    this.escape = options.escapeControl === true
  }

  /** Lays out a table for `sample` and returns it with the sample's lines: header, underline, rows. */
  static of(
    sample: readonly unknown[],
    options: TableOptions = {},
  ): { layout: TableLayout; lines: string[] } {
    const escape = options.escapeControl === true
    const columns = columnsFor(sample, options.properties)
    const rows = sample.map((record) => columns.map((column) => cellOf(record, column, escape)))
    // PowerShell sizes a column by its label and every sampled cell (OutCommandInner.ProcessCachedGroupOnTable).
    const natural = columns.map((column, i) =>
      column.width !== undefined && !options.autoSize
        ? column.width
        : Math.max(cellWidth(label(column, escape)), ...rows.map((row) => measureCell(row[i].text))),
    )
    const layout = new TableLayout(columns, fitColumns(columns, natural, options.width ?? 120), options)
    if (columns.length === 0) return { layout, lines: sample.map((record) => layout.row(record)).flat() }
    const lines = layout.header()
    for (const row of rows) for (const line of layout.render(row)) lines.push(line)
    return { layout, lines }
  }

  /** The header and its underline; none when headers are hidden or there are no columns. */
  header(): string[] {
    if (this.options.hideHeaders || this.columns.length === 0) return []
    const labels = this.columns.map((column) => label(column, this.escape))
    // Labels wider than their column continue on the next lines, as in PowerShell.
    const header = this.lines(labels, true)
    const style = this.options.styleHeader
    // The underline is as wide as the label (at most the column), aligned as the column is.
    const underline = labels.map((text, i) => '-'.repeat(Math.min(this.widths[i], cellWidth(text))))
    return [...(style ? header.map(style) : header), ...this.lines(underline, false)]
  }

  /** One record as its row's lines (its display string when the table has no columns). */
  row(record: unknown): string[] {
    if (this.columns.length === 0) {
      const text = displayText(record)
      return [this.escape ? escapeControl(text, { lineBreaks: true, tabs: true }) : text]
    }
    return this.render(this.columns.map((column) => cellOf(record, column, this.escape)))
  }

  private render(cells: readonly Cell[]): string[] {
    if (this.shown.some((i) => cells[i].date)) countDisplayedDate()
    return this.lines(
      cells.map((cell) => cell.text),
      this.options.wrap === true,
    )
  }

  /** Cells as one line, or as several when they wrap (TableWriter.GenerateTableRow). */
  private lines(cells: readonly string[], wrap: boolean): string[] {
    const last = this.shown[this.shown.length - 1]
    const align = (i: number): Align => this.columns[i].align ?? 'left'
    if (!wrap)
      return [
        this.shown
          .map((i) => fitField(cells[i], this.widths[i], align(i), i !== last))
          .join(' ')
          .trimEnd(),
      ]
    const columns = this.shown.map((i) =>
      wrapCells(cells[i], this.widths[i]).map((line) => fitField(line, this.widths[i], align(i), i !== last)),
    )
    const height = Math.max(...columns.map((lines) => lines.length))
    const out: string[] = []
    for (let r = 0; r < height; r++) {
      out.push(
        columns
          .map((lines, k) => lines[r] ?? ' '.repeat(this.widths[this.shown[k]]))
          .join(' ')
          .trimEnd(),
      )
    }
    return out
  }
}

function label(column: ViewColumn, escape: boolean): string {
  return escape ? escapeControl(column.label) : column.label
}

/** Formats records as a table: header, underline, rows. Returns lines without trailing spaces. */
export function formatTable(records: readonly unknown[], options: TableOptions = {}): string[] {
  return TableLayout.of(records, options).lines
}
