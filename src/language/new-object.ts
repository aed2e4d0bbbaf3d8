// New-Object's types (about_Object_Creation): the language knows the .NET types scripts create, so it
// builds them for the cmdlet (cmdlets/core/Add-Member.ts) through the engine's hook; a type it does
// not have is a clear error naming the type, never a stand-in object.
import { RuntimeError } from '../engine/errors.js'
import { isRecord, setObjectConstructor, typeNameOf } from '../engine/objects.js'
import { newList, NUMBER_ARRAYS } from './dotnet.js'
import { setMember } from './members.js'
import { invokeStatic } from './statics.js'
import { defineProperty, listElementTypeOf, newHashtable, toNumber, typeValue } from './types.js'

/** The types New-Object creates here, for the diagnostic that lists them. */
const CREATABLE =
  'PSObject, Hashtable, ArrayList, List[T], StringBuilder, DateTime, the exception types, and numbers'

/** `New-Object TypeName [-ArgumentList ...] [-Property @{...}]`: the new object. */
export function newObject(
  typeName: string,
  args: readonly unknown[],
  properties?: Record<string, unknown>,
): unknown {
  const type = typeValue(typeName)
  // [pscustomobject] names PSObject; the PSCustomObject class itself has no public constructor
  // (HashtableToPSCustomObjectConversion.Tests.ps1).
  if (/^(system\.)?management\.automation\.pscustomobject$/i.test(typeName.trim()))
    throw noConstructor(typeName)
  let value: unknown
  switch (type.canonical) {
    case 'pscustomobject':
    case 'object':
      value = {}
      break
    case 'hashtable':
      // Hashtable(int capacity) and the like: a capacity does not change what the table holds.
      if (args.length > 1 || (args.length === 1 && typeof args[0] !== 'number')) throw noConstructor(typeName)
      value = newHashtable()
      break
    case 'list': {
      const [first] = args
      if (args.length > 1 || (args.length === 1 && typeof first !== 'number' && !Array.isArray(first))) {
        throw noConstructor(typeName)
      }
      value = newList(listElementTypeOf(type), Array.isArray(first) ? first : [])
      break
    }
    case 'stringbuilder':
    case 'exception':
    case 'exceptiontype':
      value = invokeStatic(type, 'new', [...args])
      break
    case 'datetime': {
      // DateTime(year, month, day[, hour, minute, second]); no arguments is DateTime.MinValue.
      const [year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0] = args.map((arg) =>
        toNumber(arg),
      )
      const date = new Date(2000, 0, 1, hour, minute, second)
      date.setFullYear(year, month - 1, day)
      value = date
      break
    }
    case 'array':
    case 'string[]':
    case 'int[]': {
      // T[](int length): an array of that many default values (New-Object.Tests.ps1: int[] -Arg 10).
      const length = args.length === 1 ? toNumber(args[0]) : NaN
      if (!Number.isInteger(length) || length < 0) throw noConstructor(typeName)
      const array = new Array<unknown>(length).fill(type.canonical === 'int[]' ? 0 : null)
      if (type.canonical === 'int[]') NUMBER_ARRAYS.add(array)
      value = array
      break
    }
    case 'int':
    case 'long':
    case 'double':
      if (args.length > 0) throw noConstructor(typeName)
      value = 0
      break
    case 'bool':
      if (args.length > 0) throw noConstructor(typeName)
      value = false
      break
    default:
      throw unsupported(typeName)
  }
  if (properties) setProperties(value, properties, typeName)
  return value
}

/** -Property: a custom object gains the properties; any other object has its properties set. */
function setProperties(target: unknown, properties: Record<string, unknown>, typeName: string): void {
  for (const [name, item] of Object.entries(properties)) {
    if (isRecord(target) && typeNameOf(target) === 'PSCustomObject') defineProperty(target, name, item)
    else {
      try {
        setMember(target, name, item)
      } catch {
        throw new RuntimeError(
          'RuntimeError',
          `The member "${name}" was not found for the specified ${typeName} object.`,
          { category: 'InvalidData' },
        )
      }
    }
  }
}

function noConstructor(typeName: string): RuntimeError {
  return new RuntimeError(
    'RuntimeError',
    `A constructor was not found. Cannot find an appropriate constructor for type ${typeName}.`,
    { category: 'ObjectNotFound' },
  )
}

function unsupported(typeName: string): RuntimeError {
  return new RuntimeError(
    'RuntimeError',
    `New-Object in vcs-shell cannot create [${typeName}]; it creates ${CREATABLE}.`,
    {
      category: 'NotImplemented',
      hint: 'For a hashtable write @{}; for an object [pscustomobject]@{ ... }; for a list [System.Collections.Generic.List[object]]::new().',
    },
  )
}

setObjectConstructor(newObject)
