// Properties and indexing with PowerShell's conveniences: case-insensitive names, member enumeration
// (`$users.Email` is every user's e-mail), `.Count` on anything, `$_.Exception.Message` on error
// records. Static members of types (`[datetime]::Now`, `[math]::Round()`) are in statics.ts.
import { exceptionTypeName, innerExceptionTypeName, withException } from './exceptions.js'
import { ErrorRecord } from '../engine/context.js'
import { RuntimeError, VcsError } from '../engine/errors.js'
import { findPropertyName, getProperty, isRecord, typeNameOf, withTypeName } from '../engine/objects.js'
import { dateKind, withKindOf } from '../engine/dates.js'
import { GROUP_NAMES, InputEnumerator, psObjectView } from './dotnet.js'
import { defineProperty, isHashtable, roundHalfEven, toNumber, toText } from './types.js'

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
