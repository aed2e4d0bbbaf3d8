// PowerShell's comparison operators, shared by Where-Object's simplified form and the language:
// case-insensitive unless the `c` variant is used, the right side converted to the left side's type,
// and a collection on the left filtering its items.
import { matchWildcard } from './wildcard.js'
import { toDisplayString } from './objects.js'
import { RuntimeError } from './errors.js'

export type ComparisonOperator =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'ge'
  | 'lt'
  | 'le'
  | 'like'
  | 'notlike'
  | 'match'
  | 'notmatch'
  | 'contains'
  | 'notcontains'
  | 'in'
  | 'notin'

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = [
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'like',
  'notlike',
  'match',
  'notmatch',
  'contains',
  'notcontains',
  'in',
  'notin',
]

export interface CompareOptions {
  caseSensitive?: boolean
  /** Receives regex capture groups of -match ($Matches). */
  onMatch?: (groups: Record<string, string>) => void
}

/** Evaluates `left -op right` with PowerShell semantics. A collection on the left filters. */
export function compare(
  op: ComparisonOperator,
  left: unknown,
  right: unknown,
  options: CompareOptions = {},
): unknown {
  if (Array.isArray(left) && op !== 'contains' && op !== 'notcontains') {
    return left.filter((item) => compareScalar(op, item, right, options) === true)
  }
  return compareScalar(op, left, right, options)
}

function compareScalar(
  op: ComparisonOperator,
  left: unknown,
  right: unknown,
  options: CompareOptions,
): boolean {
  const cs = options.caseSensitive ?? false
  switch (op) {
    case 'eq':
      return equals(left, right, cs)
    case 'ne':
      return !equals(left, right, cs)
    case 'gt':
      return order(left, right, cs) > 0
    case 'ge':
      return order(left, right, cs) >= 0
    case 'lt':
      return order(left, right, cs) < 0
    case 'le':
      return order(left, right, cs) <= 0
    case 'like':
      return matchWildcard(toDisplayString(left), toDisplayString(right), cs)
    case 'notlike':
      return !matchWildcard(toDisplayString(left), toDisplayString(right), cs)
    case 'match':
      return regexMatch(left, right, cs, options)
    case 'notmatch':
      return !regexMatch(left, right, cs, options)
    case 'contains':
      return toArray(left).some((item) => equals(item, right, cs))
    case 'notcontains':
      return !toArray(left).some((item) => equals(item, right, cs))
    case 'in':
      return toArray(right).some((item) => equals(left, item, cs))
    case 'notin':
      return !toArray(right).some((item) => equals(left, item, cs))
  }
}

function toArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value]
}

/** -eq: the right side is converted to the left side's type, strings compare case-insensitively. */
export function equals(left: unknown, right: unknown, caseSensitive = false): boolean {
  if (left === null || left === undefined) return right === null || right === undefined
  if (right === null || right === undefined) return false
  if (typeof left === 'number') {
    const number = typeof right === 'number' ? right : Number(right)
    return !Number.isNaN(number) && left === number
  }
  if (typeof left === 'boolean') return left === toBoolean(right)
  if (left instanceof Date) {
    const date = right instanceof Date ? right : new Date(String(right))
    return left.getTime() === date.getTime()
  }
  if (typeof left === 'string') {
    const text = toDisplayString(right)
    return caseSensitive
      ? left === text
      : left.localeCompare(text, undefined, { sensitivity: 'accent' }) === 0
  }
  return left === right
}

/** Ordering for -gt/-lt and Sort-Object: numbers numerically, dates by time, strings case-insensitively. */
export function order(left: unknown, right: unknown, caseSensitive = false): number {
  if (left === right) return 0
  if (left === null || left === undefined) return -1
  if (right === null || right === undefined) return 1
  if (typeof left === 'number') {
    const number = typeof right === 'number' ? right : Number(right)
    return Number.isNaN(number) ? -1 : Math.sign(left - number)
  }
  if (left instanceof Date) {
    const date = right instanceof Date ? right : new Date(String(right))
    return Math.sign(left.getTime() - date.getTime())
  }
  if (typeof left === 'boolean') return Number(left) - Number(toBoolean(right))
  const a = toDisplayString(left)
  const b = toDisplayString(right)
  if (caseSensitive) return a < b ? -1 : a > b ? 1 : 0
  return Math.sign(a.localeCompare(b, undefined, { sensitivity: 'accent' }))
}

function regexMatch(left: unknown, right: unknown, caseSensitive: boolean, options: CompareOptions): boolean {
  const source = toDisplayString(right)
  let regex: RegExp
  try {
    regex = new RegExp(source, caseSensitive ? 'u' : 'iu')
  } catch {
    // Unicode mode refuses what .NET takes as literal text (a lone '{' as in '\s+{1, 2}', '\_');
    // the legacy mode reads those as .NET does. A pattern neither reads is an error, never a
    // silent literal match.
    try {
      regex = new RegExp(source, caseSensitive ? '' : 'i')
    } catch (error) {
      throw new RuntimeError(
        'RuntimeError',
        `The regular expression pattern '${source}' is not valid: ${(error as Error).message}`,
        { category: 'InvalidArgument' },
      )
    }
  }
  const match = regex.exec(toDisplayString(left))
  if (match && options.onMatch) {
    const groups: Record<string, string> = {}
    match.forEach((group, index) => (groups[String(index)] = group))
    Object.assign(groups, match.groups ?? {})
    options.onMatch(groups)
  }
  return match !== null
}

/** PowerShell truthiness: empty string, 0, $null, empty array are false. */
export function toBoolean(value: unknown): boolean {
  if (value === null || value === undefined) return false
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0
  if (typeof value === 'string') return value.length > 0
  if (Array.isArray(value))
    return value.length === 0 ? false : value.length === 1 ? toBoolean(value[0]) : true
  return true
}
