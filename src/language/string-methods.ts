// String methods with .NET's semantics (ToUpper, Trim, Split, Replace, Substring, PadLeft, ...):
// case-sensitive unless a comparison type says otherwise, .NET's errors for bad indexes. Also the
// two things every method family shares: NOT_FOUND and the MethodInvocationException wrapper.
import { withException } from './exceptions.js'
import { RuntimeError } from '../engine/errors.js'
import { escapeRegExp } from '../engine/wildcard.js'
import { toNumber, toText } from './types.js'

/** What a method family returns for a name it does not have (the caller tries the next). */
export const NOT_FOUND = Symbol('not found')

/** .NET's MethodInvocationException: `Exception calling "Name": reason`. */
export function failed(name: string, reason: string): RuntimeError {
  return withException(
    new RuntimeError('RuntimeError', `Exception calling "${name}": ${reason}`, {
      category: 'InvalidOperation',
    }),
    { outer: 'MethodInvocationException' },
  )
}

function ignoreCase(option: unknown): boolean {
  if (typeof option === 'boolean') return option
  return typeof option === 'string' && /ignorecase/i.test(option)
}

export function stringMethod(text: string, lower: string, name: string, args: unknown[]): unknown {
  const arg = (index: number) => toText(args[index])
  const fold = (value: string, option: unknown) => (ignoreCase(option) ? value.toLowerCase() : value)
  switch (lower) {
    case 'tolower':
    case 'tolowerinvariant':
      return text.toLowerCase()
    case 'toupper':
    case 'toupperinvariant':
      return text.toUpperCase()
    case 'trim':
    case 'trimstart':
    case 'trimend':
      return trim(text, lower, args)
    case 'startswith':
      return fold(text, args[1]).startsWith(fold(arg(0), args[1]))
    case 'endswith':
      return fold(text, args[1]).endsWith(fold(arg(0), args[1]))
    case 'contains':
      return fold(text, args[1]).includes(fold(arg(0), args[1]))
    case 'indexof':
      return fold(text, args[2] ?? args[1]).indexOf(
        fold(arg(0), args[2] ?? args[1]),
        typeof args[1] === 'number' ? args[1] : 0,
      )
    case 'lastindexof':
      return text.lastIndexOf(arg(0))
    case 'split':
      return splitString(text, args)
    case 'replace':
      if (arg(0) === '') throw failed(name, 'String cannot be of zero length.')
      return ignoreCase(args[2])
        ? text.replace(new RegExp(escapeRegExp(arg(0)), 'gi'), () => arg(1))
        : text.split(arg(0)).join(arg(1))
    case 'substring': {
      const start = toNumber(args[0])
      const length = args.length > 1 ? toNumber(args[1]) : text.length - start
      if (start < 0 || start > text.length)
        throw failed(name, 'startIndex cannot be larger than length of string.')
      if (length < 0 || start + length > text.length) {
        throw failed(name, 'Index and length must refer to a location within the string.')
      }
      return text.substr(start, length)
    }
    case 'padleft':
      return text.padStart(toNumber(args[0]), args.length > 1 ? arg(1) : ' ')
    case 'padright':
      return text.padEnd(toNumber(args[0]), args.length > 1 ? arg(1) : ' ')
    case 'insert':
      return text.slice(0, toNumber(args[0])) + arg(1) + text.slice(toNumber(args[0]))
    case 'remove': {
      const start = toNumber(args[0])
      return text.slice(0, start) + (args.length > 1 ? text.slice(start + toNumber(args[1])) : '')
    }
    case 'tochararray':
      return [...text]
    case 'tostring':
      return text
    case 'equals':
      return ignoreCase(args[1]) ? text.toLowerCase() === arg(0).toLowerCase() : text === arg(0)
    case 'compareto':
      return text < arg(0) ? -1 : text > arg(0) ? 1 : 0
    case 'normalize':
      return text.normalize()
    default:
      return NOT_FOUND
  }
}

function trim(text: string, lower: string, args: unknown[]): string {
  const chars =
    args.length === 0
      ? undefined
      : args.map((arg) => (Array.isArray(arg) ? arg.map(toText).join('') : toText(arg))).join('')
  const set = chars === undefined ? '\\s' : escapeRegExp(chars).replace(/-/g, '\\-')
  let result = text
  if (lower !== 'trimend') result = result.replace(new RegExp(`^[${set}]+`, 'u'), '')
  if (lower !== 'trimstart') result = result.replace(new RegExp(`[${set}]+$`, 'u'), '')
  return result
}

/** .NET's Split: by literal separators (a string, or any of an array's items); count and RemoveEmptyEntries. */
function splitString(text: string, args: unknown[]): string[] {
  if (args.length === 0) return text.split(/\s/)
  const separators = (Array.isArray(args[0]) ? args[0] : [args[0]]).map(toText).filter((s) => s !== '')
  const options = args.slice(1)
  const removeEmpty = options.some(
    (option) => typeof option === 'string' && /removeemptyentries/i.test(option),
  )
  const trim = options.some((option) => typeof option === 'string' && /trimentries/i.test(option))
  const count = options.find((option) => typeof option === 'number') as number | undefined
  if (separators.length === 0) return [text]
  const pattern = new RegExp(separators.map(escapeRegExp).join('|'), 'g')
  let parts: string[] = []
  let last = 0
  let match: RegExpExecArray | null
  while ((match = pattern.exec(text)) !== null) {
    if (count !== undefined && parts.length >= count - 1) break
    parts.push(text.slice(last, match.index))
    last = match.index + match[0].length
  }
  parts.push(text.slice(last))
  if (trim) parts = parts.map((part) => part.trim())
  if (removeEmpty) parts = parts.filter((part) => part !== '')
  return parts
}
