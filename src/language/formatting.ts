// .NET-style formatting that scripts reach for: the -f operator ('{0,-10} {1:N2}'), number and date
// ToString(format) ('yyyy-MM-dd', 'N0', 'P1'), and TimeSpan values from date arithmetic.
import { formatDateWith as formatDate, isCultureSensitive, isUtc } from '../engine/dates.js'
import { currentSession } from '../engine/context.js'
import { announceCulture, dateFormatSameInInvariant } from '../engine/differences.js'
import { RuntimeError } from '../engine/errors.js'
import { withTypeName } from '../engine/objects.js'
import { toText } from './types.js'

/** `'{0} has {1:N0} users' -f $org, $count`. */
export function formatOperator(format: string, args: unknown): string {
  const values = Array.isArray(args) ? args : [args]
  let out = ''
  let i = 0
  while (i < format.length) {
    const c = format[i]
    if (c === '{' && format[i + 1] === '{') {
      out += '{'
      i += 2
    } else if (c === '}' && format[i + 1] === '}') {
      out += '}'
      i += 2
    } else if (c === '{') {
      const close = format.indexOf('}', i)
      const match =
        close === -1 ? null : /^(\d+)\s*(?:,\s*(-?\d+))?\s*(?::(.*))?$/s.exec(format.slice(i + 1, close))
      if (!match) throw formatError(format)
      const index = Number(match[1])
      if (index >= values.length) {
        throw new RuntimeError(
          'RuntimeError',
          `Error formatting a string: index ${index} is beyond the ${values.length} value(s) given.`,
        )
      }
      const text = formatValue(values[index], match[3])
      const width = match[2] === undefined ? 0 : Number(match[2])
      out += width < 0 ? text.padEnd(-width) : text.padStart(width)
      i = close + 1
    } else if (c === '}') {
      throw formatError(format)
    } else {
      out += c
      i++
    }
  }
  return out
}

function formatError(format: string): RuntimeError {
  return new RuntimeError(
    'RuntimeError',
    `Error formatting a string: Input string was not in a correct format: '${format}'.`,
  )
}

/** One value with an optional .NET format string. */
function formatValue(value: unknown, format: string | undefined): string {
  if (format === undefined || format === '') return toText(value)
  if (typeof value === 'number') return formatNumber(value, format)
  if (value instanceof Date) return cultureDate(value, format)
  return toText(value)
}

/** Standard numeric formats (N, F, D, X, P, E, G) and simple custom ones ('0.00', '#,##0'). */
export function formatNumber(value: number, format: string): string {
  // Only integer formats (D, X) are the same in every culture: separators and symbols are en-US's;
  // the invariant culture differs from en-US only in C (¤) and P (a space before %).
  if (!/^[DdXx]\d{0,2}$/.test(format))
    announceCulture(currentSession(), undefined, !/^[CcPp]\d{0,2}$/.test(format))
  const standard = /^([NnFfDdXxPpEeGgCc])(\d{0,2})$/.exec(format)
  if (standard) {
    const digits = standard[2] === '' ? undefined : Number(standard[2])
    switch (standard[1].toUpperCase()) {
      case 'N':
        return grouped(value, digits ?? 2)
      case 'F':
        return value.toFixed(digits ?? 2)
      case 'D': {
        const text = Math.abs(Math.trunc(value))
          .toString()
          .padStart(digits ?? 0, '0')
        return value < 0 ? `-${text}` : text
      }
      case 'X': {
        const hex = Math.trunc(value)
          .toString(16)
          .padStart(digits ?? 0, '0')
        return standard[1] === 'X' ? hex.toUpperCase() : hex
      }
      case 'P':
        return `${grouped(value * 100, digits ?? 2)} %`
      case 'E':
        return value.toExponential(digits ?? 6).toUpperCase()
      case 'C':
        return `$${grouped(value, digits ?? 2)}`
      default:
        return String(value)
    }
  }
  if (/^[#0,.]+$/.test(format)) {
    // Custom format: '0' is a digit always shown, '#' one shown when significant, ',' groups.
    const [integer, fraction = ''] = format.split('.')
    const digits = (part: string, char: string) => part.split('').filter((c) => c === char).length
    return value.toLocaleString('en-US', {
      minimumIntegerDigits: Math.min(21, Math.max(1, digits(integer, '0'))),
      minimumFractionDigits: digits(fraction, '0'),
      maximumFractionDigits: Math.max(digits(fraction, '0'), digits(fraction, '0') + digits(fraction, '#')),
      useGrouping: integer.includes(','),
    })
  }
  return String(value)
}

/** A date as text in a .NET format, in en-US (said once where PowerShell's culture would differ). */
export function cultureDate(date: Date, format: string): string {
  if (isCultureSensitive(format))
    announceCulture(currentSession(), undefined, dateFormatSameInInvariant(format))
  return formatDate(date, format, isUtc(date))
}

function grouped(value: number, decimals: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
}

/** A TimeSpan as PowerShell shows it: Days, Hours, ..., TotalDays, ...; printed as d.hh:mm:ss. */
export function timeSpan(milliseconds: number): Record<string, unknown> {
  const sign = milliseconds < 0 ? -1 : 1
  const abs = Math.abs(milliseconds)
  const span = withTypeName('TimeSpan', {
    Days: sign * Math.floor(abs / 86_400_000),
    Hours: sign * (Math.floor(abs / 3_600_000) % 24),
    Minutes: sign * (Math.floor(abs / 60_000) % 60),
    Seconds: sign * (Math.floor(abs / 1000) % 60),
    Milliseconds: sign * (abs % 1000),
    TotalDays: milliseconds / 86_400_000,
    TotalHours: milliseconds / 3_600_000,
    TotalMinutes: milliseconds / 60_000,
    TotalSeconds: milliseconds / 1000,
    TotalMilliseconds: milliseconds,
  })
  Object.defineProperty(span, 'toString', {
    enumerable: false,
    value: () => {
      const pad = (n: number) => String(Math.abs(n)).padStart(2, '0')
      const days = span.Days !== 0 ? `${Math.abs(span.Days)}.` : ''
      return `${sign < 0 ? '-' : ''}${days}${pad(span.Hours)}:${pad(span.Minutes)}:${pad(span.Seconds)}`
    },
  })
  return span
}

export function isTimeSpan(value: unknown): value is { TotalMilliseconds: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { TotalMilliseconds?: unknown }).TotalMilliseconds === 'number' &&
    'TotalDays' in value
  )
}
