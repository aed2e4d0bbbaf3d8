// .NET-style date formatting, shared by Get-Date -Format, the language's -f operator and
// [datetime].ToString('...'): one implementation, so all three agree.
import { RuntimeError } from './errors.js'

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const DATE_TOKEN =
  /yyyy|yy|MMMM|MMM|MM|M|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|f{1,7}|tt|zzz|K|'[^']*'|"[^"]*"|\\./g

/**
 * .NET date formats: standard ('d', 'D', 'g', 'G', 't', 'T', 's', 'u', 'o') and custom ('yyyy-MM-dd HH:mm'),
 * in local time, or in UTC with `utc` (Get-Date -AsUTC).
 */
export function formatDateWith(date: Date, format: string, utc = false): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  switch (format) {
    case 'o':
    case 'O':
      return formatDateWith(date, 'yyyy-MM-ddTHH:mm:ss.fffffffK', utc)
    case 's':
      return formatDateWith(date, 'yyyy-MM-ddTHH:mm:ss', utc)
    case 'u':
      // .NET does not convert to UTC for 'u' or 'r': it formats the date as it is, with a Z / GMT.
      return formatDateWith(date, "yyyy-MM-dd HH:mm:ss'Z'", utc)
    case 'r':
    case 'R':
      return formatDateWith(date, "ddd, dd MMM yyyy HH:mm:ss 'GMT'", utc)
    case 'f':
      return formatDateWith(date, 'dddd, MMMM d, yyyy h:mm tt', utc)
    case 'F':
      return formatDateWith(date, 'dddd, MMMM d, yyyy h:mm:ss tt', utc)
    case 'M':
    case 'm':
      return formatDateWith(date, 'MMMM d', utc)
    case 'Y':
    case 'y':
      return formatDateWith(date, 'MMMM yyyy', utc)
    case 'U':
      return formatDateWith(date, 'dddd, MMMM d, yyyy h:mm:ss tt', true)
    case 'd':
      return formatDateWith(date, 'M/d/yyyy', utc)
    case 'D':
      return formatDateWith(date, 'dddd, MMMM d, yyyy', utc)
    case 'g':
      return formatDateWith(date, 'M/d/yyyy h:mm tt', utc)
    case 'G':
      return formatDateWith(date, 'M/d/yyyy h:mm:ss tt', utc)
    case 't':
      return formatDateWith(date, 'h:mm tt', utc)
    case 'T':
      return formatDateWith(date, 'h:mm:ss tt', utc)
  }
  // Any other single character is no standard format, and .NET refuses it (FormatException).
  if (format.length === 1) {
    throw new RuntimeError(
      'RuntimeError',
      `Input string was not in a correct format: '${format}' is not a date format.`,
      {
        category: 'InvalidArgument',
        hint: "Standard formats: d D f F g G M o r s t T u U Y; or a pattern such as 'yyyy-MM-dd'.",
      },
    )
  }
  // '%h' is the custom 'h' alone (a single letter would be a standard format).
  if (format.length === 2 && format[0] === '%') format = format.slice(1)
  const part = utc ? utcParts(date) : localParts(date)
  return format.replace(DATE_TOKEN, (token) => {
    const hours = part.hours
    switch (token) {
      case 'yyyy':
        return pad(part.year, 4)
      case 'yy':
        return pad(part.year % 100)
      case 'MMMM':
        return MONTHS[part.month]
      case 'MMM':
        return MONTHS[part.month].slice(0, 3)
      case 'MM':
        return pad(part.month + 1)
      case 'M':
        return String(part.month + 1)
      case 'dddd':
        return DAYS[part.weekday]
      case 'ddd':
        return DAYS[part.weekday].slice(0, 3)
      case 'dd':
        return pad(part.day)
      case 'd':
        return String(part.day)
      case 'HH':
        return pad(hours)
      case 'H':
        return String(hours)
      case 'hh':
        return pad(hours % 12 || 12)
      case 'h':
        return String(hours % 12 || 12)
      case 'mm':
        return pad(part.minutes)
      case 'm':
        return String(part.minutes)
      case 'ss':
        return pad(part.seconds)
      case 's':
        return String(part.seconds)
      case 'tt':
        return hours < 12 ? 'AM' : 'PM'
      case 'zzz':
        return utc ? '+00:00' : zone(date)
      case 'K':
        // The Kind: Z for Utc, the offset for Local, nothing for Unspecified (.NET's round-trip 'o').
        return utc ? 'Z' : UNSPECIFIED_DATES.has(date) ? '' : zone(date)
      default:
        // Fractions of a second: milliseconds, then zeros (JavaScript dates have no finer ticks).
        if (token.startsWith('f')) return pad(part.ms, 3).padEnd(7, '0').slice(0, token.length)
        return token.startsWith('\\') ? token.slice(1) : token.slice(1, -1)
    }
  })
}

/**
 * True when a format's text depends on the culture: the standard formats other than o, s, u and r,
 * and custom ones with names (MMM, ddd), AM/PM (tt) or the date separator '/'.
 */
export function isCultureSensitive(format: string): boolean {
  if (format.length === 1) return 'dDfFgGmMtTyYU'.includes(format)
  return /MMM|ddd|tt|\//.test(format.replace(/'[^']*'|"[^"]*"|\\./g, ''))
}

function localParts(date: Date) {
  return {
    year: date.getFullYear(),
    month: date.getMonth(),
    day: date.getDate(),
    weekday: date.getDay(),
    hours: date.getHours(),
    minutes: date.getMinutes(),
    seconds: date.getSeconds(),
    ms: date.getMilliseconds(),
  }
}

function utcParts(date: Date) {
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth(),
    day: date.getUTCDate(),
    weekday: date.getUTCDay(),
    hours: date.getUTCHours(),
    minutes: date.getUTCMinutes(),
    seconds: date.getUTCSeconds(),
    ms: date.getUTCMilliseconds(),
  }
}

/** The local offset as +hh:mm. */
function zone(date: Date): string {
  const offset = -date.getTimezoneOffset()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
}

// ---- kinds and parsing ---------------------------------------------------------------------------

/** Dates whose Kind is Utc (ConvertFrom-Json's `...Z`, ToUniversalTime()): shown in UTC. */
const UTC_DATES = new WeakSet<Date>()

/** Marks a date as DateTimeKind.Utc and returns it. */
export function markUtc(date: Date): Date {
  UTC_DATES.add(date)
  return date
}

/** True for a date whose Kind is Utc. */
export function isUtc(date: Date): boolean {
  return UTC_DATES.has(date)
}

/** Dates read from text without a zone (`[datetime]'2024-01-31'`): DateTimeKind.Unspecified. */
const UNSPECIFIED_DATES = new WeakSet<Date>()

/** A date's DateTimeKind: 'Utc', 'Unspecified' (parsed without a zone) or 'Local'. */
export function dateKind(date: Date): 'Utc' | 'Unspecified' | 'Local' {
  return UTC_DATES.has(date) ? 'Utc' : UNSPECIFIED_DATES.has(date) ? 'Unspecified' : 'Local'
}

/** `result` with the Kind of `source`, as .NET's AddDays, AddMonths, Date, ... keep it. */
export function withKindOf(source: Date, result: Date): Date {
  if (UTC_DATES.has(source)) UTC_DATES.add(result)
  else if (UNSPECIFIED_DATES.has(source)) UNSPECIFIED_DATES.add(result)
  return result
}

/** How PowerShell turns a date into text (`"$date"`, `[string]$date`): the invariant culture. */
export function invariantDateText(date: Date): string {
  return formatDateWith(date, 'MM/dd/yyyy HH:mm:ss', isUtc(date))
}

/** .NET's AddMonths: the day is clamped to the end of the target month (Jan 31 + 1 month = Feb 29). */
export function addMonths(date: Date, months: number): Date {
  const utc = isUtc(date)
  const year = utc ? date.getUTCFullYear() : date.getFullYear()
  const month = (utc ? date.getUTCMonth() : date.getMonth()) + months
  const day = utc ? date.getUTCDate() : date.getDate()
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const result = new Date(date.getTime())
  if (utc) result.setUTCFullYear(year, month, Math.min(day, last))
  else result.setFullYear(year, month, Math.min(day, last))
  return withKindOf(date, result)
}

/** A two-digit year as .NET reads it (TwoDigitYearMax 2049): 49 is 2049, 50 is 1950. */
function fullYear(text: string): number {
  const year = Number(text)
  return text.length > 2 ? year : year + (year <= 49 ? 2000 : 1900)
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

interface DateFields {
  year: number
  month: number
  day: number
  hour?: number
  minute?: number
  second?: number
  fraction?: string
  /** 'Z', '+hh:mm' or undefined (local). */
  zone?: string
}

/** A date from fields, or undefined when a field is out of range (Feb 30, hour 25). */
function build(fields: DateFields): Date | undefined {
  const { year, month, day, hour = 0, minute = 0, second = 0, fraction = '', zone } = fields
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  const ms = fraction === '' ? 0 : Math.floor(Number(`0.${fraction}`) * 1000)
  if (zone === undefined) {
    const local = new Date(year, month - 1, day, hour, minute, second, ms)
    // JavaScript reads years 0-99 as 1900-1999; the text's four digits mean what they say.
    if (year < 100) local.setFullYear(year, month - 1, day)
    UNSPECIFIED_DATES.add(local)
    return local
  }
  const instant = new Date(Date.UTC(2000, 0, 1, hour, minute, second, ms))
  instant.setUTCFullYear(year, month - 1, day)
  const utc = instant.getTime()
  if (zone === 'Z' || zone === 'z') return new Date(utc)
  const sign = zone.startsWith('-') ? -1 : 1
  const [h, m] = zone.slice(1).split(':').map(Number)
  return new Date(utc - sign * (h * 60 + (m || 0)) * 60_000)
}

const MONTH_INDEX = new Map(
  MONTHS.flatMap((name, index) => [
    [name.toLowerCase(), index + 1],
    [name.slice(0, 3).toLowerCase(), index + 1],
  ]),
)

function hour12(hour: number, designator: string | undefined): number | undefined {
  if (designator === undefined) return hour
  if (hour < 1 || hour > 12) return undefined
  const pm = designator.toLowerCase() === 'pm'
  return (hour % 12) + (pm ? 12 : 0)
}

const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(?:\s*([AaPp][Mm]))?)?`
const ZONE = String.raw`\s*(Z|z|[+-]\d{2}:?\d{2})?`
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}${ZONE}$`)
const SLASHED_YMD = new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${TIME}$`)
const SLASHED_MDY = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})${TIME}$`)
const NAMED_MDY = new RegExp(String.raw`^(?:[A-Za-z]+,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})${TIME}$`)
const NAMED_DMY = new RegExp(String.raw`^(?:[A-Za-z]+,?\s+)?(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})${TIME}$`)
const TIME_ONLY = new RegExp(String.raw`^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?$`)

function withTime(
  date: { year: number; month: number; day: number },
  time: (string | undefined)[],
  zone?: string,
): Date | undefined {
  const [h, min, s, fraction, designator] = time
  const hour = h === undefined ? 0 : hour12(Number(h), designator)
  if (hour === undefined) return undefined
  return build({
    ...date,
    hour,
    minute: min === undefined ? 0 : Number(min),
    second: s === undefined ? 0 : Number(s),
    fraction,
    zone: zone?.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone,
  })
}

/**
 * PowerShell's `[datetime]'text'` (DateTime.Parse in the invariant culture) for the forms scripts
 * use: ISO 8601 (`2024-01-31`, `2024-01-31T10:00:00Z`, `2024-01-31 10:00`), `01/31/2024 [10:00[:00]
 * [PM]]`, `2024/01/31`, `January 31, 2024`, `31 Jan 2024`, and a time alone (today). Returns
 * undefined for anything else and for dates that do not exist (`2024-02-30`).
 */
export function parseDateText(text: string): Date | undefined {
  const trimmed = text.trim()
  let match = ISO.exec(trimmed)
  if (match) {
    return withTime({ year: +match[1], month: +match[2], day: +match[3] }, match.slice(4, 9), match[9])
  }
  if ((match = SLASHED_YMD.exec(trimmed)))
    return withTime({ year: +match[1], month: +match[2], day: +match[3] }, match.slice(4, 9))
  if ((match = SLASHED_MDY.exec(trimmed)))
    return withTime({ year: fullYear(match[3]), month: +match[1], day: +match[2] }, match.slice(4, 9))
  if ((match = NAMED_MDY.exec(trimmed))) {
    const month = MONTH_INDEX.get(match[1].toLowerCase())
    if (month) return withTime({ year: +match[3], month, day: +match[2] }, match.slice(4, 9))
  }
  if ((match = NAMED_DMY.exec(trimmed))) {
    const month = MONTH_INDEX.get(match[2].toLowerCase())
    if (month) return withTime({ year: +match[3], month, day: +match[1] }, match.slice(4, 9))
  }
  if ((match = TIME_ONLY.exec(trimmed))) {
    const now = new Date()
    const today = { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() }
    return withTime(today, [match[1], match[2], match[3], undefined, match[4]])
  }
  return undefined
}

/**
 * ConvertFrom-Json's dates (PowerShell 7 through Newtonsoft.Json): an ISO 8601 date and time string
 * becomes a DateTime; with `Z` its Kind is Utc, with an offset it is converted to local time.
 */
export function jsonDate(text: string): Date | undefined {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:\d{2})?$/.exec(text)
  if (!match) return undefined
  const date = build({
    year: +match[1],
    month: +match[2],
    day: +match[3],
    hour: +match[4],
    minute: +match[5],
    second: match[6] === undefined ? 0 : +match[6],
    fraction: match[7],
    zone: match[8],
  })
  return date && match[8] === 'Z' ? markUtc(date) : date
}

const EXACT_TOKEN = /yyyy|yy|MMMM|MMM|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|fff|ff|f|tt|zzz|K|'[^']*'|"[^"]*"|\\.|./g

/** `[datetime]::ParseExact(text, 'yyyy-MM-dd HH:mm', $null)`: the custom format, exactly. */
export function parseDateExact(text: string, format: string): Date | undefined {
  const standard: Record<string, string> = {
    d: 'MM/dd/yyyy',
    s: "yyyy-MM-dd'T'HH:mm:ss",
    u: "yyyy-MM-dd HH:mm:ss'Z'",
    o: "yyyy-MM-dd'T'HH:mm:ss.fffffffK",
  }
  const pattern = standard[format] ?? format
  const fields: string[] = []
  let source = '^'
  for (const token of pattern.match(EXACT_TOKEN) ?? []) {
    const group = (expression: string, field: string) => {
      fields.push(field)
      source += `(${expression})`
    }
    if (/^(yyyy)$/.test(token)) group('\\d{4}', 'year')
    else if (token === 'yy') group('\\d{2}', 'yy')
    else if (token === 'MMMM' || token === 'MMM') group('[A-Za-z]+', 'monthName')
    else if (
      token === 'MM' ||
      token === 'dd' ||
      token === 'HH' ||
      token === 'hh' ||
      token === 'mm' ||
      token === 'ss'
    )
      group(
        '\\d{2}',
        { MM: 'month', dd: 'day', HH: 'hour', hh: 'hour12', mm: 'minute', ss: 'second' }[token]!,
      )
    else if (
      token === 'M' ||
      token === 'd' ||
      token === 'H' ||
      token === 'h' ||
      token === 'm' ||
      token === 's'
    )
      group('\\d{1,2}', { M: 'month', d: 'day', H: 'hour', h: 'hour12', m: 'minute', s: 'second' }[token]!)
    else if (/^f+$/.test(token)) group(`\\d{${token.length}}`, 'fraction')
    else if (token === 'tt') group('[AaPp][Mm]', 'designator')
    else if (token === 'zzz' || token === 'K') group('Z|[+-]\\d{2}:\\d{2}', 'zone')
    else {
      const literal = token.startsWith('\\')
        ? token.slice(1)
        : /^['"]/.test(token)
          ? token.slice(1, -1)
          : token
      source += literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    }
  }
  const match = new RegExp(`${source}$`).exec(text)
  if (!match) return undefined
  const value: Record<string, string> = {}
  fields.forEach((field, index) => (value[field] = match[index + 1]))
  const month = value.monthName ? MONTH_INDEX.get(value.monthName.toLowerCase()) : Number(value.month ?? 1)
  if (month === undefined) return undefined
  const now = new Date()
  const year = value.year ? +value.year : value.yy ? fullYear(value.yy) : now.getFullYear()
  const hour =
    value.hour12 !== undefined ? hour12(+value.hour12, value.designator ?? 'am') : +(value.hour ?? 0)
  if (hour === undefined) return undefined
  return build({
    year,
    month,
    day: +(value.day ?? 1),
    hour,
    minute: +(value.minute ?? 0),
    second: +(value.second ?? 0),
    fraction: value.fraction,
    zone: value.zone,
  })
}
