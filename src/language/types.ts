// Type literals: `[int]`, `[datetime]`, `[string[]]`, `[pscustomobject]`. Casts convert as PowerShell
// does (banker's rounding for [int], any non-empty string is $true for [bool]); `-is` tests; catch
// clauses match error types by class name or error code.
import { toBoolean } from '../engine/compare.js'
import { currentSession, ErrorRecord } from '../engine/context.js'
import { announceDifference } from '../engine/differences.js'
import { RuntimeError, VcsError } from '../engine/errors.js'
import {
  InputEnumerator,
  listElementType,
  newList,
  NUMBER_ARRAYS,
  PSReference,
  StringBuilderValue,
} from './dotnet.js'
import { exceptionMatches, isExceptionType, withException } from './exceptions.js'
import { invariantDateText, parseDateText } from '../engine/dates.js'
import {
  isKnownTypeName,
  isRecord,
  markOrdered,
  toDisplayString,
  typeNameOf,
  withTypeName,
} from '../engine/objects.js'

/** The value of a type literal (`[math]` in `[math]::Round(1.5)`, `[int]` in `$x -is [int]`). */
export class TypeValue {
  readonly isTypeValue = true
  constructor(
    /** As written, without brackets. */
    readonly name: string,
    /** The canonical lower-case name, or undefined for a type we do not know by name. */
    readonly canonical: string | undefined,
  ) {}
  toString(): string {
    return this.name
  }
}

const ALIASES: Record<string, string> = {
  int: 'int',
  int32: 'int',
  int16: 'int',
  short: 'int',
  byte: 'int',
  sbyte: 'int',
  uint16: 'int',
  ushort: 'int',
  uint32: 'int',
  uint: 'int',
  uint64: 'long',
  ulong: 'long',
  long: 'long',
  int64: 'long',
  double: 'double',
  single: 'double',
  float: 'double',
  decimal: 'double',
  string: 'string',
  char: 'char',
  bool: 'bool',
  boolean: 'bool',
  switch: 'bool',
  datetime: 'datetime',
  timespan: 'timespan',
  array: 'array',
  'object[]': 'array',
  'string[]': 'string[]',
  'int[]': 'int[]',
  'int32[]': 'int[]',
  hashtable: 'hashtable',
  'collections.hashtable': 'hashtable',
  ordered: 'ordered',
  pscustomobject: 'pscustomobject',
  'management.automation.pscustomobject': 'pscustomobject',
  psobject: 'pscustomobject',
  scriptblock: 'scriptblock',
  'management.automation.scriptblock': 'scriptblock',
  object: 'object',
  void: 'void',
  math: 'math',
  guid: 'guid',
  regex: 'regex',
  'text.regularexpressions.regex': 'regex',
  environment: 'environment',
  'io.path': 'path',
  stringsplitoptions: 'stringsplitoptions',
  exception: 'exception',
  'management.automation.runtimeexception': 'exception',
  errorrecord: 'errorrecord',
  'text.stringbuilder': 'stringbuilder',
  stringbuilder: 'stringbuilder',
  ref: 'ref',
  'management.automation.psreference': 'ref',
  'management.automation.errorrecord': 'errorrecord',
}

export function typeValue(name: string): TypeValue {
  return new TypeValue(name, canonicalType(name))
}

export function canonicalType(name: string): string | undefined {
  let lower = name.toLowerCase().replace(/\s+/g, '')
  if (lower.startsWith('system.')) lower = lower.slice(7)
  if (/^(collections\.generic\.)?list\[.+\]$/.test(lower) || /^(collections\.)?arraylist$/.test(lower))
    return 'list'
  return ALIASES[lower] ?? (isExceptionType(lower) ? 'exceptiontype' : undefined)
}

/** The element type of `[List[string]]` ('string'); 'object' for ArrayList and List[object]. */
export function listElementTypeOf(type: TypeValue): string {
  const match = /\[(.+)\]$/.exec(type.name.replace(/\s+/g, ''))
  if (!match) return /arraylist$/i.test(type.name) ? 'arraylist' : 'object'
  const element = match[1].replace(/^\[|\]$/g, '')
  const canonical = canonicalType(element)
  if (canonical === undefined) throw unknownType(typeValue(element))
  return canonical === 'object' || canonical === 'pscustomobject' ? 'object' : canonical
}

/** A failed conversion: PowerShell's PSInvalidCastException (an InvalidCastException). */
function castError(
  code: string,
  message: string,
  options: ConstructorParameters<typeof RuntimeError>[2],
): RuntimeError {
  return withException(new RuntimeError(code as 'RuntimeError', message, options), {
    outer: 'PSInvalidCastException',
  })
}

/** A type name as PowerShell users read it in messages. */
function label(type: TypeValue): string {
  return `[${type.name}]`
}

function cannotConvert(value: unknown, type: TypeValue, reason?: string): RuntimeError {
  const shown = typeof value === 'string' ? `"${value}"` : `${toDisplayString(value)} (${typeNameOf(value)})`
  return castError(
    'RuntimeError',
    `Cannot convert value ${shown} to type ${label(type)}.${reason ? ` ${reason}` : ''}`,
    {
      category: 'InvalidArgument',
    },
  )
}

/** Converts a value for arithmetic or a numeric cast; throws for text that is not a number. */
export function toNumber(value: unknown, type: TypeValue = typeValue('double')): number {
  if (value === null || value === undefined) return 0
  if (typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'string') {
    const text = value.trim()
    if (text === '') return 0
    if (/^[+-]?0x[0-9a-f]+$/i.test(text))
      return (text.startsWith('-') ? -1 : 1) * parseInt(text.replace(/^[+-]?0x/i, ''), 16)
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return Number(text)
    const full = INTEGER_RANGES[type.name.toLowerCase().replace(/^system\./, '')]?.[0] ?? 'Double'
    throw castError(
      'RuntimeError',
      `Cannot convert value "${value}" to type "System.${full}". Error: "The input string '${value}' was not in a correct format."`,
      { category: 'InvalidArgument' },
    )
  }
  if (Array.isArray(value) && value.length === 1) return toNumber(value[0], type)
  throw cannotConvert(value, type)
}

/** .NET rounds half to even when converting to an integer: [int]2.5 is 2, [int]3.5 is 4. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value)
  const diff = value - floor
  if (diff > 0.5) return floor + 1
  if (diff < 0.5) return floor
  return floor % 2 === 0 ? floor : floor + 1
}

/** The integer types, by the name written (after `System.`): .NET name and range. */
const INTEGER_RANGES: Record<string, [string, number, number]> = {
  byte: ['Byte', 0, 255],
  sbyte: ['SByte', -128, 127],
  int16: ['Int16', -32768, 32767],
  short: ['Int16', -32768, 32767],
  uint16: ['UInt16', 0, 65535],
  ushort: ['UInt16', 0, 65535],
  int: ['Int32', -2147483648, 2147483647],
  int32: ['Int32', -2147483648, 2147483647],
  uint32: ['UInt32', 0, 4294967295],
  uint: ['UInt32', 0, 4294967295],
  long: ['Int64', -(2 ** 63), 2 ** 63 - 1],
  int64: ['Int64', -(2 ** 63), 2 ** 63 - 1],
  uint64: ['UInt64', 0, 2 ** 64 - 1],
  ulong: ['UInt64', 0, 2 ** 64 - 1],
}

function toInteger(value: unknown, type: TypeValue): number {
  const number = toNumber(value, type)
  if (!Number.isFinite(number)) throw cannotConvert(value, type)
  const rounded = roundHalfEven(number)
  const written = type.name
    .toLowerCase()
    .replace(/^system\./, '')
    .replace(/\[\]$/, '')
  const [dotnet, min, max] = INTEGER_RANGES[written] ?? INTEGER_RANGES.int32
  // 2 ** 63 - 1 is 2 ** 63 as a double, so the Int64 bounds compare exclusively there.
  if (
    rounded < min ||
    rounded > max ||
    (dotnet.endsWith('64') && rounded >= 2 ** (dotnet === 'UInt64' ? 64 : 63))
  ) {
    const shown = typeof value === 'string' ? value : toText(value)
    throw castError(
      'RuntimeError',
      `Cannot convert value "${shown}" to type "System.${dotnet}". Error: "Value was either too large or too small for ${/^[AEIOU]/.test(dotnet) ? 'an' : 'a'} ${dotnet}."`,
      { category: 'InvalidArgument' },
    )
  }
  return rounded
}

/**
 * PowerShell's string conversion (`"$x"`, `[string]$x`): arrays joined by `separator` (`$OFS`, a
 * space by default) with nested arrays as `System.Object[]`, $null as empty text, dates in the
 * invariant format, a hashtable as its type name, a custom object as `@{a=1; b=2}`.
 */
export function toText(value: unknown): string {
  return textWith(value, ' ')
}

/** toText with `$OFS` as the separator of an array's items. */
export function textWith(value: unknown, separator: string): string {
  if (value instanceof InputEnumerator) return value.drain().map(itemText).join(separator)
  if (Array.isArray(value)) return value.map(itemText).join(separator)
  return itemText(value)
}

function itemText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (typeof value === 'number') return numberText(value)
  if (Array.isArray(value)) return 'System.Object[]'
  if (value instanceof Date) return invariantDateText(value)
  if (isHashtable(value)) return 'System.Collections.Hashtable'
  if (
    isRecord(value) &&
    typeNameOf(value) === 'PSCustomObject' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return `@{${Object.keys(value)
      .map((key) => `${key}=${itemText(value[key])}`)
      .join('; ')}}`
  }
  // A record of this tool (VcsUser, ...) is text by its name: PowerShell would print its type name.
  if (isRecord(value) && typeNameOf(value).startsWith('Vcs'))
    announceDifference(currentSession(), 'recordText')
  return toDisplayString(value)
}

/** A double as .NET prints it: the shortest round-trip digits, `E+21` style exponents. */
function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity'
  const text = String(value)
  const exponent = /^(-?[\d.]+)e([+-])(\d+)$/.exec(text)
  return exponent ? `${exponent[1]}E${exponent[2]}${exponent[3].padStart(2, '0')}` : text
}

function toDate(value: unknown, type: TypeValue): Date {
  if (value instanceof Date) return value
  if (Array.isArray(value) && value.length === 1) return toDate(value[0], type)
  if (typeof value === 'string') {
    const date = parseDateText(value)
    if (date) return date
    throw castError(
      'RuntimeError',
      `Cannot convert value "${value}" to type "System.DateTime". Error: "String '${value}' was not recognized as a valid DateTime."`,
      {
        category: 'InvalidArgument',
        hint: "Dates are read as 'yyyy-MM-dd', 'yyyy-MM-ddTHH:mm:ss', 'MM/dd/yyyy HH:mm:ss' or 'January 31, 2024'; [datetime]::ParseExact reads other formats.",
      },
    )
  }
  throw cannotConvert(value, type, 'It is not a date.')
}

/** A new hashtable: a plain object tagged 'Hashtable', properties defined (not assigned). */
export function newHashtable(entries: Iterable<[string, unknown]> = []): Record<string, unknown> {
  const table = withTypeName('Hashtable', {} as Record<string, unknown>)
  for (const [key, value] of entries) defineProperty(table, key, value)
  return table
}

export function isHashtable(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeNameOf(value) === 'Hashtable'
}

/** Sets an own, enumerable property even for names like `__proto__` (no prototype tricks). */
export function defineProperty(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

function copyRecord(value: Record<string, unknown>, hashtable: boolean): Record<string, unknown> {
  const entries = Object.keys(value).map((key) => [key, value[key]] as [string, unknown])
  if (hashtable) return newHashtable(entries)
  const copy: Record<string, unknown> = {}
  for (const [key, item] of entries) defineProperty(copy, key, item)
  return copy
}

/** `[type]value`. Throws "Unable to find type" for a type it does not know. */
export function convertTo(type: TypeValue, value: unknown): unknown {
  switch (type.canonical) {
    case 'int':
    case 'long':
      return toInteger(value, type)
    case 'double':
      return toNumber(value, type)
    case 'string':
      return toText(value)
    case 'char': {
      if (typeof value === 'number') return String.fromCharCode(value)
      const text = toText(value)
      if (text.length !== 1) throw cannotConvert(value, type, 'It must be one character.')
      return text
    }
    case 'bool':
      return toBoolean(value)
    case 'datetime':
      return toDate(value, type)
    case 'array':
      return value === null || value === undefined ? value : Array.isArray(value) ? [...value] : [value]
    case 'string[]':
      return (Array.isArray(value) ? value : [value]).map(toText)
    case 'int[]': {
      const numbers = (Array.isArray(value) ? value : [value]).map((item) =>
        toInteger(item, typeValue('int')),
      )
      NUMBER_ARRAYS.add(numbers)
      return numbers
    }
    case 'hashtable':
    case 'ordered':
      // Only a dictionary converts: [hashtable][pscustomobject]@{...} fails in PowerShell
      // (HashtableToPSCustomObjectConversion.Tests.ps1).
      if (isHashtable(value)) {
        const table = copyRecord(value, true)
        return type.canonical === 'ordered' ? markOrdered(table) : table
      }
      throw cannotConvert(value, type)
    case 'pscustomobject':
      return isRecord(value) ? copyRecord(value, false) : value
    case 'scriptblock':
      if (isRecord(value) && (value as { isScriptBlock?: boolean }).isScriptBlock) return value
      throw cannotConvert(value, type)
    case 'list': {
      // $null converts to $null, as to any reference type (Array.Tests.ps1: @([List[object]]$null) has one element).
      if (value === null || value === undefined) return null
      const element = listElementTypeOf(type)
      const items = Array.isArray(value) ? value : [value]
      return newList(
        element,
        element === 'object' || element === 'arraylist'
          ? items
          : items.map((item) => convertTo(typeValue(element), item)),
      )
    }
    case 'stringbuilder':
      return new StringBuilderValue(value === null || value === undefined ? '' : toText(value))
    case 'ref':
      return value instanceof PSReference
        ? value
        : new PSReference(
            () => value,
            () => undefined,
          )
    case 'object':
      return value
    case 'void':
      return undefined
    case undefined:
      if (
        typeof value === 'object' &&
        value !== null &&
        typeNameOf(value).toLowerCase() === type.name.toLowerCase()
      )
        return value
      throw unknownType(type)
    default:
      throw new RuntimeError(
        'RuntimeError',
        `Cannot convert to ${label(type)}: it is only usable as ${label(type)}::Member.`,
      )
  }
}

export function unknownType(type: TypeValue): RuntimeError {
  return new RuntimeError('RuntimeError', `Unable to find type ${label(type)}.`, {
    category: 'InvalidOperation',
    hint: 'Known types: int, long, double, string, bool, datetime, array, hashtable, pscustomobject, scriptblock.',
  })
}

/** `$value -is [type]`. Unknown type names compare with the record's type name (`-is [VcsUser]`). */
export function isInstance(value: unknown, type: TypeValue): boolean {
  switch (type.canonical) {
    case 'int':
    case 'long':
      return typeof value === 'number' && Number.isInteger(value)
    case 'double':
      return typeof value === 'number'
    case 'string':
      return typeof value === 'string'
    case 'char':
      return typeof value === 'string' && value.length === 1
    case 'bool':
      return typeof value === 'boolean'
    case 'datetime':
      return value instanceof Date
    case 'array':
    case 'string[]':
    case 'int[]':
      return Array.isArray(value)
    case 'hashtable':
    case 'ordered':
      return isHashtable(value)
    case 'pscustomobject':
      return isRecord(value) && !isHashtable(value)
    case 'scriptblock':
      return typeNameOf(value) === 'scriptblock'
    case 'list':
      return listElementType(value) !== undefined
    case 'stringbuilder':
      return value instanceof StringBuilderValue
    case 'ref':
      return value instanceof PSReference
    case 'object':
      return value !== null && value !== undefined
    case 'exception':
    case 'exceptiontype':
      return value instanceof VcsError
    case 'errorrecord':
      return value instanceof ErrorRecord
    default:
      if (!isKnownTypeName(type.name)) throw unknownType(type)
      return (
        value !== null && value !== undefined && typeNameOf(value).toLowerCase() === type.name.toLowerCase()
      )
  }
}

/** `-as [type]`: the conversion, or $null when it fails. */
export function convertOrNull(type: TypeValue, value: unknown): unknown {
  if (type.canonical === undefined) return isInstance(value, type) ? value : null
  try {
    return convertTo(type, value)
  } catch {
    return null
  }
}

/** Exception type names PowerShell users write in catch clauses, and the error codes they mean. */
const EXCEPTION_CODES: Record<string, readonly string[]> = {
  commandnotfound: ['CommandNotFound'],
  parameterbinding: [
    'ParameterNotFound',
    'ParameterAmbiguous',
    'ParameterSetAmbiguous',
    'ParameterSetNotResolved',
    'MissingMandatoryParameter',
    'InvalidParameterValue',
    'InputNotBound',
  ],
  parse: ['ParseError'],
  unauthorizedaccess: ['Forbidden', 'AuthenticationFailed', 'NotConnected'],
  itemnotfound: ['NotFound'],
  timeout: ['Timeout'],
  pipelinestopped: ['Interrupted'],
}

/** True when a catch clause's type (`[UsageError]`, `[CommandNotFoundException]`, `[NotFound]`) matches. */
export function errorMatchesType(error: VcsError, name: string): boolean {
  let lower = name.toLowerCase().replace(/\s+/g, '')
  lower = lower.slice(lower.lastIndexOf('.') + 1)
  // Every error the language sees is, in PowerShell, a RuntimeException or wraps one (-ErrorAction
  // Stop raises ActionPreferenceStopException), so these always match.
  if (lower === 'exception' || lower === 'object' || lower === 'runtimeexception' || lower === 'errorrecord')
    return true
  if (exceptionMatches(error, name)) return true
  for (
    let proto = Object.getPrototypeOf(error);
    proto && proto !== Error.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    if ((proto.constructor as { name?: string }).name?.toLowerCase() === lower) return true
  }
  const code = error.code.toLowerCase()
  const bare = lower.replace(/exception$/, '')
  return code === lower || code === bare || (EXCEPTION_CODES[bare]?.includes(error.code) ?? false)
}
