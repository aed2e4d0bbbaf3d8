// Coercion and validation of parameter values: the declared type (int, datetime, switch...) and
// ValidateSet / ValidatePattern / ValidateRange, with errors that name the parameter and the cmdlet.
import { parseDateText } from './dates.js'
import { SecureString } from './secure-string.js'
import { UsageError, type SourcePosition } from './errors.js'
import { isRecord, toDisplayString, typeNameOf } from './objects.js'
import { registerSecret } from './redact.js'
import type { AnyCmdlet as Cmdlet, ParameterDef } from './types.js'

/** Coerces a value to the declared type and validates it; errors name the parameter and cmdlet. */
export function coerceParameter(
  cmdlet: Cmdlet,
  name: string,
  def: ParameterDef,
  value: unknown,
  position?: SourcePosition,
): unknown {
  const fail = (message: string, hint?: string) =>
    new UsageError(
      'InvalidParameterValue',
      `Cannot bind -${displayName(name)} of ${cmdlet.name}: ${message}`,
      {
        position,
        hint,
      },
    )
  let coerced: unknown
  try {
    coerced = coerce(def.type, value)
  } catch (error) {
    throw fail((error as Error).message)
  }
  if (def.type === 'secret') registerSecret(coerced as string)
  const values = Array.isArray(coerced) ? coerced : [coerced]
  // As in PowerShell, a mandatory parameter takes no $null (Join-Path $env:UNSET x); text parameters
  // would otherwise reach the cmdlet as a value it cannot read.
  if (def.mandatory && /^(string|secret)(\[\])?$/.test(def.type) && values.some((item) => item === null))
    throw fail('the argument is null.', 'Check the variable or expression given for it.')
  if (def.notEmpty && (coerced === null || coerced === '' || values.length === 0))
    throw fail('the value is empty.')
  if (def.validateSet) {
    const normalized = values.map((item) => {
      const match = def.validateSet!.find((allowed) => allowed.toLowerCase() === String(item).toLowerCase())
      if (match === undefined)
        throw fail(`'${toDisplayString(item)}' is not one of ${def.validateSet!.join(', ')}.`)
      return match
    })
    coerced = Array.isArray(coerced) ? normalized : normalized[0]
  }
  for (const item of values) {
    if (def.validatePattern && !def.validatePattern.test(String(item))) {
      throw fail(
        `'${toDisplayString(item)}' ${def.patternMessage ?? `does not match ${def.validatePattern}`}.`,
      )
    }
    if (def.validateRange && typeof item === 'number') {
      const [min, max] = def.validateRange
      if (item < min || item > max) throw fail(`${item} is outside the range ${min} to ${max}.`)
    }
    if (def.validate) {
      const problem = def.validate(item)
      if (problem) throw fail(problem)
    }
  }
  return coerced
}

/** Converts a value to a declared parameter type; throws a plain Error with a short reason. */
export function coerce(type: ParameterDef['type'], value: unknown): unknown {
  if (value === undefined) return undefined
  if (type.endsWith('[]')) {
    const itemType = type.slice(0, -2) as ParameterDef['type']
    const items = Array.isArray(value) ? value : [value]
    return items.map((item) => coerce(itemType, item))
  }
  if (Array.isArray(value) && type !== 'any' && type !== 'object') {
    if (value.length === 1) return coerce(type, value[0])
    throw new Error(`expected one ${type}, got ${value.length} values.`)
  }
  switch (type) {
    case 'string':
    case 'secret':
      if (value === null) return null
      // Read-Host -AsSecureString / ConvertTo-SecureString: a secret parameter takes its text.
      if (value instanceof SecureString) {
        if (type === 'secret') return value.reveal()
        return 'System.Security.SecureString'
      }
      if (typeof value === 'string') return value
      if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
        return String(value)
      if (value instanceof Date) return value.toISOString()
      throw new Error(`expected text, got ${typeNameOf(value)}.`)
    case 'int': {
      const number = toNumber(value)
      if (number === undefined || !Number.isFinite(number))
        throw new Error(`'${toDisplayString(value)}' is not a whole number.`)
      if (!Number.isInteger(number)) throw new Error(`'${toDisplayString(value)}' is not a whole number.`)
      return number
    }
    case 'number': {
      const number = toNumber(value)
      if (number === undefined || !Number.isFinite(number))
        throw new Error(`'${toDisplayString(value)}' is not a number.`)
      return number
    }
    case 'bool':
    case 'switch':
      if (typeof value === 'boolean') return value
      if (typeof value === 'number') return value !== 0
      if (typeof value === 'string') {
        const text = value.trim().toLowerCase().replace(/^\$/, '')
        if (['true', '1', 'yes'].includes(text)) return true
        if (['false', '0', 'no', ''].includes(text)) return false
      }
      throw new Error(`'${toDisplayString(value)}' is not $true or $false.`)
    case 'datetime': {
      // Text is read as [datetime] reads it (dates.ts: local time, Kind Unspecified, no 30 February),
      // never by JavaScript's Date parser, which takes '2024-01-31' as UTC midnight.
      const date =
        value instanceof Date
          ? value
          : typeof value === 'number'
            ? new Date(value)
            : parseDateText(String(value))
      if (date === undefined || Number.isNaN(date.getTime()))
        throw new Error(`'${toDisplayString(value)}' is not a date.`)
      return date
    }
    case 'scriptblock':
      if (
        typeof value === 'function' ||
        (typeof value === 'object' && value !== null && (value as { isScriptBlock?: boolean }).isScriptBlock)
      ) {
        return value
      }
      throw new Error(`expected a script block { ... }, got ${typeNameOf(value)}.`)
    case 'hashtable':
      if (isRecord(value)) return value
      throw new Error(`expected a hashtable @{ ... }, got ${typeNameOf(value)}.`)
    case 'object':
      if (value === null) throw new Error('the value is $null.')
      return value
    case 'any':
      return value
    default:
      return value
  }
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (
    typeof value === 'string' &&
    value.trim() !== '' &&
    /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value.trim())
  ) {
    return Number(value.trim())
  }
  if (typeof value === 'boolean') return value ? 1 : 0
  return undefined
}

/** `expiresInDays` -> `ExpiresInDays`, as PowerShell spells parameter names in messages. */
export function displayName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1)
}
