// .NET-style date formatting, shared by Get-Date -Format, the language's -f operator and
// [datetime].ToString('...'): one implementation, so all three agree.

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
  /yyyy|yy|MMMM|MMM|MM|M|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|fff|ff|f|tt|zzz|K|'[^']*'|"[^"]*"|\\./g

/**
 * .NET date formats: standard ('d', 'D', 'g', 'G', 't', 'T', 's', 'u', 'o') and custom ('yyyy-MM-dd HH:mm'),
 * in local time, or in UTC with `utc` (Get-Date -AsUTC).
 */
export function formatDateWith(date: Date, format: string, utc = false): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  switch (format) {
    case 'o':
    case 'O':
      return utc ? date.toISOString() : `${formatDateWith(date, 'yyyy-MM-ddTHH:mm:ss.fff')}${zone(date)}`
    case 's':
      return formatDateWith(date, 'yyyy-MM-ddTHH:mm:ss', utc)
    case 'u':
      return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`
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
      case 'fff':
        return pad(part.ms, 3)
      case 'ff':
        return pad(Math.floor(part.ms / 10))
      case 'f':
        return String(Math.floor(part.ms / 100))
      case 'tt':
        return hours < 12 ? 'AM' : 'PM'
      case 'zzz':
      case 'K':
        return utc ? '+00:00' : zone(date)
      default:
        return token.startsWith('\\') ? token.slice(1) : token.slice(1, -1)
    }
  })
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
