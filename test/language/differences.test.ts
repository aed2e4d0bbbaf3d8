// The deliberate differences from PowerShell (src/language/README.md, "Differences from PowerShell,
// on purpose") are never silent: the first time a session hits one, a warning says so
// ("vcs-shell differs from PowerShell here: ..."), once, on the warning stream (stderr in one-shot
// runs, never stdout), silenced by -WarningAction SilentlyContinue or $WarningPreference as any
// PowerShell warning is. The output itself stays as the README documents it.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { registry } from '../../cmdlets/index.js'
import { RecordingHost, Session, withTypeName } from '../../src/engine/index.js'
import { foreignCulture } from '../../src/engine/differences.js'
import { Interpreter } from '../../src/language/index.js'
import { toText } from '../../src/language/types.js'
import { runCli } from '../cli/helpers.js'

const PREFIX = 'vcs-shell differs from PowerShell here: '

/** Runs code in a fresh session: its output as text, its warnings, its errors. */
async function run(code: string, variables?: Record<string, unknown>, width = 120) {
  const host = new RecordingHost(false, [], width)
  const session = new Session({ host, errorActionPreference: 'Continue', variables })
  const interpreter = new Interpreter({ registry, session })
  const output: string[] = []
  for await (const item of interpreter.run(code)) output.push(toText(item))
  return { output, warnings: host.warnings, errors: host.errors.map((record) => record.error.message) }
}

let work: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'vcs-differences-'))
})
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

describe('each deliberate difference is announced once per session when it is hit', () => {
  const locale = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, LC_MESSAGES: process.env.LC_MESSAGES }
  afterEach(() => {
    for (const [name, value] of Object.entries(locale)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  })
  const english = () => {
    delete process.env.LC_ALL
    delete process.env.LC_MESSAGES
    process.env.LANG = 'en_US.UTF-8'
  }

  it('CSV: a date cell is ISO 8601, a list cell joined by "; ", a plain value in Value; each said once', async () => {
    english()
    const { output, warnings } = await run(`
      $d = [datetime]'2024-01-31'
      [pscustomobject]@{ When = $d; Tags = 'a', 'b' } | ConvertTo-Csv
      [pscustomobject]@{ When = $d; Tags = 'c', 'd' } | ConvertTo-Csv
      'text' | ConvertTo-Csv
    `)
    expect(output).toEqual([
      '"When","Tags"',
      `"${new Date(2024, 0, 31).toISOString()}","a; b"`,
      '"When","Tags"',
      `"${new Date(2024, 0, 31).toISOString()}","c; d"`,
      '"Value"',
      '"text"',
    ])
    expect(warnings).toEqual([
      expect.stringMatching(/^vcs-shell differs from PowerShell here: a date in Export-Csv\/ConvertTo-Csv/),
      expect.stringMatching(/^vcs-shell differs from PowerShell here: a list in an Export-Csv/),
      expect.stringMatching(/^vcs-shell differs from PowerShell here: a plain value/),
    ])
  })

  it('Export-Csv says it too; -WarningAction SilentlyContinue hides it (and it is said when next hit)', async () => {
    english()
    const file = join(work, 'dates.csv')
    const { warnings } = await run(`
      [pscustomobject]@{ When = [datetime]'2024-01-31' } | Export-Csv '${file}' -WarningAction SilentlyContinue
      [pscustomobject]@{ When = [datetime]'2024-02-01' } | Export-Csv '${file}' -Append
      [pscustomobject]@{ When = [datetime]'2024-02-02' } | Export-Csv '${file}' -Append
    `)
    expect(warnings).toEqual([expect.stringContaining('a date in Export-Csv/ConvertTo-Csv')])
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(5)
  })

  it('a record with no such cell says nothing', async () => {
    english()
    const { warnings } = await run(`[pscustomobject]@{ a = 1; b = 'x' } | ConvertTo-Csv`)
    expect(warnings).toEqual([])
  })

  it('dates shown by Format-Table, Format-List and Out-String: yyyy-MM-dd HH:mm, said once', async () => {
    english()
    const { output, warnings } = await run(`
      $o = [pscustomobject]@{ When = [datetime]'2024-01-31 13:05' }
      ($o | Format-Table | Out-String).Trim()
      $o | Format-List
      $o | Out-String
    `)
    expect(output[0]).toBe('When\n----\n2024-01-31 13:05')
    expect(output).toContain('When : 2024-01-31 13:05')
    expect(warnings).toEqual([expect.stringContaining('dates in tables and lists show as yyyy-MM-dd HH:mm')])
  })

  it('a table whose date column is left out (a narrow terminal) says nothing', async () => {
    english()
    const narrow = await run(
      `[pscustomobject]@{ Name = 'n' * 40; When = [datetime]'2024-01-31' } | Format-Table | Out-String -Stream`,
      undefined,
      30,
    )
    expect(narrow.output.join('\n')).not.toContain('2024')
    expect(narrow.warnings).toEqual([])
  })

  it('a table without dates says nothing', async () => {
    english()
    const { warnings } = await run(`[pscustomobject]@{ a = 1 } | Format-Table | Out-String`)
    expect(warnings).toEqual([])
  })

  it('New-Object PSObject -Property @{} keeps the written order and says so; [ordered] does not', async () => {
    english()
    const ordered = await run(
      `(New-Object PSObject -Property ([ordered]@{ b = 1; a = 2 })).psobject.Properties.Name -join ','`,
    )
    expect(ordered).toMatchObject({ output: ['b,a'], warnings: [] })
    const plain = await run(`
      (New-Object PSObject -Property @{ b = 1; a = 2 }).psobject.Properties.Name -join ','
      (New-Object PSObject -Property @{ d = 1; c = 2 }).psobject.Properties.Name -join ','
    `)
    expect(plain.output).toEqual(['b,a', 'd,c'])
    expect(plain.warnings).toEqual([
      expect.stringContaining("New-Object -Property keeps the hashtable's written order"),
    ])
    // One property has no order to differ in.
    expect((await run(`New-Object PSObject -Property @{ a = 1 } | Out-Null`)).warnings).toEqual([])
  })

  it('[ordered]@{} is an OrderedDictionary, as in PowerShell', async () => {
    // about_Hash_Tables: "[ordered] ... creates a System.Collections.Specialized.OrderedDictionary".
    expect(
      (await run(`([ordered]@{ a = 1 }).GetType().FullName; (@{ a = 1 }).GetType().Name`)).output,
    ).toEqual(['System.Collections.Specialized.OrderedDictionary', 'Hashtable'])
  })

  it('a preference set in a function or & { } stays set, and says so; at the top of a script it does not', async () => {
    english()
    const inner = await run(`
      function Quiet { $WarningPreference = 'Continue'; $VerbosePreference = 'Continue' }
      Quiet
      & { $VerbosePreference = 'SilentlyContinue' }
      $VerbosePreference
    `)
    expect(inner.output).toEqual(['SilentlyContinue'])
    expect(inner.warnings).toEqual([expect.stringContaining('a preference variable')])
    const top = await run(`$VerbosePreference = 'Continue'; $VerbosePreference`)
    expect(top).toMatchObject({ output: ['Continue'], warnings: [] })
  })

  it('GetType() of an integral value beyond Int32 says Int64 and that it cannot tell Double', async () => {
    english()
    const { output, warnings } = await run(`
      (9999999999).GetType().Name
      (512MB * 512MB).GetType().Name
      (5).GetType().Name
    `)
    expect(output).toEqual(['Int64', 'Int64', 'Int32'])
    expect(warnings).toEqual([expect.stringContaining('cannot tell Int64 from Double')])
  })

  it('$WarningPreference = SilentlyContinue silences it; Stop stops the run with the warning', async () => {
    const silent = await run(`$WarningPreference = 'SilentlyContinue'; (9999999999).GetType().Name`)
    expect(silent).toMatchObject({ output: ['Int64'], warnings: [] })
    // Stop: the statement ends with the warning as its error, as Write-Warning -WarningAction Stop does.
    const stop = await run(`$WarningPreference = 'Stop'; (9999999999).GetType().Name; 'after'`)
    expect(stop.output).toEqual(['after'])
    expect(stop.errors).toEqual([expect.stringContaining(PREFIX)])
  })

  it('a vcs-shell record in a string is its name, and says so', async () => {
    english()
    const user = withTypeName('VcsUser', { Name: 'ann@corp.com', Id: 'u1' })
    const { output, warnings } = await run(`"user: $user"; "again: $user"`, { user })
    expect(output).toEqual(['user: ann@corp.com', 'again: ann@corp.com'])
    expect(warnings).toEqual([expect.stringContaining('turns into its name in a string')])
    // A custom object is PowerShell's @{...}: nothing to say.
    expect((await run(`"$([pscustomobject]@{ a = 1 })"`)).warnings).toEqual([])
  })

  it.runIf(process.platform !== 'win32')(
    'ls, sort, cat ... are the cmdlets on Linux too, and say so once',
    async () => {
      english()
      const { output, warnings } = await run(`3, 1, 2 | sort; 5, 4 | sort`)
      expect(output).toEqual(['1', '2', '3', '4', '5'])
      expect(warnings).toEqual([expect.stringContaining('leaves ls, cat, sort')])
      // echo is an alias in PowerShell on Linux too (InitialSessionState.cs keeps it): nothing to say.
      expect((await run(`echo hi`)).warnings).toEqual([])
    },
  )

  it('culture-dependent text is en-US, and says so when the locale is another', async () => {
    // .NET on Linux reads LC_ALL, LC_MESSAGES, then LANG; C and POSIX are the invariant culture.
    expect(foreignCulture({ LANG: 'en_US.UTF-8' })).toBeUndefined()
    expect(foreignCulture({ LANG: 'de_DE.UTF-8' })).toBe('de-DE')
    expect(foreignCulture({ LC_ALL: 'fr_FR', LANG: 'en_US.UTF-8' })).toBe('fr-FR')
    expect(foreignCulture({ LANG: 'C.UTF-8' })).toBe('the invariant culture')
    expect(foreignCulture({})).toBe('the invariant culture')

    english()
    const us = await run(`(1234.5).ToString('N2'); ([datetime]'2024-01-31').ToString()`)
    expect(us).toMatchObject({ output: ['1,234.50', '1/31/2024 12:00:00 AM'], warnings: [] })

    process.env.LANG = 'de_DE.UTF-8'
    const de = await run(`
      (1234.5).ToString('N2'); '{0:N1}' -f 2.25; ([datetime]'2024-01-31').ToString()
      ([datetime]'2024-01-31').ToString('yyyy-MM-dd'); (42).ToString('D5')
    `)
    expect(de.output).toEqual(['1,234.50', '2.3', '1/31/2024 12:00:00 AM', '2024-01-31', '00042'])
    expect(de.warnings).toEqual([
      expect.stringMatching(/^vcs-shell differs .*culture-dependent.*\(here: de-DE\)\.$/),
    ])
    // Culture-free formats (ISO dates, D, X) say nothing.
    const iso = await run(`([datetime]'2024-01-31').ToString('yyyy-MM-dd HH:mm'); (255).ToString('X')`)
    expect(iso).toMatchObject({ output: ['2024-01-31 00:00', 'FF'], warnings: [] })

    // LANG=C (CI, containers): the invariant culture writes N/F numbers and custom date formats with
    // names as en-US does (NumberFormatInfo.InvariantInfo; DateTimeFormatInfo.InvariantInfo has the
    // English names), so nothing is said for them; G ('01/31/2024 00:00:00' there) and C ('¤') differ.
    process.env.LANG = 'C.UTF-8'
    const same = await run(
      `(1234.5).ToString('N2'); '{0:F1}' -f 2.25; ([datetime]'2024-01-31').ToString('dd MMMM yyyy')`,
    )
    expect(same).toMatchObject({ output: ['1,234.50', '2.3', '31 January 2024'], warnings: [] })
    for (const code of [`([datetime]'2024-01-31').ToString()`, `(5).ToString('C')`]) {
      expect((await run(code)).warnings).toEqual([
        expect.stringMatching(/culture-dependent.*\(here: the invariant culture\)\.$/),
      ])
    }
  })

  it.runIf(process.platform !== 'win32')(
    '2>&1 turns a native stderr line into a string, and says so',
    async () => {
      english()
      const { output, warnings } = await run(`sh -c 'echo out; echo err >&2' 2>&1`)
      expect(output.sort()).toEqual(['err', 'out'])
      expect(warnings).toEqual([
        expect.stringContaining("a native program's stderr lines become plain strings"),
      ])
    },
  )

  it('typographic quotes are a parse error that says PowerShell takes them as quotes', async () => {
    await expect(run('Write-Output \u201chello\u201d')).rejects.toThrow(
      /typographic quote .*\(PowerShell takes it as one\)/,
    )
    await expect(run('$x = \u2018hi\u2019')).rejects.toThrow(/typographic quote/)
    // Inside a plain string it is only a character.
    expect((await run(`"it\u2019s"`)).output).toEqual(['it\u2019s'])
  })
})

describe('a one-shot run', () => {
  it('writes the warning to stderr once; stdout has only the output', async () => {
    const result = await runCli(
      [
        '-c',
        `[pscustomobject]@{ When = [datetime]'2024-01-31' } | ConvertTo-Csv; [pscustomobject]@{ When = [datetime]'2024-02-01' } | ConvertTo-Csv`,
      ],
      { env: { LANG: 'en_US.UTF-8' } },
    )
    expect(result.stdout.split('\n').filter(Boolean)).toEqual([
      '"When"',
      expect.stringMatching(/^"2024-01-3\dT/),
      '"When"',
      expect.stringMatching(/^"2024-0[12]-\d\dT/),
    ])
    expect(result.stderr.match(/WARNING: vcs-shell differs from PowerShell here/g)).toHaveLength(1)
  })

  it("says on stderr that dates in a table are in this tool's format; $WarningPreference silences it", async () => {
    const shown = await runCli(['-c', `[pscustomobject]@{ When = [datetime]'2024-01-31 13:05' }`], {
      env: { LANG: 'en_US.UTF-8' },
    })
    expect(shown.stdout).toContain('2024-01-31 13:05')
    expect(shown.stdout).not.toContain('WARNING')
    expect(shown.stderr).toContain('WARNING: vcs-shell differs from PowerShell here: dates in tables')
    const quiet = await runCli(
      [
        '-c',
        `$WarningPreference = 'SilentlyContinue'; [pscustomobject]@{ When = [datetime]'2024-01-31 13:05' }`,
      ],
      { env: { LANG: 'en_US.UTF-8' } },
    )
    expect(quiet.stdout).toContain('2024-01-31 13:05')
    expect(quiet.stderr).toBe('')
  })
})
