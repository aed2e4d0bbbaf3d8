// Operators on values, with PowerShell's conversions: the left operand decides (`'5' + 1` is '51',
// `5 + '1'` is 6, `@(1) + 2` appends), comparisons go through the engine's compare() so that they
// agree with Where-Object, and -replace / -split use regular expressions, case-insensitive by default.
import { compare, toBoolean, type ComparisonOperator } from '../engine/compare.js'
import { RuntimeError } from '../engine/errors.js'
import { isRecord, typeNameOf } from '../engine/objects.js'
import type { BinaryOperator } from './ast.js'
import { formatOperator, isTimeSpan, timeSpan } from './formatting.js'
import {
  convertOrNull,
  defineProperty,
  isHashtable,
  isInstance,
  newHashtable,
  roundHalfEven,
  toNumber,
  toText,
  TypeValue,
} from './types.js'

/** Ranges, repeated strings and repeated arrays larger than this are refused (memory). */
const MAX_ITEMS = 1_000_000

export interface OperatorOptions {
  caseSensitive?: boolean
  /** Receives -match capture groups, for $Matches. */
  onMatch?: (groups: Record<string, string>) => void
}

/** `left <op> right` for every binary operator except -and / -or (which short-circuit). */
export function binaryOperation(
  operator: BinaryOperator,
  left: unknown,
  right: unknown,
  options: OperatorOptions = {},
): unknown {
  switch (operator) {
    case '+':
      return add(left, right)
    case '-':
      return subtract(left, right)
    case '*':
      return multiply(left, right)
    case '/':
    case '%':
      return divide(operator, left, right)
    case '..':
      return range(left, right)
    case 'xor':
      return toBoolean(left) !== toBoolean(right)
    case 'and':
      return toBoolean(left) && toBoolean(right)
    case 'or':
      return toBoolean(left) || toBoolean(right)
    case 'band':
      return toInt(left) & toInt(right)
    case 'bor':
      return toInt(left) | toInt(right)
    case 'bxor':
      return toInt(left) ^ toInt(right)
    case 'shl':
      return toInt(left) << toInt(right)
    case 'shr':
      return toInt(left) >> toInt(right)
    case 'f':
      return formatOperator(toText(left), right)
    case 'join':
      return join(left, right)
    case 'is':
    case 'isnot':
      if (!(right instanceof TypeValue))
        throw new RuntimeError(
          'RuntimeError',
          `The right side of -${operator} must be a type, such as [string].`,
        )
      return isInstance(left, right) === (operator === 'is')
    case 'as':
      if (!(right instanceof TypeValue))
        throw new RuntimeError('RuntimeError', 'The right side of -as must be a type, such as [int].')
      return convertOrNull(right, left)
    case 'replace':
      return replace(left, right, options.caseSensitive ?? false)
    case 'split':
      return split(left, right, options.caseSensitive ?? false)
    default:
      return compare(operator as ComparisonOperator, left, right, options)
  }
}

function toInt(value: unknown): number {
  return roundHalfEven(toNumber(value))
}

function operationFailed(operation: string, left: unknown): RuntimeError {
  return new RuntimeError(
    'RuntimeError',
    `Method invocation failed because [${typeNameOf(left)}] does not support the '${operation}' operator.`,
    { category: 'InvalidOperation' },
  )
}

function add(left: unknown, right: unknown): unknown {
  if (left === null || left === undefined) {
    if (Array.isArray(right)) return [...right]
    return right ?? null
  }
  if (typeof left === 'number') return left + toNumber(right)
  if (typeof left === 'string') return left + toText(right)
  if (Array.isArray(left)) {
    const items = Array.isArray(right) ? right : [right]
    if (left.length + items.length > MAX_ITEMS) throw tooLarge()
    return [...left, ...items]
  }
  if (left instanceof Date && isTimeSpan(right)) return new Date(left.getTime() + right.TotalMilliseconds)
  if (isTimeSpan(left) && isTimeSpan(right)) return timeSpan(left.TotalMilliseconds + right.TotalMilliseconds)
  if (isHashtable(left) && isRecord(right)) {
    const merged = newHashtable(Object.entries(left))
    for (const [key, value] of Object.entries(right)) {
      if (Object.keys(merged).some((existing) => existing.toLowerCase() === key.toLowerCase())) {
        throw new RuntimeError('RuntimeError', `Item has already been added. Key in dictionary: '${key}'.`)
      }
      defineProperty(merged, key, value)
    }
    return merged
  }
  throw operationFailed('+', left)
}

function subtract(left: unknown, right: unknown): unknown {
  if (left instanceof Date) {
    if (right instanceof Date) return timeSpan(left.getTime() - right.getTime())
    if (isTimeSpan(right)) return new Date(left.getTime() - right.TotalMilliseconds)
    throw operationFailed('-', left)
  }
  if (isTimeSpan(left) && isTimeSpan(right)) return timeSpan(left.TotalMilliseconds - right.TotalMilliseconds)
  if (
    left === null ||
    left === undefined ||
    typeof left === 'number' ||
    typeof left === 'string' ||
    typeof left === 'boolean'
  ) {
    return toNumber(left) - toNumber(right)
  }
  throw operationFailed('-', left)
}

function multiply(left: unknown, right: unknown): unknown {
  if (typeof left === 'string') {
    const count = toInt(right)
    if (count < 0)
      throw new RuntimeError('RuntimeError', 'A string cannot be repeated a negative number of times.')
    if (left.length * count > MAX_ITEMS * 10) throw tooLarge()
    return left.repeat(count)
  }
  if (Array.isArray(left)) {
    const count = toInt(right)
    if (count < 0 || left.length * count > MAX_ITEMS) throw tooLarge()
    return Array.from({ length: count }, () => left).flat()
  }
  if (left === null || left === undefined || typeof left === 'number' || typeof left === 'boolean') {
    return toNumber(left) * toNumber(right)
  }
  throw operationFailed('*', left)
}

function divide(operator: '/' | '%', left: unknown, right: unknown): number {
  if (!(
    left === null ||
    left === undefined ||
    typeof left === 'number' ||
    typeof left === 'string' ||
    typeof left === 'boolean'
  )) {
    throw operationFailed(operator, left)
  }
  const divisor = toNumber(right)
  if (divisor === 0)
    throw new RuntimeError('RuntimeError', 'Attempted to divide by zero.', { category: 'InvalidOperation' })
  return operator === '/' ? toNumber(left) / divisor : toNumber(left) % divisor
}

function tooLarge(): RuntimeError {
  return new RuntimeError(
    'RuntimeError',
    `The result would have more than ${MAX_ITEMS.toLocaleString('en-US')} items.`,
    {
      category: 'LimitsExceeded',
    },
  )
}

/** `1..5`, `5..1`: integers, both ends included. */
function range(from: unknown, to: unknown): number[] {
  const start = toInt(from)
  const end = toInt(to)
  if (Math.abs(end - start) + 1 > MAX_ITEMS) throw tooLarge()
  const step = start <= end ? 1 : -1
  return Array.from({ length: Math.abs(end - start) + 1 }, (_, i) => start + i * step)
}

function join(left: unknown, right: unknown): string {
  const items = Array.isArray(left) ? left : [left]
  return items.map(toText).join(toText(right))
}

/** .NET replacement syntax (`${name}`) to JavaScript's (`$<name>`). */
function jsReplacement(replacement: string): string {
  return replacement.replace(/\$\{(\w+)\}/g, '$$<$1>')
}

function regex(pattern: unknown, caseSensitive: boolean, global: boolean): RegExp {
  const source = toText(pattern)
  try {
    return new RegExp(source, `${global ? 'g' : ''}${caseSensitive ? '' : 'i'}u`)
  } catch {
    try {
      return new RegExp(source, `${global ? 'g' : ''}${caseSensitive ? '' : 'i'}`)
    } catch (error) {
      throw new RuntimeError(
        'RuntimeError',
        `The regular expression pattern '${source}' is not valid: ${(error as Error).message}`,
        {
          category: 'InvalidArgument',
        },
      )
    }
  }
}

/** `'a.b' -replace '\.', '-'`: every match; a collection on the left is replaced item by item. */
function replace(left: unknown, right: unknown, caseSensitive: boolean): unknown {
  const [pattern, replacement] = Array.isArray(right) ? [right[0], right[1] ?? ''] : [right, '']
  if (Array.isArray(right) && right.length > 2) {
    throw new RuntimeError(
      'RuntimeError',
      'The -replace operator takes a pattern and at most one replacement.',
    )
  }
  const expression = regex(pattern, caseSensitive, true)
  const apply = (value: unknown) => toText(value).replace(expression, jsReplacement(toText(replacement)))
  return Array.isArray(left) ? left.map(apply) : apply(left)
}

/** `'a, b' -split ',\s*'`; `-split 'a b'` (unary) splits on whitespace. */
function split(left: unknown, right: unknown, caseSensitive: boolean): string[] {
  const [pattern, limit] = Array.isArray(right) ? [right[0], right[1]] : [right, undefined]
  const expression = regex(pattern, caseSensitive, true)
  const max = limit === undefined ? 0 : toInt(limit)
  const results: string[] = []
  for (const item of Array.isArray(left) ? left : [left]) {
    const text = toText(item)
    if (max <= 0) {
      results.push(...text.split(expression).filter((part) => part !== undefined))
      continue
    }
    let rest = text
    let count = 1
    expression.lastIndex = 0
    const parts: string[] = []
    let match: RegExpExecArray | null
    while (count < max && (match = expression.exec(rest)) !== null) {
      if (match[0] === '') break
      parts.push(rest.slice(0, match.index))
      rest = rest.slice(match.index + match[0].length)
      expression.lastIndex = 0
      count++
    }
    parts.push(rest)
    results.push(...parts)
  }
  return results
}

/** Unary `-split 'a b  c'`: split on runs of whitespace, dropping empty entries. */
export function splitWhitespace(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value]
  return items.flatMap((item) => toText(item).trim().split(/\s+/).filter(Boolean))
}

/** Unary minus and plus. */
export function negate(value: unknown): number {
  return -toNumber(value)
}
