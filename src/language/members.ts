// Properties and indexing with PowerShell's conveniences: case-insensitive names, member enumeration
// (`$users.Email` is every user's e-mail), `.Count` on anything, `$_.Exception.Message` on error
// records, and `[datetime]::Now`-style static members of the few types scripts use.
import { exceptionTypeName, innerExceptionTypeName, newException, withException } from './exceptions.js'
import os from 'node:os'
import { posix } from 'node:path'
import { ErrorRecord } from '../engine/context.js'
import { RuntimeError, VcsError } from '../engine/errors.js'
import { findPropertyName, getProperty, isRecord, typeNameOf, withTypeName } from '../engine/objects.js'
import { dateKind, markUtc, parseDateExact, parseDateText, withKindOf } from '../engine/dates.js'
import {
  GROUP_NAMES,
  InputEnumerator,
  matchObject,
  newList,
  psObjectView,
  setReference,
  StringBuilderValue,
} from './dotnet.js'
import { formatOperator, timeSpan } from './formatting.js'
import { dotnetReplacement } from './operators.js'
import {
  convertTo,
  defineProperty,
  isHashtable,
  listElementTypeOf,
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
  if (lower === 'psobject' && findPropertyName(target, name) === undefined) return psObjectView(target)
  if (Array.isArray(target)) {
    if (lower === 'count' || lower === 'length') return target.length
    return enumerateMember(target, name)
  }
  if (typeof target === 'string') return lower === 'length' ? target.length : intrinsicCount(lower, 1)
  if (target instanceof InputEnumerator) return inputMember(target, name, lower)
  if (typeof target !== 'object') return intrinsicCount(lower, 1)
  if (target instanceof Date)
    return dateMember(target, lower) ?? getProperty(target, name) ?? intrinsicCount(lower, 1)
  if (target instanceof ErrorRecord) {
    const special = errorRecordMember(target, lower)
    if (special !== undefined) return special
  }
  // An exception as a value ([ArgumentException]::new('x'), New-Object): what `$_.Exception` shows.
  if (target instanceof VcsError) return getProperty(exceptionView(target), name) ?? intrinsicCount(lower, 1)
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

/**
 * `$input.Current`; any other property enumerates the input's items (member enumeration), which
 * uses the enumerator up, as about_Automatic_Variables says. Count and Length would be a guess
 * (PowerShell enumerates them too), so they are refused with the usual way to count.
 */
function inputMember(input: InputEnumerator, name: string, lower: string): unknown {
  if (lower === 'current') return input.Current
  if (lower === 'count' || lower === 'length') {
    throw new RuntimeError('RuntimeError', `$input is an enumerator, not a collection: it has no .${name}.`, {
      category: 'NotImplemented',
      hint: `Collect it first: $items = @($input); $items.${name}`,
    })
  }
  return enumerateMember(input.drain(), name)
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
      return withKindOf(date, new Date(date.getFullYear(), date.getMonth(), date.getDate()))
    case 'second':
      return date.getSeconds()
    case 'millisecond':
      return date.getMilliseconds()
    case 'dayofyear':
      return Math.floor((date.getTime() - new Date(date.getFullYear(), 0, 1).getTime()) / 86_400_000) + 1
    case 'kind':
      return dateKind(date)
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
  const inner = innerExceptionTypeName(error)
  const view = withTypeName(exceptionTypeName(error), {
    Message: error.message,
    InnerException: inner === undefined ? null : innerException(inner, error.message),
    Code: error.code,
    Category: error.category,
    Hint: error.hint,
    TargetObject: error.target,
  })
  Object.defineProperty(view, 'toString', { enumerable: false, value: () => error.message })
  return view
}

function innerException(type: string, message: string): Record<string, unknown> {
  const view = withTypeName(type, { Message: message })
  Object.defineProperty(view, 'toString', { enumerable: false, value: () => `${type}: ${message}` })
  return view
}

/** `$value.Name = x`. */
export function setMember(target: unknown, name: string, value: unknown): void {
  if (target === null || target === undefined) {
    throw new RuntimeError(
      'RuntimeError',
      `The property '${name}' cannot be found on this object. Verify that the property exists and can be set.`,
      {
        category: 'InvalidOperation',
      },
    )
  }
  const setter = isRecord(target) ? inheritedSetter(target, name.toLowerCase()) : undefined
  if (setter) return setter(value)
  if (!isRecord(target) || target instanceof ErrorRecord || target instanceof VcsError) {
    throw new RuntimeError(
      'RuntimeError',
      `The property '${name}' cannot be set on [${typeNameOf(target)}].`,
      {
        category: 'InvalidOperation',
      },
    )
  }
  const existing = findPropertyName(target, name)
  // As in PowerShell, only a hashtable gains keys by assignment; an object's properties are fixed
  // (Add-Member or Select-Object add them).
  if (existing === undefined && !isHashtable(target)) {
    throw new RuntimeError(
      'RuntimeError',
      `The property '${name}' cannot be found on this object. Verify that the property exists and can be set.`,
      {
        category: 'InvalidOperation',
        hint: 'Add-Member adds a property, or: $object | Select-Object *, @{ Name = ...; Expression = { ... } }',
      },
    )
  }
  defineProperty(target, existing ?? name, value)
}

/** A class's property setter (PSReference.Value, PSNoteProperty.Value), any case. */
function inheritedSetter(target: object, lower: string): ((value: unknown) => void) | undefined {
  for (
    let proto = Object.getPrototypeOf(target);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (descriptor.set && key.toLowerCase() === lower) return (value) => descriptor.set!.call(target, value)
    }
  }
  return undefined
}

/** `$value[index]`: arrays (negative from the end, out of range is $null), strings, hashtables. */
export function getIndex(target: unknown, index: unknown): unknown {
  if (target === null || target === undefined) {
    throw new RuntimeError('RuntimeError', 'Cannot index into a null array.', {
      category: 'InvalidOperation',
    })
  }
  // `$match.Groups['name']`
  if (Array.isArray(target) && GROUP_NAMES.has(target) && typeof index === 'string' && !/^\d+$/.test(index)) {
    return target.find((group) => (group as { Name: string }).Name === index) ?? null
  }
  if (Array.isArray(target) || typeof target === 'string') {
    const at = (item: unknown) => {
      const position = roundHalfEven(toNumber(item))
      return position < 0 ? target.length + position : position
    }
    // A slice leaves out the indexes beyond the ends: (1,2,3)[1..10] is 2, 3, as in PowerShell.
    if (Array.isArray(index)) {
      return index
        .map(at)
        .flatMap((actual) => (actual >= 0 && actual < target.length ? [target[actual]] : []))
    }
    const actual = at(index)
    return actual >= 0 && actual < target.length ? target[actual] : null
  }
  if (Array.isArray(index) && !isRecord(target)) return index.map((item) => getIndex(target, item))
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
      throw withException(
        new RuntimeError('RuntimeError', 'Index was outside the bounds of the array.', {
          category: 'InvalidOperation',
        }),
        { inner: 'IndexOutOfRangeException' },
      )
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
      if (lower === 'utcnow') return markUtc(new Date())
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
    case 'stringsplitoptions': {
      // The enum's members as their names, which String.Split reads (as PowerShell converts them).
      const member = ['None', 'RemoveEmptyEntries', 'TrimEntries'].find(
        (known) => known.toLowerCase() === lower,
      )
      if (member) return member
      break
    }
    case 'path':
      if (lower === 'directoryseparatorchar' || lower === 'altdirectoryseparatorchar') return '/'
      if (lower === 'pathseparator') return ':'
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
    case 'datetime::parse':
      return parseDate(args[0], () => parseDateText(toText(args[0])))
    case 'datetime::parseexact':
      return parseDate(args[0], () => exactDate(args[0], args[1]))
    case 'datetime::tryparse':
      return tryParse(args[1], 'TryParse', () => parseDateText(toText(args[0])), new Date(-62135596800000))
    case 'datetime::tryparseexact':
      return tryParse(
        args[args.length - 1],
        'TryParseExact',
        () => exactDate(args[0], args[1]),
        new Date(-62135596800000),
      )
    case 'int::tryparse':
    case 'long::tryparse':
    case 'double::tryparse':
      return tryParse(args[args.length - 1], 'TryParse', () => parseNumber(type, args[0]), 0)
    case 'bool::parse':
    case 'bool::tryparse': {
      const text = toText(args[0]).trim().toLowerCase()
      const value = text === 'true' ? true : text === 'false' ? false : undefined
      if (lower === 'tryparse') return tryParse(args[1], 'TryParse', () => value, false)
      if (value === undefined)
        throw failed(
          name,
          `String '${toText(args[0])}' was not recognized as a valid Boolean.`,
          'FormatException',
        )
      return value
    }
    case 'string::format':
      return formatOperator(
        toText(args[0]),
        args.length === 2 && Array.isArray(args[1]) ? args[1] : args.slice(1),
      )
    case 'regex::match':
    case 'regex::matches':
    case 'regex::ismatch': {
      const expression = dotnetRegex(args[1], args[2], true)
      const input = toText(args[0])
      const all = [...input.matchAll(expression)].map(matchObject)
      if (lower === 'ismatch') return all.length > 0
      if (lower === 'matches') return all
      return all[0] ?? failedMatch()
    }
    case 'regex::replace': {
      const expression = dotnetRegex(args[1], args[3], true)
      const input = toText(args[0])
      return input.replace(expression, (...found) => {
        const groups = typeof found[found.length - 1] === 'object' ? found.pop() : undefined
        found.pop()
        const index = found.pop() as number
        const match = Object.assign([...found] as string[], {
          index,
          input,
          groups,
        }) as unknown as RegExpExecArray
        return dotnetReplacement(toText(args[2]), match, input)
      })
    }
    case 'regex::split':
      return toText(args[0]).split(dotnetRegex(args[1], args[2], false))
    case 'regex::unescape':
      return toText(args[0]).replace(/\\(.)/g, '$1')
    case 'list::new':
      return newList(listElementTypeOf(type), Array.isArray(args[0]) ? args[0] : [])
    case 'exception::new':
    case 'exceptiontype::new':
      return newException(type.name, args[0])
    case 'stringbuilder::new':
      return new StringBuilderValue(typeof args[0] === 'string' ? args[0] : '')
    case 'datetime::daysinmonth':
      return new Date(number(0), number(1), 0).getDate()
    case 'guid::newguid':
      return globalThis.crypto.randomUUID()
    case 'regex::escape':
      // .NET's Regex.Escape: \ * + ? | { [ ( ) ^ $ . # and white space (not } or ]).
      return toText(args[0])
        .replace(/[\\*+?|{[()^$.#]/g, '\\$&')
        .replace(/\s/g, (space) =>
          space === ' '
            ? '\\ '
            : space === '\t'
              ? '\\t'
              : space === '\n'
                ? '\\n'
                : space === '\r'
                  ? '\\r'
                  : '\\f',
        )
    case 'path::gettemppath':
      // .NET on Linux and macOS: $TMPDIR or /tmp, with a trailing separator.
      return os.tmpdir().replace(/\/?$/, '/')
    case 'path::combine':
    case 'path::join':
      return pathJoin(args.flat().map(toText), lower === 'combine')
    case 'path::getfilename':
      return toText(args[0]).slice(toText(args[0]).lastIndexOf('/') + 1)
    case 'path::getextension': {
      const name = posix.basename(toText(args[0]))
      const dot = name.lastIndexOf('.')
      return dot < 0 || dot === name.length - 1 ? '' : name.slice(dot)
    }
    case 'path::getfilenamewithoutextension': {
      const name = toText(args[0]).slice(toText(args[0]).lastIndexOf('/') + 1)
      const dot = name.lastIndexOf('.')
      return dot < 0 ? name : name.slice(0, dot)
    }
    case 'path::getdirectoryname': {
      const text = toText(args[0])
      if (text === '' || text === '/') return null
      const slash = text.lastIndexOf('/')
      return slash < 0 ? '' : slash === 0 ? '/' : text.slice(0, slash)
    }
    case 'environment::getenvironmentvariable':
      return process.env[toText(args[0])] ?? null
    case 'int::parse':
    case 'long::parse':
    case 'double::parse': {
      const value = parseNumber(type, args[0])
      if (value === undefined)
        throw failed(name, 'The input string was not in a correct format.', 'FormatException')
      return value
    }
    case 'timespan::fromdays':
    case 'timespan::fromhours':
    case 'timespan::fromminutes':
    case 'timespan::fromseconds':
      return timeSpanFrom(lower.slice(4), number(0))
    case 'timespan::new':
      return newTimeSpan(args.map((_, index) => number(index)))
  }
  if (type.canonical === undefined) throw unknownType(type)
  throw new RuntimeError('RuntimeError', `The type [${type.name}] has no static method '${name}'.`, {
    category: 'InvalidOperation',
  })
}

/**
 * .NET's TimeSpan constructors: (ticks), (hours, minutes, seconds), (days, hours, minutes, seconds)
 * and (days, hours, minutes, seconds, milliseconds).
 */
function newTimeSpan(parts: number[]): unknown {
  const [a = 0, b = 0, c = 0, d = 0, e = 0] = parts
  switch (parts.length) {
    case 0:
      return timeSpan(0)
    case 1:
      return timeSpan(a / 10_000)
    case 3:
      return timeSpan(((a * 60 + b) * 60 + c) * 1000)
    case 4:
    case 5:
      return timeSpan((((a * 24 + b) * 60 + c) * 60 + d) * 1000 + e)
    default:
      throw new RuntimeError(
        'RuntimeError',
        `Cannot find an overload for "new" and the argument count: "${parts.length}".`,
        {
          category: 'InvalidOperation',
          hint: '[timespan]::new(hours, minutes, seconds) or (days, hours, minutes, seconds).',
        },
      )
  }
}

function failed(name: string, reason: string, inner: string): RuntimeError {
  return withException(
    new RuntimeError('RuntimeError', `Exception calling "${name}": "${reason}"`, {
      category: 'InvalidArgument',
    }),
    { outer: 'MethodInvocationException', inner },
  )
}

function failedMatch(): Record<string, unknown> {
  return withTypeName('Match', { Groups: [], Success: false, Index: 0, Length: 0, Value: '' })
}

/** [datetime]::Parse / ParseExact: the date, or .NET's FormatException. */
function parseDate(text: unknown, parse: () => Date | undefined): Date {
  const date = parse()
  if (date) return date
  throw failed('Parse', `String '${toText(text)}' was not recognized as a valid DateTime.`, 'FormatException')
}

/** ParseExact's formats: one, or an array of them (the first that fits). */
function exactDate(text: unknown, formats: unknown): Date | undefined {
  for (const format of Array.isArray(formats) ? formats : [formats]) {
    const date = parseDateExact(toText(text), toText(format))
    if (date) return date
  }
  return undefined
}

/** TryParse: sets the [ref] argument to the value (or the default) and says whether it parsed. */
function tryParse(reference: unknown, method: string, parse: () => unknown, fallback: unknown): boolean {
  let value: unknown
  try {
    value = parse()
  } catch {
    value = undefined
  }
  setReference(reference, value ?? fallback, method)
  return value !== undefined
}

/** [int]::Parse's strict number text: digits with an optional sign (and a fraction for double). */
function parseNumber(type: TypeValue, value: unknown): number | undefined {
  const text = toText(value).trim()
  const integer = type.canonical !== 'double'
  if (!(integer ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i).test(text)) return undefined
  try {
    return integer ? (convertTo(type, text) as number) : Number(text)
  } catch {
    return undefined
  }
}

/** A [regex]:: pattern with its RegexOptions ('IgnoreCase', 'Multiline', ...); case-sensitive by default. */
function dotnetRegex(pattern: unknown, options: unknown, global: boolean): RegExp {
  const names = (Array.isArray(options) ? options : [options]).flatMap((option) =>
    option === null || option === undefined
      ? []
      : toText(option)
          .toLowerCase()
          .split(/\s*,\s*/),
  )
  const flags = `${global ? 'g' : ''}d${names.includes('ignorecase') ? 'i' : ''}${names.includes('multiline') ? 'm' : ''}${names.includes('singleline') ? 's' : ''}`
  try {
    return new RegExp(toText(pattern), flags)
  } catch (error) {
    throw new RuntimeError(
      'RuntimeError',
      `The regular expression pattern '${toText(pattern)}' is not valid: ${(error as Error).message}`,
      {
        category: 'InvalidArgument',
      },
    )
  }
}

const UNIT_MS: Record<string, number> = { days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1000 }

function timeSpanFrom(unit: string, amount: number): unknown {
  return timeSpan(amount * UNIT_MS[unit])
}

/** [System.IO.Path]::Combine (a rooted part starts over) and ::Join (parts are only joined), with '/'. */
function pathJoin(parts: string[], combine: boolean): string {
  let joined = ''
  for (const part of parts) {
    if (part === '') continue
    if (combine && part.startsWith('/')) joined = part
    else
      joined =
        joined === '' || joined.endsWith('/') || part.startsWith('/') ? joined + part : `${joined}/${part}`
  }
  return joined
}
