// Properties and indexing with PowerShell's conveniences: case-insensitive names, member enumeration
// (`$users.Email` is every user's e-mail), `.Count` on anything, `$_.Exception.Message` on error
// records, and `[datetime]::Now`-style static members of the few types scripts use.
import os from 'node:os'
import { ErrorRecord } from '../engine/context.js'
import { RuntimeError, VcsError } from '../engine/errors.js'
import { findPropertyName, getProperty, isRecord, typeNameOf, withTypeName } from '../engine/objects.js'
import { timeSpan } from './formatting.js'
import {
  defineProperty,
  isHashtable,
  roundHalfEven,
  toNumber,
  toText,
  TypeValue,
  unknownType,
} from './types.js'

/** `$value.Name`. Missing properties are $null, as in PowerShell without strict mode. */
export function getMember(target: unknown, name: string): unknown {
  const value = memberOf(target, name)
  return value === undefined ? null : value
}

function memberOf(target: unknown, name: string): unknown {
  const lower = name.toLowerCase()
  // PowerShell's intrinsic Count and Length: 0 on $null, the item count of an array, and 1 on any
  // single value that has no such property of its own.
  if (target === null || target === undefined) return intrinsicCount(lower, 0)
  if (Array.isArray(target)) {
    if (lower === 'count' || lower === 'length') return target.length
    return enumerateMember(target, name)
  }
  if (typeof target === 'string') return lower === 'length' ? target.length : intrinsicCount(lower, 1)
  if (typeof target !== 'object') return intrinsicCount(lower, 1)
  if (target instanceof Date)
    return dateMember(target, lower) ?? getProperty(target, name) ?? intrinsicCount(lower, 1)
  if (target instanceof ErrorRecord) {
    const special = errorRecordMember(target, lower)
    if (special !== undefined) return special
  }
  if (isHashtable(target)) {
    const key = findPropertyName(target, name)
    if (key !== undefined) return target[key]
    if (lower === 'count') return Object.keys(target).length
    if (lower === 'keys') return Object.keys(target)
    if (lower === 'values') return Object.values(target)
    return intrinsicCount(lower, 1)
  }
  const value = getProperty(target, name)
  if (value !== undefined) return value
  const inherited = inheritedGetter(target, lower)
  if (inherited !== undefined) return inherited
  return intrinsicCount(lower, 1)
}

/** `count` when the member is Count or Length, else undefined (no such member). */
function intrinsicCount(lower: string, count: number): number | undefined {
  return lower === 'count' || lower === 'length' ? count : undefined
}

/** Member enumeration: the member of every item that has it; one result is returned on its own. */
function enumerateMember(items: unknown[], name: string): unknown {
  const values: unknown[] = []
  for (const item of items) {
    const value = memberOf(item, name)
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) values.push(...value)
    else values.push(value)
  }
  if (values.length === 0) return undefined
  return values.length === 1 ? values[0] : values
}

/** Getters further up a class's prototype chain (the engine only looks one level up), any case. */
function inheritedGetter(target: object, lower: string): unknown {
  for (
    let proto = Object.getPrototypeOf(target);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (descriptor.get && key.toLowerCase() === lower) return descriptor.get.call(target)
    }
  }
  return undefined
}

function dateMember(date: Date, lower: string): unknown {
  switch (lower) {
    case 'date':
      return new Date(date.getFullYear(), date.getMonth(), date.getDate())
    case 'second':
      return date.getSeconds()
    case 'millisecond':
      return date.getMilliseconds()
    case 'dayofyear':
      return Math.floor((date.getTime() - new Date(date.getFullYear(), 0, 1).getTime()) / 86_400_000) + 1
    case 'kind':
      return 'Local'
    default:
      return undefined
  }
}

/** What `$_` offers in a catch block and in `$Error[0]`: Exception, InvocationInfo, ids. */
function errorRecordMember(record: ErrorRecord, lower: string): unknown {
  switch (lower) {
    case 'exception':
      return exceptionView(record.error)
    case 'fullyqualifiederrorid':
      return record.error.code
    case 'categoryinfo':
      return withTypeName('ErrorCategoryInfo', {
        Category: record.error.category,
        TargetName: toText(record.target),
      })
    case 'invocationinfo': {
      const position = record.error.position
      return withTypeName('InvocationInfo', {
        MyCommand: record.command,
        ScriptName: position?.file,
        ScriptLineNumber: position?.line,
        OffsetInLine: position?.column,
        Line: position?.lineText,
      })
    }
    case 'errordetails':
      return record.error.hint === undefined
        ? undefined
        : withTypeName('ErrorDetails', { Message: record.error.hint })
    default:
      return undefined
  }
}

/** `$_.Exception`: the error's message, code and category as properties. */
function exceptionView(error: VcsError): Record<string, unknown> {
  const view = withTypeName(error.name, {
    Message: error.message,
    Code: error.code,
    Category: error.category,
    Hint: error.hint,
    TargetObject: error.target,
  })
  Object.defineProperty(view, 'toString', { enumerable: false, value: () => error.message })
  return view
}

/** `$value.Name = x`. */
export function setMember(target: unknown, name: string, value: unknown): void {
  if (!isRecord(target) || target instanceof ErrorRecord || target instanceof VcsError) {
    const what =
      target === null || target === undefined ? 'a null-valued expression' : `[${typeNameOf(target)}]`
    throw new RuntimeError('RuntimeError', `The property '${name}' cannot be set on ${what}.`, {
      category: 'InvalidOperation',
    })
  }
  defineProperty(target, findPropertyName(target, name) ?? name, value)
}

/** `$value[index]`: arrays (negative from the end, out of range is $null), strings, hashtables. */
export function getIndex(target: unknown, index: unknown): unknown {
  if (target === null || target === undefined) {
    throw new RuntimeError('RuntimeError', 'Cannot index into a null array.', {
      category: 'InvalidOperation',
    })
  }
  if (Array.isArray(index) && !isRecord(target)) return index.map((item) => getIndex(target, item))
  if (Array.isArray(target) || typeof target === 'string') {
    const position = roundHalfEven(toNumber(index))
    const actual = position < 0 ? target.length + position : position
    return actual >= 0 && actual < target.length ? target[actual] : null
  }
  if (isRecord(target)) {
    if (Array.isArray(index)) return index.map((item) => getIndex(target, item))
    const key = findPropertyName(target, toText(index))
    return key === undefined ? null : target[key]
  }
  if (toNumber(index) === 0) return target
  throw new RuntimeError('RuntimeError', `Unable to index into an object of type [${typeNameOf(target)}].`, {
    category: 'InvalidOperation',
  })
}

/** `$value[index] = x`. */
export function setIndex(target: unknown, index: unknown, value: unknown): void {
  if (Array.isArray(target)) {
    const position = roundHalfEven(toNumber(index))
    const actual = position < 0 ? target.length + position : position
    if (actual < 0 || actual >= target.length) {
      throw new RuntimeError('RuntimeError', 'Index was outside the bounds of the array.', {
        category: 'InvalidOperation',
      })
    }
    target[actual] = value
    return
  }
  if (isRecord(target) && !(target instanceof ErrorRecord)) {
    defineProperty(target, findPropertyName(target, toText(index)) ?? toText(index), value)
    return
  }
  throw new RuntimeError('RuntimeError', `Unable to index into an object of type [${typeNameOf(target)}].`, {
    category: 'InvalidOperation',
  })
}

/** `[datetime]::Now`, `[int]::MaxValue`, `[Environment]::NewLine`. */
export function getStaticMember(type: TypeValue, name: string): unknown {
  const lower = name.toLowerCase()
  switch (type.canonical) {
    case 'datetime':
      if (lower === 'now') return new Date()
      if (lower === 'utcnow') return new Date()
      if (lower === 'today') {
        const now = new Date()
        return new Date(now.getFullYear(), now.getMonth(), now.getDate())
      }
      if (lower === 'minvalue') return new Date(-62135596800000)
      if (lower === 'maxvalue') return new Date(253402300799999)
      break
    case 'int':
      if (lower === 'maxvalue') return 2147483647
      if (lower === 'minvalue') return -2147483648
      break
    case 'long':
      if (lower === 'maxvalue') return Number.MAX_SAFE_INTEGER
      if (lower === 'minvalue') return Number.MIN_SAFE_INTEGER
      break
    case 'double':
      if (lower === 'maxvalue') return Number.MAX_VALUE
      if (lower === 'nan') return NaN
      break
    case 'string':
      if (lower === 'empty') return ''
      break
    case 'math':
      if (lower === 'pi') return Math.PI
      if (lower === 'e') return Math.E
      break
    case 'environment':
      if (lower === 'newline') return os.EOL
      if (lower === 'machinename') return os.hostname()
      if (lower === 'username') return os.userInfo().username
      break
    case undefined:
      throw unknownType(type)
  }
  throw new RuntimeError('RuntimeError', `The type [${type.name}] has no static member '${name}'.`, {
    category: 'InvalidOperation',
  })
}

/** `[math]::Round(2.5)`, `[string]::IsNullOrEmpty($x)`, `[datetime]::Parse($text)`, `[guid]::NewGuid()`. */
export function invokeStatic(type: TypeValue, name: string, args: unknown[]): unknown {
  const lower = name.toLowerCase()
  const number = (index: number) => toNumber(args[index])
  switch (`${type.canonical}::${lower}`) {
    case 'math::round': {
      const digits = args.length > 1 ? number(1) : 0
      const factor = 10 ** digits
      return roundHalfEven(number(0) * factor) / factor
    }
    case 'math::floor':
      return Math.floor(number(0))
    case 'math::ceiling':
      return Math.ceil(number(0))
    case 'math::truncate':
      return Math.trunc(number(0))
    case 'math::abs':
      return Math.abs(number(0))
    case 'math::max':
      return Math.max(number(0), number(1))
    case 'math::min':
      return Math.min(number(0), number(1))
    case 'math::pow':
      return number(0) ** number(1)
    case 'math::sqrt':
      return Math.sqrt(number(0))
    case 'string::isnullorempty':
      return args[0] === null || args[0] === undefined || toText(args[0]) === ''
    case 'string::isnullorwhitespace':
      return args[0] === null || args[0] === undefined || toText(args[0]).trim() === ''
    case 'string::join': {
      const items = args.length === 2 && Array.isArray(args[1]) ? args[1] : args.slice(1)
      return items.map(toText).join(toText(args[0]))
    }
    case 'string::concat':
      return args.map(toText).join('')
    case 'datetime::parse': {
      const date = new Date(toText(args[0]))
      if (Number.isNaN(date.getTime())) {
        throw new RuntimeError(
          'RuntimeError',
          `String '${toText(args[0])}' was not recognized as a valid DateTime.`,
          {
            category: 'InvalidArgument',
          },
        )
      }
      return date
    }
    case 'datetime::daysinmonth':
      return new Date(number(0), number(1), 0).getDate()
    case 'guid::newguid':
      return globalThis.crypto.randomUUID()
    case 'regex::escape':
      return toText(args[0]).replace(/[.*+?^${}()|[\]\\#\s]/g, '\\$&')
    case 'environment::getenvironmentvariable':
      return process.env[toText(args[0])] ?? null
    case 'int::parse':
    case 'double::parse':
      return toNumber(toText(args[0]), type)
    case 'timespan::fromdays':
    case 'timespan::fromhours':
    case 'timespan::fromminutes':
    case 'timespan::fromseconds':
      return timeSpanFrom(lower.slice(4), number(0))
  }
  if (type.canonical === undefined) throw unknownType(type)
  throw new RuntimeError('RuntimeError', `The type [${type.name}] has no static method '${name}'.`, {
    category: 'InvalidOperation',
  })
}

const UNIT_MS: Record<string, number> = { days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1000 }

function timeSpanFrom(unit: string, amount: number): unknown {
  return timeSpan(amount * UNIT_MS[unit])
}
