// Dates as .NET and PowerShell format them, where the subset used to differ: the round-trip 'o'
// format keeps the Kind, 'u' and 'r' do not convert, Get-Date -UFormat, [timespan]::new and
// Get-Culture. Each expectation cites its source.
import { describe, expect, it } from 'vitest'
import { registry } from '../../cmdlets/index.js'
import { RecordingHost, Session } from '../../src/engine/index.js'
import { Interpreter } from '../../src/language/index.js'
import { toText } from '../../src/language/types.js'

async function run(code: string) {
  const host = new RecordingHost()
  const session = new Session({ host, errorActionPreference: 'Continue' })
  const output: string[] = []
  const errors: string[] = []
  try {
    for await (const item of new Interpreter({ registry, session }).run(code)) output.push(toText(item))
  } catch (error) {
    errors.push((error as Error).message)
  }
  errors.push(...host.errors.map((record) => record.error.message))
  return { output, errors }
}

/** The local offset of a date as .NET's K and zzz print it (+hh:mm). */
function offset(date: Date): string {
  const minutes = -date.getTimezoneOffset()
  const pad = (n: number) => String(Math.floor(n)).padStart(2, '0')
  return `${minutes < 0 ? '-' : '+'}${pad(Math.abs(minutes) / 60)}:${pad(Math.abs(minutes) % 60)}`
}

describe('the round-trip format keeps the Kind', () => {
  // https://learn.microsoft.com/dotnet/standard/base-types/standard-date-and-time-format-strings
  // ("The round-trip ("O", "o") format specifier"): yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK, where
  // K is "Z" for DateTimeKind.Utc, the local offset for Local and nothing for Unspecified:
  // 2009-06-15T13:45:30.0000000Z (Utc), 2009-06-15T13:45:30.0000000-07:00 (Local),
  // 2009-06-15T13:45:30.0000000 (Unspecified).
  it('Utc: Z', async () => {
    const { output } = await run(`
      ([datetime]'2024-01-31').ToUniversalTime().Kind
      (Get-Date -Date '2024-01-31T00:00:00' -AsUTC).ToString('o')
      ('{"at":"2024-01-31T00:00:00Z"}' | ConvertFrom-Json).at.ToString('o')
      [datetime]::UtcNow.Kind
      [datetime]::UtcNow.ToString('o') -match 'Z$'
    `)
    expect(output[0]).toBe('Utc')
    expect(output[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00\.0000000Z$/)
    expect(output.slice(2)).toEqual(['2024-01-31T00:00:00.0000000Z', 'Utc', 'True'])
  })

  it('Unspecified (read without a zone): no suffix', async () => {
    const { output } = await run(`
      ([datetime]'2024-01-31').Kind
      ([datetime]'2024-01-31').ToString('o')
      ([datetime]'2024-01-31 13:45:30').ToString('O')
      ([datetime]'2024-01-31').ToString('yyyy-MM-ddK')
    `)
    expect(output).toEqual([
      'Unspecified',
      '2024-01-31T00:00:00.0000000',
      '2024-01-31T13:45:30.0000000',
      '2024-01-31',
    ])
  })

  it('Local (Get-Date, [datetime]::Now): the local offset', async () => {
    const { output } = await run(`
      $now = Get-Date -Year 2024 -Month 1 -Day 31 -Hour 0 -Minute 0 -Second 0 -Millisecond 0
      $now.Kind
      $now.ToString('o')
    `)
    expect(output).toEqual(['Local', `2024-01-31T00:00:00.0000000${offset(new Date(2024, 0, 31))}`])
  })

  it("'u' and 'r' format the date as it is (no conversion to UTC), with Z / GMT", async () => {
    // Same page, "The universal sortable ("u") format specifier": "no time zone conversion is
    // performed"; RFC1123 ("R", "r"): ddd, dd MMM yyyy HH':'mm':'ss 'GMT'.
    const { output } = await run(`
      ([datetime]'2024-01-31 13:45:30').ToString('u')
      ([datetime]'2024-01-31 13:45:30').ToString('r')
      ([datetime]'2024-01-31 13:45:30').ToString('s')
    `)
    expect(output).toEqual(['2024-01-31 13:45:30Z', 'Wed, 31 Jan 2024 13:45:30 GMT', '2024-01-31T13:45:30'])
  })

  it('the other standard formats are en-US; an unknown one-letter format is an error, not its letter', async () => {
    // Same page, the table of format specifiers with their en-US examples.
    const { output, errors } = await run(`
      $d = [datetime]'2009-06-15 13:45:30'
      $d.ToString('f'); $d.ToString('F'); $d.ToString('M'); $d.ToString('Y'); $d.ToString('%d')
      $d.ToString('x')
    `)
    expect(output).toEqual([
      'Monday, June 15, 2009 1:45 PM',
      'Monday, June 15, 2009 1:45:30 PM',
      'June 15',
      'June 2009',
      '15',
    ])
    expect(errors).toEqual([expect.stringContaining("'x' is not a date format")])
  })
})

describe('Get-Date -UFormat', () => {
  // PowerShell's test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Date.Tests.ps1.
  it.each([
    [`Get-Date -Date 0030-01-01T00:00:00 -UFormat %y/%m/%d-%H`, '30/01/01-00'],
    [
      `Get-Date -Date 1/1/0030 -UFormat "%a%A%b%B%c%C%d%D%e%h%H%I%k%l%j%m%M%p%r"`,
      'TueTuesdayJanJanuaryTue 01 Jan 0030 00:00:0000101/01/30 1Jan0012 0120010100AM12:00:00 AM',
    ],
    [`Get-Date -Date 1/1/0030 -UFormat %S%T%u%U%w%W%x%X%y%Y%%`, '0000:00:00202001/01/3000:00:00300030%'],
    // "using -uformat %s": 1577836800 for 2020-01-01 UTC.
    [`Get-Date -Date 2020-01-01T00:00:00Z -UFormat %s`, '1577836800'],
    // The "-UFormat tests" table for 2030-04-05 01:02:03 (a Friday) and 2030-04-15 13:02:03.
    [
      `Get-Date -Date '2030-04-05 01:02:03' -UFormat '%C|%d|%D|%e|%F|%H|%I|%j|%k|%l|%m|%M|%R|%S|%T|%u|%U|%W|%x|%y|%Y'`,
      '20|05|04/05/30| 5|2030-04-05|01|01|095| 1| 1|04|02|01:02|03|01:02:03|5|13|13|04/05/30|30|2030',
    ],
    [`Get-Date -Date '2030-04-15 13:02:03' -UFormat '%e|%H|%I|%k|%l|%r'`, '15|13|01|13| 1|01:02:03 PM'],
    [`Get-Date -Date '2030-04-15 21:02:03' -UFormat '%r|%R'`, '09:02:03 PM|21:02'],
    // ISO weeks, from the same file's %V, %G and %g cases (after en.wikipedia.org/wiki/ISO_week_date).
    [`Get-Date -Date 1998-01-02 -UFormat %V`, '01'],
    [`Get-Date -Date 2005-01-01 -UFormat '%V %G %g'`, '53 2004 04'],
    [`Get-Date -Date 2008-12-29 -UFormat '%V %G'`, '01 2009'],
    [`Get-Date -Date 2026-01-03 -UFormat %u`, '6'],
    // A leading + is dropped (GetDateCommand.cs: "folks may include the "+" as part of the format").
    [`Get-Date -Date 2024-01-31 -UFormat '+%Y-%m-%d'`, '2024-01-31'],
  ])('%s', async (code, expected) => {
    expect(await run(code)).toEqual({ output: [expected], errors: [] })
  })

  it('an empty -UFormat is refused, as in PowerShell', async () => {
    expect((await run(`Get-Date -UFormat ''`)).errors).toEqual([expect.stringContaining('empty string')])
  })
})

describe('what is not supported says so', () => {
  it('Get-Date -DisplayHint is a clear error with a hint, not a date shown in full', async () => {
    const { output, errors } = await run(`Get-Date -DisplayHint Date`)
    expect(output).toEqual([])
    expect(errors).toEqual([expect.stringContaining('-DisplayHint is not supported in vcs-shell')])
  })
})

describe('[timespan]::new', () => {
  // https://learn.microsoft.com/dotnet/api/system.timespan.-ctor: (ticks), (hours, minutes, seconds),
  // (days, hours, minutes, seconds), (days, hours, minutes, seconds, milliseconds).
  it('builds spans from its constructors', async () => {
    const { output } = await run(`
      "$([timespan]::new(1, 2, 3))"
      "$([timespan]::new(1, 2, 3, 4))"
      [timespan]::new(0, 0, 0, 1, 500).TotalMilliseconds
      [timespan]::new(600000000).TotalMinutes
      [timespan]::new(1, 30, 0).TotalHours
    `)
    expect(output).toEqual(['01:02:03', '1.02:03:04', '1500', '1', '1.5'])
  })

  it('another argument count is an error naming it', async () => {
    expect((await run(`[timespan]::new(1, 2)`)).errors).toEqual([
      expect.stringContaining('Cannot find an overload for "new" and the argument count: "2"'),
    ])
  })
})

describe('Get-Culture', () => {
  // Get-Culture.Tests.ps1: a CultureInfo; -Name ""'s EnglishName is "Invariant Language (Invariant Country)".
  it('is en-US, the culture numbers and dates are formatted in', async () => {
    const { output } = await run(`
      (Get-Culture).Name; (Get-Culture).LCID; (Get-Culture).DisplayName
      (Get-Culture -Name '').EnglishName
    `)
    expect(output).toEqual([
      'en-US',
      '1033',
      'English (United States)',
      'Invariant Language (Invariant Country)',
    ])
  })

  it('another culture is an error that says which it has', async () => {
    expect((await run(`Get-Culture -Name ru-RU`)).errors).toEqual([
      expect.stringContaining("no culture 'ru-RU'"),
    ])
  })
})
