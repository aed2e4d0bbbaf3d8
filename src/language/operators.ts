// Operators on values, with PowerShell's conversions: the left operand decides (`'5' + 1` is '51',
// `5 + '1'` is 6, `@(1) + 2` appends), comparisons go through the engine's compare() so that they
// agree with Where-Object, and -replace / -split use regular expressions, case-insensitive by default.
import { withException } from './exceptions.js'
import { compare, toBoolean, type ComparisonOperator } from '../engine/compare.js'
import { RuntimeError } from '../engine/errors.js'
import { isRecord, typeNameOf } from '../engine/objects.js'
import type { BinaryOperator } from './ast.js'
import { drainInput, matchObject } from './dotnet.js'
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
  if (isHashtable(left)) {
    if (!isRecord(right) || !isHashtable(right)) {
      throw new RuntimeError('RuntimeError', 'A hash table can only be added to another hash table.', {
        category: 'InvalidOperation',
      })
    }
    const merged = newHashtable(Object.entries(left))
    for (const [key, value] of Object.entries(right)) {
      if (Object.keys(merged).some((existing) => existing.toLowerCase() === key.toLowerCase())) {
        throw new RuntimeError(
          'RuntimeError',
          `Item has already been added. Key in dictionary: '${key}'  Key being added: '${key}'`,
          { category: 'OperationStopped' },
        )
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
    throw withException(
      new RuntimeError('RuntimeError', 'Attempted to divide by zero.', { category: 'InvalidOperation' }),
      { inner: 'DivideByZeroException' },
    )
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
  const value = drainInput(left)
  const items = Array.isArray(value) ? value : [value]
  return items.map(toText).join(toText(right))
}

/**
 * A .NET replacement string applied to one match: `$1`, `${name}`, `$0` and `$&` (the match),
 * `$$` (a dollar), `` $` `` and `$'` (before and after), `$+` (the last group), `$_` (the input).
 */
export function dotnetReplacement(replacement: string, match: RegExpExecArray, input: string): string {
  return replacement.replace(/\$(?:\{(\w+)\}|(\d+)|([$&`'+_]))/g, (whole, name, number, symbol) => {
    if (symbol !== undefined) {
      switch (symbol) {
        case '$':
          return '$'
        case '&':
          return match[0]
        case '`':
          return input.slice(0, match.index)
        case "'":
          return input.slice(match.index + match[0].length)
        case '+':
          return match.length > 1 ? (match[match.length - 1] ?? '') : match[0]
        default:
          return input
      }
    }
    const key = name ?? number
    if (/^\d+$/.test(key)) {
      const index = Number(key)
      return index < match.length ? (match[index] ?? '') : whole
    }
    const group = match.groups?.[key]
    return group === undefined && !(match.groups && key in match.groups) ? whole : (group ?? '')
  })
}

function regex(pattern: unknown, caseSensitive: boolean, global: boolean, extra = ''): RegExp {
  const source = toText(pattern)
  const flags = `${global ? 'g' : ''}${caseSensitive ? '' : 'i'}${extra}`
  try {
    return new RegExp(source, `${flags}u`)
  } catch {
    try {
      return new RegExp(source, flags)
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

/** What a -replace or -split script block is: something the language can run synchronously. */
interface SyncBlock {
  invokeSync(input: unknown, what: string): unknown[]
}

function isSyncBlock(value: unknown): value is SyncBlock {
  return typeof (value as SyncBlock | null)?.invokeSync === 'function'
}

/**
 * `'a.b' -replace '\.', '-'`: every match; a collection on the left is replaced item by item. The
 * replacement is a .NET replacement string, or a script block that gets each Match as `$_`.
 */
function replace(left: unknown, right: unknown, caseSensitive: boolean): unknown {
  const [pattern, replacement] = Array.isArray(right) ? [right[0], right[1] ?? ''] : [right, '']
  if (Array.isArray(right) && right.length > 2) {
    throw new RuntimeError(
      'RuntimeError',
      'The -replace operator takes a pattern and at most one replacement.',
    )
  }
  const expression = regex(pattern, caseSensitive, true, 'd')
  const apply = (value: unknown) => {
    const input = toText(value)
    expression.lastIndex = 0
    let out = ''
    let last = 0
    let match: RegExpExecArray | null
    while ((match = expression.exec(input)) !== null) {
      out += input.slice(last, match.index)
      out += isSyncBlock(replacement)
        ? toText(replacement.invokeSync(matchObject(match), '-replace'))
        : dotnetReplacement(toText(replacement), match, input)
      last = match.index + match[0].length
      if (match[0] === '') expression.lastIndex++
    }
    return out + input.slice(last)
  }
  return Array.isArray(left) ? left.map(apply) : apply(left)
}

/** -split's options: `SimpleMatch`, `RegexMatch`, `IgnoreCase`, `Multiline`, `Singleline`, ... */
interface SplitOptions {
  simple: boolean
  ignoreCase: boolean
  flags: string
  whitespace: boolean
  explicit: boolean
}

function splitOptions(value: unknown): SplitOptions {
  const names = toText(value)
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
  const known = [
    'simplematch',
    'regexmatch',
    'ignorecase',
    'cultureinvariant',
    'ignorepatternwhitespace',
    'multiline',
    'singleline',
    'explicitcapture',
    'none',
  ]
  for (const name of names) {
    if (!known.includes(name)) {
      throw new RuntimeError(
        'RuntimeError',
        `Cannot convert value "${name}" to type "System.Management.Automation.SplitOptions".`,
        {
          category: 'InvalidArgument',
          hint: `Valid options: SimpleMatch, RegexMatch, CultureInvariant, IgnorePatternWhitespace, Multiline, Singleline, IgnoreCase, ExplicitCapture.`,
        },
      )
    }
  }
  if (names.includes('simplematch') && names.includes('regexmatch')) {
    throw new RuntimeError('RuntimeError', 'Cannot combine SimpleMatch with RegexMatch in -split options.', {
      category: 'InvalidOperation',
    })
  }
  return {
    simple: names.includes('simplematch'),
    ignoreCase: names.includes('ignorecase'),
    flags: `${names.includes('multiline') ? 'm' : ''}${names.includes('singleline') ? 's' : ''}`,
    whitespace: names.includes('ignorepatternwhitespace'),
    explicit: names.includes('explicitcapture'),
  }
}

/** .NET's IgnorePatternWhitespace and ExplicitCapture, rewritten into a JavaScript pattern. */
function rewritePattern(pattern: string, whitespace: boolean, explicit: boolean): string {
  let out = ''
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]
    if (char === '\\') {
      out += pattern.slice(i, i + 2)
      i++
    } else if (inClass) {
      if (char === ']') inClass = false
      out += char
    } else if (char === '[') {
      inClass = true
      out += char
    } else if (whitespace && /\s/.test(char)) {
      continue
    } else if (whitespace && char === '#') {
      while (i < pattern.length && pattern[i] !== '\n') i++
    } else if (explicit && char === '(' && pattern[i + 1] !== '?') {
      out += '(?:'
    } else out += char
  }
  return out
}

/**
 * `'a, b' -split ',\s*'`, `-split 'pattern', max, 'options'`, `-split { $_ -eq ',' }`; unary
 * `-split 'a b'` splits on whitespace. Capture groups are kept in the output, as in .NET.
 */
function split(left: unknown, right: unknown, caseSensitive: boolean): string[] {
  const [pattern, limit, options] = Array.isArray(right)
    ? [right[0], right[1], right[2]]
    : [right, undefined, undefined]
  const max = limit === undefined || limit === null ? 0 : toInt(limit)
  const results: string[] = []
  if (isSyncBlock(pattern)) {
    if (options !== undefined)
      throw new RuntimeError('RuntimeError', 'Cannot use options with a script block delimiter in -split.')
    for (const item of Array.isArray(left) ? left : [left])
      results.push(...splitByBlock(toText(item), pattern, max))
    return results
  }
  const parsed: SplitOptions =
    options === undefined
      ? { simple: false, ignoreCase: false, flags: '', whitespace: false, explicit: false }
      : splitOptions(options)
  const source = parsed.simple
    ? escapeRegExp(toText(pattern))
    : rewritePattern(toText(pattern), parsed.whitespace, parsed.explicit)
  const expression = regex(source, caseSensitive && !parsed.ignoreCase, true, parsed.flags)
  for (const item of Array.isArray(left) ? left : [left]) {
    const text = toText(item)
    const separators: Separator[] = []
    expression.lastIndex = 0
    let match: RegExpExecArray | null
    while ((match = expression.exec(text)) !== null) {
      if (match[0] === '') {
        expression.lastIndex++
        // .NET splits between characters on an empty match, never before the first or after the last.
        if (match.index === 0 || match.index >= text.length) continue
      }
      separators.push({ index: match.index, end: match.index + match[0].length, groups: match.slice(1) })
    }
    results.push(...cut(text, separators, max))
  }
  return results
}

interface Separator {
  index: number
  end: number
  groups: (string | undefined)[]
}

/** The parts between separators; a count keeps the first (or, negative, the last) count - 1 cuts. */
function cut(text: string, all: Separator[], max: number): string[] {
  const used =
    max > 0 ? all.slice(0, max - 1) : max < 0 ? all.slice(Math.max(0, all.length - (-max - 1))) : all
  const parts: string[] = []
  let last = 0
  for (const separator of used) {
    parts.push(text.slice(last, separator.index))
    for (const group of separator.groups) if (group !== undefined) parts.push(group)
    last = separator.end
  }
  parts.push(text.slice(last))
  return parts
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** `-split { $_ -eq ',' }`: splits where the block is true for a character (`$_`). */
function splitByBlock(text: string, block: SyncBlock, max: number): string[] {
  const separators: Separator[] = []
  let index = 0
  for (const char of text) {
    if (toBoolean(collapseOutput(block.invokeSync(char, '-split')))) {
      separators.push({ index, end: index + char.length, groups: [] })
    }
    index += char.length
  }
  return cut(text, separators, max)
}

function collapseOutput(values: unknown[]): unknown {
  return values.length === 0 ? undefined : values.length === 1 ? values[0] : values
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
