// Get-Date: the current (or a given) date, for timestamps in file names and reports, with the
// .NET-style -Format patterns PowerShell users know (yyyy-MM-dd HH:mm:ss, o, s, u).
import { defineCmdlet } from '../../src/engine/index.js'
import { formatDateWith } from '../../src/engine/dates.js'

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
    yield args.format === undefined ? date : formatDateWith(date, args.format, args.asUTC === true)
  },
})

export default GetDate
