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
  load: () => import('./Get-Date.run.js'),
})

export default GetDate
