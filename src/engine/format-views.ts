// Output views: a type declares its table columns (with how important each is when the terminal is
// narrow) and list properties once. Also what the formatter takes apart before it formats: arrays
// element by element and hashtables entry by entry, as PowerShell's Out-Default does.
import { getProperty, isRecord, propertyNames, toDisplayString, typeNameOf, withTypeName } from './objects.js'

export interface ViewColumn {
  label: string
  /** Property name, or a function of the record. */
  value: string | ((record: any) => unknown)
  /** Narrowest the column is shortened to before less important columns are dropped (its label's width when omitted). */
  minWidth?: number
  /** A fixed width, as a PowerShell view's `<Width>`: the column is not sized to its content (except by -AutoSize). */
  width?: number
  align?: 'left' | 'right'
  /**
   * How important the column is when the table does not fit: 1 is the most important. The least
   * important columns are shortened (to `minWidth`) first, then dropped. When omitted, columns to
   * the right are less important, as PowerShell (which drops columns from the right) has it.
   */
  priority?: number
  /** An identifying column (Email, Id): never shortened while another column can give way. */
  keepWhole?: boolean
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

/**
 * A hashtable's entries display as Name/Value rows, PowerShell's view of DictionaryEntry
 * (DotNetTypes.format.ps1xml: Name 30 cells wide, Value the rest).
 */
registerView('DictionaryEntry', {
  table: [
    { label: 'Name', value: 'Name', width: 30, priority: 1 },
    { label: 'Value', value: 'Value', priority: 2 },
  ],
})

/** True for a hashtable (`@{}`, `[ordered]@{}`, -AsHashTable) or a Map. */
export function isDictionary(value: unknown): boolean {
  return value instanceof Map || (isRecord(value) && typeNameOf(value) === 'Hashtable')
}

/**
 * What the formatter shows for one output object: an array element by element (nested arrays too),
 * a hashtable entry by entry as DictionaryEntry records, nothing for `$null`, else the object.
 */
export function* formatItems(value: unknown): Generator<unknown> {
  if (value === null || value === undefined) return
  if (Array.isArray(value)) {
    for (const item of value) yield* formatItems(item)
    return
  }
  if (isDictionary(value)) {
    const entries =
      value instanceof Map
        ? [...value]
        : Object.keys(value as object).map((k) => [k, (value as Record<string, unknown>)[k]])
    for (const [Name, Value] of entries) yield withTypeName('DictionaryEntry', { Name, Value })
    return
  }
  yield value
}

/** Columns for a set of records: the type's view, else the first records' properties. */
export function columnsFor(records: readonly unknown[], properties?: readonly string[]): ViewColumn[] {
  const first = records.find(isRecord)
  if (properties && properties.length > 0)
    return properties.map((name) => ({ label: name, value: name, align: defaultAlign(first, name) }))
  if (!first) return []
  const view = views.get(typeNameOf(first))
  if (view) return [...view.table]
  const names = new Set<string>()
  for (const record of records.slice(0, 20)) for (const name of propertyNames(record)) names.add(name)
  return [...names].map((name) => ({ label: name, value: name, align: defaultAlign(first, name) }))
}

/**
 * PowerShell's alignment of a column it generates (FormatViewGenerator_Table.ComputeDefaultAlignment):
 * right when the first object's value is a number or a Boolean, left otherwise (strings, dates, null).
 */
function defaultAlign(first: unknown, name: string): 'left' | 'right' {
  const value = getProperty(first, name)
  return typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean'
    ? 'right'
    : 'left'
}

/** PowerShell's choice: a view or at most four properties gives a table, more gives a list. */
export function preferredLayout(records: readonly unknown[]): 'table' | 'list' | 'scalar' {
  const first = records.find((record) => record !== null && record !== undefined)
  if (!isRecord(first)) return 'scalar'
  if (views.has(typeNameOf(first)))
    return records.length === 1 && views.get(typeNameOf(first))!.list ? 'list' : 'table'
  return propertyNames(first).length <= 4 ? 'table' : 'list'
}

/** PowerShell's $FormatEnumerationLimit: the items of a list value a table cell or list shows. */
export const FORMAT_ENUMERATION_LIMIT = 4

/**
 * A property value as a table cell or list value shows it (PSObjectHelper.SmartToString): a list
 * as `{a, b}`, at most four items and then `…`, `$null` items by name; anything else as text.
 * Dates are counted as shown unless `countDates` is false (a table counts the columns it prints).
 */
export function cellValue(value: unknown, countDates = true): string {
  const text = countDates ? displayText : toDisplayString
  if (!Array.isArray(value)) return text(value)
  const shown = value
    .slice(0, FORMAT_ENUMERATION_LIMIT)
    .map((item) => (item === null || item === undefined ? '$null' : text(item)))
  return `{${shown.join(', ')}${value.length > FORMAT_ENUMERATION_LIMIT ? '…' : ''}}`
}

/** Dates the display has shown so far, in its own format: a deliberate difference (differences.ts). */
let datesShown = 0

/** How many dates tables, lists and plain output have shown; a caller compares it before and after. */
export function datesDisplayed(): number {
  return datesShown
}

/** A value as the display shows it (toDisplayString), counting the dates it shows. */
export function displayText(value: unknown): string {
  if (value instanceof Date) datesShown++
  return toDisplayString(value)
}

/** Counts a date a table showed in a column it printed (a dropped column shows nothing). */
export function countDisplayedDate(): void {
  datesShown++
}
