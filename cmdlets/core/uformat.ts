// Get-Date -UFormat: the Unix-style specifiers as PowerShell's GetDateCommand.cs UFormatDateString
// maps each to a .NET format (so names are en-US's, as everywhere here). A leading '+' is dropped;
// an unknown specifier is its letter, as there.
import { dateKind, formatDateWith } from '../../src/engine/dates.js'

const MS_PER_DAY = 86_400_000

/** The date's fields in its own clock: UTC for a Utc date, else local time. */
function fields(date: Date, utc: boolean) {
  return utc
    ? {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth(),
        day: date.getUTCDate(),
        weekday: date.getUTCDay(),
        hour: date.getUTCHours(),
      }
    : {
        year: date.getFullYear(),
        month: date.getMonth(),
        day: date.getDate(),
        weekday: date.getDay(),
        hour: date.getHours(),
      }
}

/** 1 for January 1st. */
function dayOfYear(year: number, month: number, day: number): number {
  const start = new Date(0)
  start.setUTCFullYear(year, 0, 1)
  const at = new Date(0)
  at.setUTCFullYear(year, month, day)
  return Math.round((at.getTime() - start.getTime()) / MS_PER_DAY) + 1
}

/** ISO 8601 week-numbering year and week (.NET's ISOWeek.GetYear / GetWeekOfYear). */
function isoWeek(year: number, month: number, day: number): { year: number; week: number } {
  const at = new Date(0)
  at.setUTCFullYear(year, month, day)
  // The Thursday of this week decides its year.
  const weekday = at.getUTCDay() || 7
  const thursday = new Date(at.getTime() + (4 - weekday) * MS_PER_DAY)
  const isoYear = thursday.getUTCFullYear()
  const week = Math.floor((dayOfYear(isoYear, thursday.getUTCMonth(), thursday.getUTCDate()) - 1) / 7) + 1
  return { year: isoYear, week }
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

/** The text of `date` in a -UFormat string (`utc`: format in UTC, as for -AsUTC or a Utc date). */
export function formatUFormat(date: Date, format: string, utc = dateKind(date) === 'Utc'): string {
  const f = fields(date, utc)
  const net = (pattern: string) => formatDateWith(date, pattern, utc)
  let out = ''
  for (let i = format.startsWith('+') ? 1 : 0; i < format.length; i++) {
    const c = format[i]
    if (c !== '%' || i + 1 >= format.length) {
      out += c
      continue
    }
    const spec = format[++i]
    switch (spec) {
      case 'A':
        out += net('dddd')
        break
      case 'a':
        out += net('ddd')
        break
      case 'B':
        out += net('MMMM')
        break
      case 'b':
      case 'h':
        out += net('MMM')
        break
      case 'C':
        out += String(Math.floor(f.year / 100))
        break
      case 'c':
        out += net('ddd dd MMM yyyy HH:mm:ss')
        break
      case 'D':
      case 'x':
        out += net('MM/dd/yy')
        break
      case 'd':
        out += net('dd')
        break
      case 'e':
        out += String(f.day).padStart(2)
        break
      case 'F':
        out += net('yyyy-MM-dd')
        break
      case 'G':
        out += pad(isoWeek(f.year, f.month, f.day).year, 4)
        break
      case 'g':
        out += pad(isoWeek(f.year, f.month, f.day).year % 100)
        break
      case 'H':
        out += net('HH')
        break
      case 'I':
        out += net('hh')
        break
      case 'j':
        out += pad(dayOfYear(f.year, f.month, f.day), 3)
        break
      case 'k':
        out += String(f.hour).padStart(2)
        break
      case 'l':
        out += String(f.hour % 12 || 12).padStart(2)
        break
      case 'M':
        out += net('mm')
        break
      case 'm':
        out += net('MM')
        break
      case 'n':
        out += '\n'
        break
      case 'p':
        out += net('tt')
        break
      case 'R':
        out += net('HH:mm')
        break
      case 'r':
        out += net('hh:mm:ss tt')
        break
      case 'S':
        out += net('ss')
        break
      case 's':
        out += String(Math.round(date.getTime() / 1000))
        break
      case 'T':
      case 'X':
        out += net('HH:mm:ss')
        break
      case 't':
        out += '\t'
        break
      case 'U':
      case 'W':
        out += String(Math.floor(dayOfYear(f.year, f.month, f.day) / 7))
        break
      case 'u':
        out += String(f.weekday || 7)
        break
      case 'V':
        out += pad(isoWeek(f.year, f.month, f.day).week)
        break
      case 'w':
        out += String(f.weekday)
        break
      case 'Y':
        out += net('yyyy')
        break
      case 'y':
        out += net('yy')
        break
      case 'Z':
        out += net('zzz').slice(0, 3)
        break
      default:
        out += spec
    }
  }
  return out
}
