// The code of Get-Date (declared in Get-Date.ts).
import { implement, announceCulture, dateFormatSameInInvariant, UsageError } from '../../src/engine/index.js'
import { formatDateWith, isCultureSensitive, markUtc, withKindOf } from '../../src/engine/dates.js'
import { formatUFormat } from './uformat.js'
import type { GetDate } from './Get-Date.js'

/** -Format's named formats (Get-Date reference): file-name-safe stamps, local or UTC. */
const FILE_FORMATS: Record<string, [string, boolean]> = {
  filedate: ['yyyyMMdd', false],
  filedateuniversal: ["yyyyMMdd'Z'", true],
  filedatetime: ["yyyyMMdd'T'HHmmssffff", false],
  filedatetimeuniversal: ["yyyyMMdd'T'HHmmssffff'Z'", true],
}

export const getDate = implement<typeof GetDate>({
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
