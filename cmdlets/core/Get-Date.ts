// Get-Date: the current (or a given) date, for timestamps in file names and reports, with the
// .NET-style -Format patterns PowerShell users know (yyyy-MM-dd HH:mm:ss, o, s, u).
import {
  announceCulture,
  dateFormatSameInInvariant,
  defineCmdlet,
  UsageError,
} from '../../src/engine/index.js'
import { formatDateWith, isCultureSensitive, markUtc, withKindOf } from '../../src/engine/dates.js'
import { formatUFormat } from './uformat.js'

/** -Format's named formats (Get-Date reference): file-name-safe stamps, local or UTC. */
const FILE_FORMATS: Record<string, [string, boolean]> = {
  filedate: ['yyyyMMdd', false],
  filedateuniversal: ["yyyyMMdd'Z'", true],
  filedatetime: ["yyyyMMdd'T'HHmmssffff", false],
  filedatetimeuniversal: ["yyyyMMdd'T'HHmmssffff'Z'", true],
}

/** Get-Date: now, or a parsed date, optionally as formatted text. */
export const GetDate = defineCmdlet({
  name: 'Get-Date',
  synopsis: 'Gets the current date and time, or converts a date, optionally to formatted text.',
  description:
    'Without -Format, outputs a date object (its properties: Year, Month, Day, Hour, Minute, ' +
    'DayOfWeek). -Format takes .NET custom patterns (yyyy, yy, MM, M, dd, d, HH, H, hh, h, mm, m, ' +
    'ss, s, fff, tt, and literal text in quotes), the standard o, s and u, or FileDate, FileDateTime, ' +
    'FileDateUniversal and FileDateTimeUniversal. -UFormat takes the Unix-style specifiers ' +
    '(%Y %m %d %H %M %S %s %j ...). -AsUTC uses UTC.',
  parameters: {
    date: {
      type: 'datetime',
      position: 0,
      pipeline: 'byValue',
      description: 'The date to use instead of now.',
    },
    format: { type: 'string', description: "A pattern such as 'yyyy-MM-dd' or 'o'." },
    uFormat: {
      type: 'string',
      validate: (value: unknown) => (value === '' ? 'The argument is an empty string.' : undefined),
      description:
        "Unix-style specifiers, as PowerShell's: '%Y-%m-%d %H:%M:%S', %s (Unix seconds), %j, %V ...",
    },
    displayHint: {
      type: 'string',
      validateSet: ['Date', 'Time', 'DateTime'],
      description: 'Not supported here (dates display as yyyy-MM-dd HH:mm); use -Format instead.',
    },
    year: { type: 'int', validateRange: [1, 9999], description: 'Replaces the year.' },
    month: { type: 'int', validateRange: [1, 12], description: 'Replaces the month.' },
    day: { type: 'int', validateRange: [1, 31], description: 'Replaces the day of the month.' },
    hour: { type: 'int', validateRange: [0, 23], description: 'Replaces the hour.' },
    minute: { type: 'int', validateRange: [0, 59], description: 'Replaces the minute.' },
    second: { type: 'int', validateRange: [0, 59], description: 'Replaces the second.' },
    millisecond: { type: 'int', validateRange: [0, 999], description: 'Replaces the millisecond.' },
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
  *process(args, ctx) {
    const date = new Date(args.date ?? new Date())
    // -Year, -Month, -Day... replace those parts of the date (Get-Date's documentation); a day past the
    // end of the month is an error there, as here.
    if (args.year !== undefined) date.setFullYear(args.year)
    if (args.month !== undefined) {
      const day = date.getDate()
      date.setDate(1)
      date.setMonth(args.month - 1)
      date.setDate(Math.min(day, new Date(date.getFullYear(), date.getMonth() + 1, 0).getDate()))
    }
    if (args.day !== undefined) {
      const last = new Date(date.getFullYear(), date.getMonth() + 1, 0).getDate()
      if (args.day > last) {
        throw new UsageError(
          'InvalidParameterValue',
          `Get-Date: -Day ${args.day} is past the end of the month (${last} days).`,
        )
      }
      date.setDate(args.day)
    }
    if (args.hour !== undefined) date.setHours(args.hour)
    if (args.minute !== undefined) date.setMinutes(args.minute)
    if (args.second !== undefined) date.setSeconds(args.second)
    if (args.millisecond !== undefined) date.setMilliseconds(args.millisecond)
    // The date keeps its Kind (Unspecified when read without a zone); -AsUTC makes it Utc.
    if (args.date) withKindOf(args.date, date)
    if (args.displayHint !== undefined) {
      throw new UsageError(
        'InvalidParameterValue',
        'Get-Date -DisplayHint is not supported in vcs-shell: dates display as yyyy-MM-dd HH:mm.',
        { hint: "For the date alone: Get-Date -Format D (or 'yyyy-MM-dd'); the time alone: -Format T." },
      )
    }
    if (args.uFormat !== undefined) {
      if (args.format !== undefined)
        throw new UsageError('ParameterSetAmbiguous', 'Get-Date takes -Format or -UFormat, not both.')
      yield formatUFormat(args.asUTC ? markUtc(new Date(date)) : date, args.uFormat)
      return
    }
    if (args.format === undefined) {
      yield args.asUTC ? markUtc(new Date(date)) : date
      return
    }
    const named = FILE_FORMATS[args.format.toLowerCase()]
    if (!named && isCultureSensitive(args.format))
      announceCulture(ctx.session, ctx, dateFormatSameInInvariant(args.format))
    yield named
      ? formatDateWith(date, named[0], named[1] || args.asUTC === true)
      : formatDateWith(date, args.format, args.asUTC === true)
  },
})

export default GetDate
