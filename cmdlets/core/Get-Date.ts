// Get-Date: the current (or a given) date, for timestamps in file names and reports, with the
// .NET-style -Format patterns PowerShell users know (yyyy-MM-dd HH:mm:ss, o, s, u).
import { defineCmdlet } from '../../src/engine/index.js'

/** Get-Date: now, or a parsed date, optionally as formatted text. */
export const GetDate = defineCmdlet({
  name: 'Get-Date',
  synopsis: 'Gets the current date and time, or converts a date, optionally to formatted text.',
  description:
    'Without -Format, outputs a date object (its properties: Year, Month, Day, Hour, Minute, ' +
    'DayOfWeek). -Format takes .NET custom patterns (yyyy, yy, MM, M, dd, d, HH, H, hh, h, mm, m, ' +
    'ss, s, fff, tt, and literal text in quotes) or the standard o, s and u. -AsUTC uses UTC.',
  parameters: {
    date: {
      type: 'datetime',
      position: 0,
      pipeline: 'byValue',
      description: 'The date to use instead of now.',
    },
    format: { type: 'string', description: "A pattern such as 'yyyy-MM-dd' or 'o'." },
    asUTC: { type: 'switch', description: 'Converts to UTC before formatting.' },
  },
  examples: [
    { title: 'Today as yyyy-MM-dd', code: "Get-Date -Format 'yyyy-MM-dd'", bindOnly: true },
    {
      title: 'A given date reformatted',
      code: "Get-Date -Date '2026-01-02 03:04:05' -Format 'dd.MM.yyyy HH:mm'",
      expect: ['02.01.2026 03:04'],
    },
    { title: 'Part of a date', code: "(Get-Date -Date '2026-03-04').Month", expect: [3] },
  ],
  *process(args) {
    const date = args.date ?? new Date()
    yield args.format === undefined ? date : formatDate(date, args.format, args.asUTC === true)
  },
})

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

/** Formats a date with a .NET custom or standard (o, s, u) pattern. */
export function formatDate(date: Date, pattern: string, utc = false): string {
  if (pattern === 'o' || pattern === 'O') return utc ? date.toISOString() : isoLocal(date)
  if (pattern === 's') return formatDate(date, "yyyy-MM-dd'T'HH:mm:ss", utc)
  if (pattern === 'u') return formatDate(date, "yyyy-MM-dd HH:mm:ss'Z'", true)
  const part = {
    year: utc ? date.getUTCFullYear() : date.getFullYear(),
    month: utc ? date.getUTCMonth() : date.getMonth(),
    day: utc ? date.getUTCDate() : date.getDate(),
    weekday: utc ? date.getUTCDay() : date.getDay(),
    hour: utc ? date.getUTCHours() : date.getHours(),
    minute: utc ? date.getUTCMinutes() : date.getMinutes(),
    second: utc ? date.getUTCSeconds() : date.getSeconds(),
    ms: utc ? date.getUTCMilliseconds() : date.getMilliseconds(),
  }
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  const tokens: Record<string, () => string> = {
    yyyy: () => pad(part.year, 4),
    yy: () => pad(part.year % 100),
    MMMM: () => MONTHS[part.month],
    MMM: () => MONTHS[part.month].slice(0, 3),
    MM: () => pad(part.month + 1),
    M: () => String(part.month + 1),
    dddd: () => DAYS[part.weekday],
    ddd: () => DAYS[part.weekday].slice(0, 3),
    dd: () => pad(part.day),
    d: () => String(part.day),
    HH: () => pad(part.hour),
    H: () => String(part.hour),
    hh: () => pad(part.hour % 12 || 12),
    h: () => String(part.hour % 12 || 12),
    mm: () => pad(part.minute),
    m: () => String(part.minute),
    ss: () => pad(part.second),
    s: () => String(part.second),
    fff: () => pad(part.ms, 3),
    ff: () => pad(Math.floor(part.ms / 10)),
    f: () => String(Math.floor(part.ms / 100)),
    tt: () => (part.hour < 12 ? 'AM' : 'PM'),
  }
  const matcher = /'[^']*'|"[^"]*"|\\.|yyyy|yy|MMMM|MMM|MM|M|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|fff|ff|f|tt/g
  return pattern.replace(matcher, (token) => {
    if (token.startsWith("'") || token.startsWith('"')) return token.slice(1, -1)
    if (token.startsWith('\\')) return token.slice(1)
    return tokens[token]()
  })
}

function isoLocal(date: Date): string {
  const offset = -date.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  const abs = Math.abs(offset)
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
  return `${formatDate(date, "yyyy-MM-dd'T'HH:mm:ss.fff")}${zone}`
}

export default GetDate
