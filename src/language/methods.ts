// The .NET methods scripts commonly call, on strings, arrays, hashtables, numbers, dates and script
// blocks. String comparisons follow .NET (StartsWith is case-sensitive unless told otherwise); the
// operators (-like, -eq) are the case-insensitive way, as in PowerShell.
import os from 'node:os'
import {
  dotnetTypeName,
  InputEnumerator,
  listElementType,
  NUMBER_ARRAYS,
  StringBuilderValue,
} from './dotnet.js'
import { exceptionTypeName } from './exceptions.js'
import { equals, toBoolean } from '../engine/compare.js'
import { RuntimeError, VcsError } from '../engine/errors.js'
import {
  findPropertyName,
  isOrdered,
  isRecord,
  setMethodInvoker,
  typeNameOf,
  withTypeName,
} from '../engine/objects.js'
import { currentSession } from '../engine/context.js'
import { announceDifference } from '../engine/differences.js'
import { addMonths, markUtc, withKindOf } from '../engine/dates.js'
import { cultureDate, formatNumber, formatOperator, isTimeSpan, timeSpan } from './formatting.js'
import { getMember } from './members.js'
import {
  convertTo,
  defineProperty,
  isHashtable,
  roundHalfEven,
  toNumber,
  toText,
  TypeValue,
  typeValue,
} from './types.js'
import { failed, NOT_FOUND, stringMethod } from './string-methods.js'

/** Lists that, like $Error, can grow and shrink in place (PowerShell's ArrayList): `$Error.Clear()`. */
export const GROWABLE = new WeakSet<unknown[]>()

/** Methods that run script blocks, so they are awaited (the evaluator's async path handles them). */
export const ASYNC_METHODS = new Set(['foreach', 'where', 'invoke', 'invokereturnasis'])

interface Invocable {
  invokeAll(input: unknown, args: unknown[], withInput: boolean, dotSourced?: boolean): Promise<unknown[]>
}

function isInvocable(value: unknown): value is Invocable {
  return typeof value === 'object' && value !== null && typeof (value as Invocable).invokeAll === 'function'
}

function noMethod(target: unknown, name: string): RuntimeError {
  return new RuntimeError(
    'RuntimeError',
    `Method invocation failed because [${typeNameOf(target)}] does not contain a method named '${name}'.`,
    { category: 'InvalidOperation' },
  )
}

/** `$target.Name(args)`. Returns a promise only for the methods in ASYNC_METHODS. */
export function invokeMethod(target: unknown, name: string, args: unknown[]): unknown {
  if (target === null || target === undefined) {
    throw new RuntimeError('RuntimeError', 'You cannot call a method on a null-valued expression.', {
      category: 'InvalidOperation',
    })
  }
  const result = callMethod(target, name, args)
  if (result === NOT_FOUND) throw noMethod(target, name)
  return result
}

// ForEach-Object's member-name form calls methods through the engine's hook.
setMethodInvoker((target, name, args) => {
  if (target === null || target === undefined) return undefined
  const value = callMethod(target, name, args)
  return value === NOT_FOUND ? undefined : { value }
})

function callMethod(target: unknown, name: string, args: unknown[]): unknown {
  const lower = name.toLowerCase()
  if (lower === 'gettype') return typeInfo(target)
  let result: unknown = NOT_FOUND
  if (typeof target === 'string') result = stringMethod(target, lower, name, args)
  else if (Array.isArray(target)) {
    if (listElementType(target) !== undefined) result = listMethod(target, lower, name, args)
    if (result === NOT_FOUND) result = arrayMethod(target, lower, args)
  } else if (target instanceof StringBuilderValue) result = builderMethod(target, lower, args)
  else if (target instanceof InputEnumerator) result = inputMethod(target, lower, name, args)
  else if (target instanceof Date) result = dateMethod(target, lower, args)
  else if (typeof target === 'number') result = numberMethod(target, lower, args)
  else if (isInvocable(target)) result = blockMethod(target, lower, args)
  else if (isHashtable(target)) result = hashtableMethod(target, lower, name, args)
  if (result !== NOT_FOUND) return result
  // Method enumeration: `$users.Email.ToLower()` calls ToLower on every e-mail.
  if (Array.isArray(target)) return target.flatMap((item) => invokeMethod(item, name, args) as unknown)
  if (lower === 'foreach' || lower === 'where') return arrayMethod([target], lower, args)
  if (lower === 'tostring') return toText(target)
  if (lower === 'equals') return equals(target, args[0], true)
  return NOT_FOUND
}

/** `$input`'s IEnumerator methods; other methods are called on each item (method enumeration). */
function inputMethod(input: InputEnumerator, lower: string, name: string, args: unknown[]): unknown {
  switch (lower) {
    case 'movenext':
      return input.moveNext()
    case 'reset':
      input.reset()
      return undefined
    case 'tostring':
      return input.toString()
    case 'equals':
      return input === args[0]
    default:
      return input.drain().flatMap((item) => invokeMethod(item, name, args) as unknown)
  }
}

function typeInfo(value: unknown): Record<string, unknown> {
  const scriptBlock = typeNameOf(value) === 'scriptblock'
  const list = listElementType(value)
  const full = list
    ? list === 'arraylist'
      ? 'System.Collections.ArrayList'
      : 'System.Collections.Generic.List`1'
    : value instanceof StringBuilderValue
      ? 'System.Text.StringBuilder'
      : value instanceof InputEnumerator
        ? value.toString()
        : scriptBlock
          ? 'System.Management.Automation.ScriptBlock'
          : value instanceof VcsError
            ? exceptionTypeName(value)
            : isOrdered(value)
              ? 'System.Collections.Specialized.OrderedDictionary'
              : typeof value === 'number' && Number.isInteger(value) && Math.abs(value) > 2147483647
                ? wideInteger()
                : dotnetTypeName(value)
  const info = withTypeName('Type', {
    Name: full.slice(Math.max(full.lastIndexOf('.'), full.lastIndexOf('+')) + 1),
    FullName: full,
  })
  Object.defineProperty(info, 'toString', { enumerable: false, value: () => info.FullName })
  return info
}

/** An integral value beyond Int32: Int64 or Double in PowerShell, which doubles cannot tell apart. */
function wideInteger(): string {
  announceDifference(currentSession(), 'integerType')
  return 'System.Int64'
}

function arrayMethod(items: unknown[], lower: string, args: unknown[]): unknown {
  switch (lower) {
    case 'contains':
      return items.some((item) => equals(item, args[0], true))
    case 'indexof':
      return items.findIndex((item) => equals(item, args[0], true))
    case 'clone':
      return [...items]
    case 'tostring':
      return 'System.Object[]'
    case 'clear':
      // Array.Clear sets every element to its default ($null); a growable list empties.
      if (GROWABLE.has(items)) items.length = 0
      else items.fill(NUMBER_ARRAYS.has(items) ? 0 : null)
      return undefined
    case 'add':
    case 'remove':
      if (GROWABLE.has(items)) {
        if (lower === 'add') items.push(args[0])
        else if (items.includes(args[0])) items.splice(items.indexOf(args[0]), 1)
        return undefined
      }
      throw failed(
        lower[0].toUpperCase() + lower.slice(1),
        'Collection was of a fixed size. Use $list += $item to add.',
      )
    case 'foreach':
      return forEachMethod(items, args)
    case 'where':
      return whereMethod(items, args)
    default:
      return NOT_FOUND
  }
}

/**
 * `$items.ForEach({ ... })`, `.ForEach('Property')`, `.ForEach('Method', args...)` and
 * `.ForEach([type])` (about_Arrays).
 */
async function forEachMethod(items: unknown[], args: unknown[]): Promise<unknown[]> {
  const [operation, ...rest] = args
  if (typeof operation === 'string') {
    const results: unknown[] = []
    for (const item of items) {
      const property = rest.length === 0 ? memberValue(item, operation) : undefined
      const value =
        property !== undefined
          ? property
          : item === null || item === undefined
            ? undefined
            : callMethod(item, operation, rest)
      if (value === NOT_FOUND) results.push(null)
      else if (Array.isArray(value)) results.push(...value)
      else if (value !== undefined) results.push(value)
    }
    return results
  }
  if (operation instanceof TypeValue) return items.map((item) => convertTo(operation, item))
  if (!isInvocable(operation))
    throw failed('ForEach', 'The argument must be a script block, a type, or a property or method name.')
  const results: unknown[] = []
  // .ForEach() and .Where() run their block in the caller's scope, like ForEach-Object (about_Arrays).
  for (const item of items) results.push(...(await operation.invokeAll(item, rest, true, true)))
  return results
}

/** A property of a value (not a method), or undefined when it has none. */
function memberValue(item: unknown, name: string): unknown {
  const value = getMember(item, name)
  return value === null
    ? isRecord(item) && findPropertyName(item, name) !== undefined
      ? null
      : undefined
    : value
}

/**
 * `$items.Where({ ... })` with a mode: 'Default', 'First', 'Last', 'SkipUntil', 'Until', 'Split',
 * and an optional count (about_Arrays).
 */
async function whereMethod(items: unknown[], args: unknown[]): Promise<unknown[]> {
  const [condition, mode, limit] = args
  if (!isInvocable(condition)) throw failed('Where', 'The argument must be a script block.')
  const kind = toText(mode ?? 'Default').toLowerCase()
  const modes = ['default', 'first', 'last', 'skipuntil', 'until', 'split']
  if (!modes.includes(kind)) {
    throw failed(
      'Where',
      `The mode '${toText(mode)}' is not one of Default, First, Last, SkipUntil, Until, Split.`,
    )
  }
  const count = limit === undefined ? 0 : toNumber(limit)
  const test = async (item: unknown) => toBoolean(collapse(await condition.invokeAll(item, [], true, true)))
  const matches: unknown[] = []
  if (kind === 'until' || kind === 'skipuntil') {
    let index = 0
    while (index < items.length && !(await test(items[index]))) index++
    const taken = kind === 'until' ? items.slice(0, index) : items.slice(index)
    return count > 0 ? taken.slice(0, count) : taken
  }
  if (kind === 'split') {
    const rest: unknown[] = []
    for (const item of items) {
      if ((count <= 0 || matches.length < count) && (await test(item))) matches.push(item)
      else rest.push(item)
    }
    return [matches, rest]
  }
  const max = count > 0 ? count : kind === 'first' || kind === 'last' ? 1 : Infinity
  for (const item of items) {
    if (await test(item)) {
      matches.push(item)
      if (kind !== 'last' && matches.length >= max) break
    }
  }
  return kind === 'last' ? matches.slice(-max) : matches
}

function collapse(values: unknown[]): unknown {
  return values.length === 0 ? undefined : values.length === 1 ? values[0] : values
}

function blockMethod(block: Invocable, lower: string, args: unknown[]): unknown {
  switch (lower) {
    case 'invoke':
      return block.invokeAll(undefined, args, false)
    case 'invokereturnasis':
      return block.invokeAll(undefined, args, false).then(collapse)
    case 'getnewclosure':
      return block
    default:
      return NOT_FOUND
  }
}

function hashtableMethod(
  table: Record<string, unknown>,
  lower: string,
  name: string,
  args: unknown[],
): unknown {
  const key = toText(args[0])
  switch (lower) {
    case 'containskey':
    case 'contains':
      return findPropertyName(table, key) !== undefined
    case 'containsvalue':
      return Object.values(table).some((value) => equals(value, args[0], true))
    case 'add':
      if (findPropertyName(table, key) !== undefined) {
        throw failed(name, `Item has already been added. Key in dictionary: '${key}'.`)
      }
      defineProperty(table, key, args[1])
      return undefined
    case 'remove': {
      const actual = findPropertyName(table, key)
      if (actual !== undefined) delete table[actual]
      return undefined
    }
    case 'clear':
      for (const existing of Object.keys(table)) delete table[existing]
      return undefined
    case 'getenumerator':
      return Object.entries(table).map(([entryKey, value]) =>
        withTypeName('DictionaryEntry', { Name: entryKey, Key: entryKey, Value: value }),
      )
    case 'clone': {
      const copy = withTypeName('Hashtable', {} as Record<string, unknown>)
      for (const [entryKey, value] of Object.entries(table)) defineProperty(copy, entryKey, value)
      return copy
    }
    default:
      return NOT_FOUND
  }
}

/** `[System.Collections.Generic.List[T]]`'s methods (Count and the indexer are the array's). */
function listMethod(list: unknown[], lower: string, name: string, args: unknown[]): unknown {
  const type = listElementType(list) ?? 'object'
  const untyped = type === 'object' || type === 'arraylist'
  const item = (value: unknown) => (untyped ? value : convertTo(typeValue(type), value))
  switch (lower) {
    case 'add':
      list.push(item(args[0]))
      // ArrayList.Add returns the new item's index (hence `[void]$list.Add(...)` in scripts).
      return type === 'arraylist' ? list.length - 1 : undefined
    case 'addrange':
      for (const value of Array.isArray(args[0]) ? args[0] : [args[0]]) list.push(item(value))
      return undefined
    case 'insert': {
      const index = toNumber(args[0])
      if (index < 0 || index > list.length) throw failed(name, 'Index must be within the bounds of the List.')
      list.splice(index, 0, item(args[1]))
      return undefined
    }
    case 'remove': {
      const index = list.findIndex((value) => equals(value, args[0], true))
      if (index >= 0) list.splice(index, 1)
      return index >= 0
    }
    case 'removeat': {
      const index = toNumber(args[0])
      if (index < 0 || index >= list.length)
        throw failed(
          name,
          'Index was out of range. Must be non-negative and less than the size of the collection.',
        )
      list.splice(index, 1)
      return undefined
    }
    case 'clear':
      list.length = 0
      return undefined
    case 'toarray':
      return [...list]
    case 'sort':
      list.sort((a, b) => compareValues(a, b))
      return undefined
    case 'reverse':
      list.reverse()
      return undefined
    default:
      return NOT_FOUND
  }
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return toText(a).localeCompare(toText(b), 'en-US')
}

/** `[System.Text.StringBuilder]`'s methods: the appending ones return the builder, as in .NET. */
function builderMethod(builder: StringBuilderValue, lower: string, args: unknown[]): unknown {
  switch (lower) {
    case 'append':
      builder.text +=
        args.length > 1 && typeof args[0] === 'string' && typeof args[1] === 'number'
          ? toText(args[0]).repeat(args[1])
          : toText(args[0])
      return builder
    case 'appendline':
      builder.text += `${args.length > 0 ? toText(args[0]) : ''}${os.EOL}`
      return builder
    case 'appendformat':
      builder.text += formatOperator(toText(args[0]), args.length === 2 ? args[1] : args.slice(1))
      return builder
    case 'insert':
      builder.text =
        builder.text.slice(0, toNumber(args[0])) + toText(args[1]) + builder.text.slice(toNumber(args[0]))
      return builder
    case 'replace':
      builder.text = builder.text.split(toText(args[0])).join(toText(args[1]))
      return builder
    case 'remove':
      builder.text =
        builder.text.slice(0, toNumber(args[0])) + builder.text.slice(toNumber(args[0]) + toNumber(args[1]))
      return builder
    case 'clear':
      builder.text = ''
      return builder
    case 'tostring':
      return args.length >= 2 ? builder.text.substr(toNumber(args[0]), toNumber(args[1])) : builder.text
    default:
      return NOT_FOUND
  }
}

function numberMethod(value: number, lower: string, args: unknown[]): unknown {
  switch (lower) {
    case 'tostring':
      return args.length > 0 ? formatNumber(value, toText(args[0])) : String(value)
    case 'compareto':
      return Math.sign(value - toNumber(args[0]))
    case 'equals':
      return value === args[0]
    default:
      return NOT_FOUND
  }
}

const DATE_UNITS: Record<string, number> = {
  addmilliseconds: 1,
  addseconds: 1000,
  addminutes: 60_000,
  addhours: 3_600_000,
  adddays: 86_400_000,
}

function dateMethod(date: Date, lower: string, args: unknown[]): unknown {
  if (lower in DATE_UNITS)
    return withKindOf(date, new Date(date.getTime() + toNumber(args[0]) * DATE_UNITS[lower]))
  switch (lower) {
    case 'addmonths':
    case 'addyears':
      return addMonths(date, roundHalfEven(toNumber(args[0])) * (lower === 'addyears' ? 12 : 1))
    case 'tostring':
      // Without a format, .NET uses the current culture's 'G' (en-US here); "$date" is invariant.
      return cultureDate(date, args.length > 0 && args[0] !== null ? toText(args[0]) : 'G')
    case 'touniversaltime':
      return markUtc(new Date(date.getTime()))
    case 'tolocaltime':
      return new Date(date.getTime())
    case 'toshortdatestring':
      return cultureDate(date, 'd')
    case 'tolongdatestring':
      return cultureDate(date, 'D')
    case 'toshorttimestring':
      return cultureDate(date, 't')
    case 'tolongtimestring':
      return cultureDate(date, 'T')
    case 'subtract':
      if (args[0] instanceof Date) return timeSpan(date.getTime() - args[0].getTime())
      if (isTimeSpan(args[0])) return new Date(date.getTime() - args[0].TotalMilliseconds)
      throw failed('Subtract', 'The argument must be a date or a time span.')
    case 'compareto':
      return Math.sign(
        date.getTime() - (args[0] instanceof Date ? args[0].getTime() : new Date(toText(args[0])).getTime()),
      )
    case 'equals':
      return args[0] instanceof Date && args[0].getTime() === date.getTime()
    default:
      return NOT_FOUND
  }
}
