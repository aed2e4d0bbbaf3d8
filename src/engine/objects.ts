// Records that flow through pipelines are plain objects; a hidden type tag names their type (for
// views, Get-Member and ByValue binding) without showing up in JSON or CSV. Property access is
// case-insensitive, as in PowerShell.

const TYPE_NAME = Symbol.for('vcs.typeName')

/** Every type name records have been tagged with, so the language knows `[VcsUser]` is a type. */
const typeNames = new Set<string>()

/** True when `name` is a record type name (tagged on some record, or declared by a cmdlet). */
export function isKnownTypeName(name: string): boolean {
  return typeNames.has(name.toLowerCase())
}

/** Declares a record type name (a cmdlet parameter's objectType) before any record has it. */
export function registerTypeName(name: string): void {
  typeNames.add(name.toLowerCase())
}

/** Tags a plain object with a type name (non-enumerable) and returns it. */
export function withTypeName<T extends object>(typeName: string, value: T): T {
  typeNames.add(typeName.toLowerCase())
  Object.defineProperty(value, TYPE_NAME, { value: typeName, enumerable: false, configurable: true })
  return value
}

/** PowerShell-ish type name of any value. */
export function typeNameOf(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return 'string'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'bigint') return 'long'
  if (typeof value === 'function') return 'scriptblock'
  if (value instanceof Date) return 'datetime'
  if (Array.isArray(value)) return 'object[]'
  const tagged = (value as Record<symbol, unknown>)[TYPE_NAME]
  if (typeof tagged === 'string') return tagged
  if ((value as { isScriptBlock?: boolean }).isScriptBlock) return 'scriptblock'
  const ctor = (value as object).constructor
  if (ctor && ctor !== Object && ctor.name) return ctor.name
  return 'PSCustomObject'
}

/** True for records (objects that are not arrays, dates or script blocks). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value as { isScriptBlock?: boolean }).isScriptBlock
  )
}

/** Own enumerable property names, plus getters of class instances (ErrorRecord), in order. */
export function propertyNames(value: unknown): string[] {
  if (!isRecord(value)) return []
  const names = Object.keys(value)
  const proto = Object.getPrototypeOf(value)
  if (proto && proto !== Object.prototype) {
    for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (descriptor.get && /^[A-Z]/.test(name) && !names.includes(name)) names.push(name)
    }
  }
  return names
}

/** Finds the actual key for a property name, case-insensitively. */
export function findPropertyName(value: unknown, name: string): string | undefined {
  if (!isRecord(value)) return undefined
  // Object.prototype's own names (constructor, toString, hasOwnProperty, __proto__) are JavaScript's,
  // never properties of a record: a user named 'constructor' is data like any other.
  if (name in value && (Object.hasOwn(value, name) || !(name in Object.prototype))) return name
  const lower = name.toLowerCase()
  return propertyNames(value).find((key) => key.toLowerCase() === lower)
}

/** Reads a property case-insensitively; `Length`/`Count` work on strings and arrays as in PowerShell. */
export function getProperty(value: unknown, name: string): unknown {
  if (value === null || value === undefined) return undefined
  if (Array.isArray(value)) {
    if (/^(count|length)$/i.test(name)) return value.length
    // Member enumeration: $users.Email is every user's Email.
    return value.map((item) => getProperty(item, name))
  }
  if (typeof value === 'string' && /^length$/i.test(name)) return value.length
  if (value instanceof Date) return dateProperty(value, name)
  const key = findPropertyName(value, name)
  return key === undefined ? undefined : (value as Record<string, unknown>)[key]
}

/** Sets a property, keeping the existing key's spelling when there is one. */
export function setProperty(value: Record<string, unknown>, name: string, newValue: unknown): void {
  value[findPropertyName(value, name) ?? name] = newValue
}

function dateProperty(date: Date, name: string): unknown {
  switch (name.toLowerCase()) {
    case 'year':
      return date.getFullYear()
    case 'month':
      return date.getMonth() + 1
    case 'day':
      return date.getDate()
    case 'hour':
      return date.getHours()
    case 'minute':
      return date.getMinutes()
    case 'dayofweek':
      return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][date.getDay()]
    case 'ticks':
      return date.getTime()
    default:
      return undefined
  }
}

/** Converts a value to text as PowerShell would print it in a table cell or a string. */
export function toDisplayString(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  // .NET's Boolean.ToString(): what PowerShell shows in tables, lists, CSV and expanded strings.
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatDate(value)
  if (Array.isArray(value)) return value.map(toDisplayString).join(', ')
  if (typeof value === 'object') {
    if ((value as { isScriptBlock?: boolean }).isScriptBlock) return (value as { text: string }).text
    const own = (value as { toString?: unknown }).toString
    if (typeof own === 'function' && own !== Object.prototype.toString) return String(own.call(value))
    const name = getProperty(value, 'Name') ?? getProperty(value, 'Id')
    if (name !== undefined && typeof name !== 'object') return String(name)
    return `@{${Object.entries(value)
      .map(
        ([k, v]) =>
          `${k}=${typeof v === 'object' && v !== null && !(v instanceof Date) ? '…' : toDisplayString(v)}`,
      )
      .join('; ')}}`
  }
  return String(value)
}

/** Dates as `2026-11-22 14:03` in local time: short enough for tables, unambiguous. */
export function formatDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** JSON-ready copy: dates as ISO strings, tags dropped, no depth truncation, cycles refused. */
export function toPlain(value: unknown, seen = new Set<object>()): unknown {
  if (value === undefined) return null
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return Number(value)
    if (typeof value === 'function') return String(value)
    return value
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if ((value as { isScriptBlock?: boolean }).isScriptBlock) return (value as { text: string }).text
  if (seen.has(value)) return '[circular]'
  seen.add(value)
  try {
    if (Array.isArray(value)) return value.map((item) => toPlain(item, seen))
    if (value instanceof Map)
      return Object.fromEntries([...value].map(([k, v]) => [String(k), toPlain(v, seen)]))
    const out: Record<string, unknown> = {}
    for (const name of propertyNames(value))
      out[name] = toPlain((value as Record<string, unknown>)[name], seen)
    return out
  } finally {
    seen.delete(value)
  }
}

/** Calls a method of a value: `{ value }`, or undefined when the value has no such method. */
export type MethodInvoker = (target: unknown, name: string, args: unknown[]) => { value: unknown } | undefined

let methodInvoker: MethodInvoker | undefined

/**
 * The language registers its method table here, so that cmdlets (ForEach-Object's member-name form,
 * `ForEach-Object ToUpper`) can call methods without depending on the language.
 */
export function setMethodInvoker(invoker: MethodInvoker): void {
  methodInvoker = invoker
}

/** Creates an object of a type named by text (New-Object): `(typeName, argumentList, properties)`. */
export type ObjectConstructor = (
  typeName: string,
  args: readonly unknown[],
  properties?: Record<string, unknown>,
) => unknown

let objectConstructor: ObjectConstructor | undefined

/** The language registers the types it knows here, so New-Object builds them without depending on it. */
export function setObjectConstructor(constructor: ObjectConstructor): void {
  objectConstructor = constructor
}

/** The language's object constructor; undefined when no language is loaded. */
export function objectConstructorOf(): ObjectConstructor | undefined {
  return objectConstructor
}

/** `$value.Name(args)` through the language's method table; undefined when there is no such method. */
export function invokeMethodOf(
  target: unknown,
  name: string,
  args: unknown[],
): { value: unknown } | undefined {
  return methodInvoker?.(target, name, args)
}

/** Hashtables made by `[ordered]@{...}` (PowerShell's OrderedDictionary); a plain `@{}` has no order there. */
const ORDERED_TABLES = new WeakSet<object>()

/** Marks a hashtable as made by `[ordered]` and returns it. */
export function markOrdered<T extends object>(table: T): T {
  ORDERED_TABLES.add(table)
  return table
}

/** True for a hashtable made by `[ordered]@{...}`. */
export function isOrdered(value: unknown): boolean {
  return typeof value === 'object' && value !== null && ORDERED_TABLES.has(value)
}
