// The silent differences of issue 16, each with the whole class behind it, run with the product's
// cmdlets (ForEach-Object, Where-Object, ConvertFrom-Json). Outputs compare as PowerShell's text of each
// item; the PowerShell behaviour is cited where the corpus does not already carry it.
import { describe, expect, it } from 'vitest'
import { registry } from '../../cmdlets/index.js'
import { RecordingHost, Session } from '../../src/engine/index.js'
import { Interpreter } from '../../src/language/index.js'
import { toText } from '../../src/language/types.js'

async function ps(code: string): Promise<{ output: string[]; errors: string[] }> {
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

const out = async (code: string) => {
  const { output, errors } = await ps(code)
  expect(errors).toEqual([])
  return output
}

describe('ForEach-Object and Where-Object run in the caller scope', () => {
  it('keeps variables set by -Begin, -Process and -End', async () => {
    expect(
      await out('1..3 | ForEach-Object -Begin { $t = 0 } -Process { $t += $_ } -End { "total $t" }'),
    ).toEqual(['total 6'])
    expect(
      await out("$seen = @(); 'a', 'b' | Where-Object { $seen += $_; $true } | Out-Null; $seen -join ','"),
    ).toEqual(['a,b'])
  })

  it('break stops the pipeline and leaves the enclosing loop; continue goes to its next iteration', async () => {
    // about_Break: "Using break inside a pipeline ... such as a ForEach-Object scriptblock ... exits the pipeline".
    expect(
      await out("foreach ($i in 1) { 1..10 | ForEach-Object { if ($_ -gt 3) { break }; $_ } }; 'after'"),
    ).toEqual(['1', '2', '3', 'after'])
    expect(
      await out(
        'foreach ($i in 1, 2) { 1..10 | ForEach-Object { if ($_ -gt 2) { continue }; "$i$_" } }; \'after\'',
      ),
    ).toEqual(['11', '12', '21', '22', 'after'])
    // With no loop around it, break ends the script (the shell line).
    expect(await out("1..10 | ForEach-Object { if ($_ -gt 2) { break }; $_ }; 'not reached'")).toEqual([
      '1',
      '2',
    ])
  })

  it('calls a method by name and refuses a name that is neither property nor method', async () => {
    expect(await out("'a', 'b' | ForEach-Object ToUpper; 'a-b' | ForEach-Object Split '-'")).toEqual([
      'A',
      'B',
      'a',
      'b',
    ])
    const { errors } = await ps("'x' | ForEach-Object Nope")
    expect(errors).toEqual(['ForEach-Object: The input name "Nope" cannot be resolved to a member.'])
  })
})

describe('values', () => {
  it('slices leave out indexes beyond the ends', async () => {
    expect(await out('(1,2,3)[1..10].Count; (1,2,3)[5, 0]; "abc"[1..9] -join ""')).toEqual(['2', '1', 'bc'])
  })

  it('JavaScript names are data', async () => {
    expect(
      await out(
        "$h = @{}; foreach ($u in 'constructor', 'toString', '__proto__') { $h[$u] = 1 }; $h.Count; @{}.ContainsKey('constructor'); $null -eq ([pscustomobject]@{ a = 1 }).hasOwnProperty; $h.toString",
      ),
    ).toEqual(['3', 'False', 'True', '1'])
  })

  it('chained assignment assigns every target', async () => {
    expect(await out('$x = $y = 5; $x; $y; $a = ($b = 2) + 1; $a')).toEqual(['5', '5', '3'])
  })

  it('an object does not gain properties by assignment; a hashtable does', async () => {
    const { output, errors } = await ps('$o = [pscustomobject]@{ a = 1 }; $o.b = 2; $h = @{}; $h.b = 2; $h.b')
    expect(output).toEqual(['2'])
    expect(errors).toEqual([
      "The property 'b' cannot be found on this object. Verify that the property exists and can be set.",
    ])
  })

  it('psobject.Properties lists and sets note properties', async () => {
    expect(
      await out(
        "$o = [pscustomobject]@{ a = 1; b = 'x' }; $o.psobject.Properties.Name -join ','; $o.psobject.Properties | ForEach-Object { $_.Value = 7 }; $o.a; $o.psobject.Properties.MemberType | Select-Object -First 1",
      ),
    ).toEqual(['a,b', '7', 'NoteProperty'])
  })

  it('casts check the integer range', async () => {
    const { errors } = await ps("[int]'99999999999'; [byte]300")
    expect(errors).toEqual([
      'Cannot convert value "99999999999" to type "System.Int32". Error: "Value was either too large or too small for an Int32."',
      'Cannot convert value "300" to type "System.Byte". Error: "Value was either too large or too small for a Byte."',
    ])
  })

  it('$PSVersionTable, `u{} escapes, $OFS', async () => {
    expect(
      await out(
        '$PSVersionTable.PSVersion.Major; $PSVersionTable.PSEdition; "`u{2713}"; $OFS = "-"; "$(1, 2)"',
      ),
    ).toEqual(['7', 'Core', '\u2713', '1-2'])
  })

  it('-replace with a script block and $0; -split with SimpleMatch', async () => {
    expect(
      await out(
        "'abc' -replace 'b', { $_.Value.ToUpper() }; 'abc' -replace 'b', '[$0]'; 'a.b' -split '.', 0, 'SimpleMatch'",
      ),
    ).toEqual(['aBc', 'a[b]c', 'a', 'b'])
  })

  it('"$object" and "$hashtable" are the text PowerShell prints', async () => {
    expect(await out('"$([pscustomobject]@{ a = 1; b = @(1, 2) })"; "$(@{ a = 1 })"')).toEqual([
      '@{a=1; b=System.Object[]}',
      'System.Collections.Hashtable',
    ])
  })
})

describe('dates', () => {
  it('AddMonths clamps, impossible dates are errors, "$date" is invariant', async () => {
    const { output, errors } = await ps(
      "([datetime]'2024-01-31').AddMonths(1).ToString('yyyy-MM-dd'); \"$([datetime]'2024-03-05 14:07:09')\"; [datetime]'2024-02-30'",
    )
    expect(output).toEqual(['2024-02-29', '03/05/2024 14:07:09'])
    expect(errors).toEqual([
      'Cannot convert value "2024-02-30" to type "System.DateTime". Error: "String \'2024-02-30\' was not recognized as a valid DateTime."',
    ])
  })

  it('ConvertFrom-Json makes ISO date-times dates', async () => {
    expect(
      await out(
        '$o = \'{"when":"2024-01-15T10:00:00Z","day":"2024-01-15"}\' | ConvertFrom-Json; $o.when -is [datetime]; "$($o.when)"; $o.day -is [string]',
      ),
    ).toEqual(['True', '01/15/2024 10:00:00', 'True'])
  })
})

describe('exceptions', () => {
  it('catch types match the .NET exception and its bases', async () => {
    expect(
      await out(
        "try { 1/0 } catch [System.DivideByZeroException] { 'dz' }; try { 1/0 } catch [ArithmeticException] { 'arith' }; try { [int]'x' } catch [InvalidCastException] { 'cast' }; try { 1/0 } catch [System.ArgumentException] { 'wrong' } catch { 'other' }",
      ),
    ).toEqual(['dz', 'arith', 'cast', 'other'])
  })
})

describe('.NET pieces', () => {
  it('List[T], ArrayList and StringBuilder', async () => {
    expect(
      await out(
        "$l = [System.Collections.Generic.List[int]]::new(); $l.Add('5'); $l.Add(7); $l.Count; $l[0] -is [int]; $l.ToArray() -join ','; $a = [System.Collections.ArrayList]::new(); $a.Add('x'); $sb = [System.Text.StringBuilder]::new(); [void]$sb.Append('a').Append('b'); $sb.ToString(); $sb.Length",
      ),
    ).toEqual(['2', 'True', '5,7', '0', 'ab', '2'])
  })

  it('[ref] with TryParse, Format, ParseExact, IsNullOrWhiteSpace, Join', async () => {
    expect(
      await out(
        "$n = 0; [int]::TryParse('42', [ref]$n); $n; [int]::TryParse('4x', [ref]$n); $n; $d = $null; [datetime]::TryParse('2024-01-31', [ref]$d); $d.Day; [string]::Format('{0}-{1:00}', 'a', 7); [datetime]::ParseExact('31.01.2024', 'dd.MM.yyyy', $null).ToString('yyyy-MM-dd'); [string]::IsNullOrWhiteSpace(' '); [string]::Join('/', @('a', 'b'))",
      ),
    ).toEqual(['True', '42', 'False', '0', 'True', '31', 'a-07', '2024-01-31', 'True', 'a/b'])
  })

  it('[regex]::Matches and Match with named groups', async () => {
    expect(
      await out(
        "$m = [regex]::Matches('a1b22c333', '\\d+'); $m.Count; $m[2].Value; $r = [regex]::Match('John Smith', '(?<first>\\w+) (?<last>\\w+)'); $r.Groups['last'].Value; $r.Groups[1].Value; [regex]::IsMatch('abc', 'B'); [regex]::IsMatch('abc', 'B', 'IgnoreCase')",
      ),
    ).toEqual(['3', '333', 'Smith', 'John', 'False', 'True'])
  })

  it('[System.IO.Path] builds and splits paths as .NET does on Linux (System.IO.Path reference)', async () => {
    // Combine: a rooted part starts over; GetExtension keeps the dot; GetDirectoryName of a root is $null.
    expect(
      await out(
        "[System.IO.Path]::Combine('/data', 'in', 'users.csv'); [IO.Path]::Combine('a', '/b'); [System.IO.Path]::Join('a', '/b'); [System.IO.Path]::GetFileName('/x/y.csv'); [System.IO.Path]::GetExtension('/x/y.tar.gz'); [System.IO.Path]::GetFileNameWithoutExtension('/x/y.csv'); [System.IO.Path]::GetDirectoryName('/x/y.csv'); $null -eq [System.IO.Path]::GetDirectoryName('/'); [System.IO.Path]::GetTempPath().EndsWith('/')",
      ),
    ).toEqual(['/data/in/users.csv', '/b', 'a/b', 'y.csv', '.gz', 'y', '/x', 'True', 'True'])
    const missing = await ps('[System.IO.Path]::GetRandomFileName()')
    expect(missing.errors.join()).toMatch(/has no static method 'GetRandomFileName'/)
  })

  it('String.Split takes [System.StringSplitOptions] (String.Split and StringSplitOptions reference)', async () => {
    // RemoveEmptyEntries drops empty parts; TrimEntries trims each part (an emptied part stays).
    expect(
      await out(
        "'a,b,,c'.Split(',', [System.StringSplitOptions]::RemoveEmptyEntries) -join '|'; 'a, b ,,c'.Split(',', [StringSplitOptions]::TrimEntries) -join '|'",
      ),
    ).toEqual(['a|b|c', 'a|b||c'])
    expect((await ps('[System.StringSplitOptions]::Bogus')).errors.join()).toMatch(
      /has no static member 'Bogus'/,
    )
  })
})
