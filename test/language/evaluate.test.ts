import { describe, expect, it } from 'vitest'
import { toPlain } from '../../src/engine/index.js'
import { evaluate, run } from './helpers.js'

const plain = async (text: string) => toPlain(await evaluate(text))

describe('values', () => {
  it.each<[string, unknown[]]>([
    ["'single $x'", ['single $x']],
    ['$name = "Ann"; "Hi $name, 1+1=$(1 + 1)"', ['Hi Ann, 1+1=2']],
    ['$u = @{ Email = "a@b.c" }; "$u.Email"', ['System.Collections.Hashtable.Email']],
    ['$u = [pscustomobject]@{ Email = "a@b.c" }; "$u.Email"', ['@{Email=a@b.c}.Email']],
    ['$u = @{ Email = "a@b.c" }; "$($u.Email)"', ['a@b.c']],
    ['"tab`there"', ['tab\there']],
    ['$a = 1, 2, 3; "items: $a"', ['items: 1 2 3']],
    ["@'\n  keep 'this' $as is\n'@", ["  keep 'this' $as is"]],
    ['$who = "you"; @"\nHello $who\n"@', ['Hello you']],
    ['42; -7; 1.5; 0x10; 1kb', [42, -7, 1.5, 16, 1024]],
    ['$true; $false; $null', [true, false, null]],
    ['1..4', [1, 2, 3, 4]],
    ['3..1', [3, 2, 1]],
    ["'a', 'b'", ['a', 'b']],
    ['@(1, 2).Count; @().Count; @(@(1)).Count', [2, 0, 1]],
    ['$x = ,5; $x.Count', [1]],
    ["[int]'42'; [int]2.5; [int]3.5; [double]'1.5'", [42, 2, 4, 1.5]],
    ["[string]42; [string]@(1, 2); [bool]'false'; [bool]0; [bool]''", ['42', '1 2', true, false, false]],
    ["([datetime]'2026-01-15T10:00:00Z').ToUniversalTime().ToString('yyyy-MM-dd')", ['2026-01-15']],
    ["[array]'one'; ([string[]]@(1, 2)).GetType().Name", ['one', 'Object[]']],
    ['[void](1 + 1); "after"', ['after']],
    ["$h = @{ Email = 'x'; Role = 'org_member' }; $h.Role; $h['email']; $h.Count", ['org_member', 'x', 2]],
    ['$h = @{}; $h.New = 1; $h.Keys', ['New']],
    ['$o = [pscustomobject]@{ A = 1; B = 2 }; $o.A + $o.b', [3]],
    [
      '5 -is [int]; "x" -is [string]; 5 -isnot [string]; "5" -as [int]; "x" -as [int]',
      [true, true, true, 5, null],
    ],
    ['[math]::Round(2.5); [math]::Round(2.675, 2); [math]::Max(3, 7)', [2, 2.68, 7]],
    ["[string]::IsNullOrEmpty(''); [string]::Join('-', @('a', 'b'))", [true, 'a-b']],
    ['[int]::MaxValue', [2147483647]],
  ])('%j', async (text, expected) => {
    expect(await evaluate(text)).toEqual(expected)
  })
})

describe('operators', () => {
  it.each<[string, unknown[]]>([
    ["'abc' -eq 'ABC'; 'abc' -ceq 'ABC'; 'abc' -ieq 'ABC'", [true, false, true]],
    ['5 -eq "5"; "5" -eq 5; 1 -eq $true', [true, true, true]],
    ["'b' -gt 'a'; 10 -gt 9; '10' -gt '9'", [true, true, false]],
    [
      "'Alice' -like 'a*'; 'Alice' -clike 'a*'; 'x.y' -like 'x?y'; 'ab' -notlike '*c'",
      [true, false, true, true],
    ],
    ["'a@corp.com' -like '*@corp.com'; '[x]' -like '`[x`]'", [true, true]],
    ["'Hello World' -match 'w(or)ld'; $Matches[1]; 'abc' -notmatch 'x'", [true, 'or', true]],
    ["'abc' -match '(?<first>a)'; $Matches.first", [true, 'a']],
    [
      "1, 2, 3 -contains 2; 'a', 'b' -notcontains 'A'; 'B' -in 'a', 'b'; 3 -notin 1, 2",
      [true, false, true, true],
    ],
    ['1, 2, 3, 4 -gt 2', [3, 4]],
    ["'a', 'b', 'a' -eq 'a'", ['a', 'a']],
    [
      '$true -and $false; $true -or $false; -not $true; !$false; $true -xor $true',
      [false, true, false, true, false],
    ],
    ['0 -or ""; "x" -and 1', [false, true]],
    ['1 + 2 * 3; (1 + 2) * 3; 7 % 3; 7 / 2; 2 - -1', [7, 9, 1, 3.5, 3]],
    ["'5' + 1; 5 + '1'; 'ab' * 3; @(1, 2) + 3; @(1) * 2", ['51', 6, 'ababab', 1, 2, 3, 1, 1]],
    ['@{ a = 1 } + @{ b = 2 } | ForEach-Item { $_.Count }', [2]],
    ["'a,b;c' -split '[,;]'; 'a b' -csplit 'B'", ['a', 'b', 'c', 'a b']],
    ["-split ' x  y '; 'a1b1c' -split '1', 2", ['x', 'y', 'a', 'b1c']],
    [
      "'Hello' -replace 'l', 'L'; 'a.b' -replace '\\.', '-'; 'john smith' -replace '(\\w+) (\\w+)', '$2 $1'",
      ['HeLLo', 'a-b', 'smith john'],
    ],
    ["'ABC' -replace 'b'; 'ABC' -creplace 'b', 'x'", ['AC', 'ABC']],
    ["@('a', 'b') -join ', '; -join @('x', 'y')", ['a, b', 'xy']],
    ["'{0} has {1:N0} users ({2:P1})' -f 'corp', 12345, 0.256", ['corp has 12,345 users (25.6 %)']],
    [
      "'[{0,-5}][{1,5}]' -f 'ab', 'cd'; '{0:D3}|{1:F1}|{2:X}' -f 7, 2.25, 255",
      ['[ab   ][   cd]', '007|2.3|FF'],
    ],
    ['$i = 5; $i++; $i; $i--; --$i; $i; ($i++); $i', [6, 4, 4, 5]],
    ['$n = 10; $n += 5; $n -= 3; $n *= 2; $n /= 4; $n %= 4; $n', [2]],
    ["$s = 'a'; $s += 'b'; $s; $list = @(); $list += 1; $list += 2; $list.Count", ['ab', 2]],
    ['$a, $b, $c = 1, 2, 3, 4; $a; $c', [1, 3, 4]],
    ['5 -band 4; 1 -bor 2; 6 -bxor 3; 1 -shl 3', [4, 3, 5, 8]],
  ])('%j', async (text, expected) => {
    expect(await evaluate(text)).toEqual(expected)
  })
})

describe('members, indexing and methods', () => {
  it.each<[string, unknown[]]>([
    [
      "'Hello'.ToUpper(); 'Hello'.ToLower(); '  x '.Trim(); 'xxhixx'.Trim('x'); 'Hello'.Length",
      ['HELLO', 'hello', 'x', 'hi', 5],
    ],
    [
      "'Hello'.StartsWith('He'); 'Hello'.StartsWith('he'); 'Hello'.StartsWith('he', 'OrdinalIgnoreCase'); 'Hello'.EndsWith('lo')",
      [true, false, true, true],
    ],
    [
      "'a@b.c'.Split('@')[1]; 'a, b'.Split(', ').Count; 'a,,b'.Split(',', 'RemoveEmptyEntries').Count",
      ['b.c', 2, 2],
    ],
    [
      "'Hello'.Contains('ell'); 'Hello'.IndexOf('l'); 'Hello'.Replace('l', 'L'); 'Hello'.Substring(1, 3)",
      [true, 2, 'HeLLo', 'ell'],
    ],
    ["'7'.PadLeft(3, '0'); 'ab'.PadRight(4) + '|'; 'abc'[0]; 'abc'[-1]", ['007', 'ab  |', 'a', 'c']],
    ['$a = 10, 20, 30; $a[0]; $a[-1]; $a[1..2]; $a[5]; $a.Count; $a.Length', [10, 30, 20, 30, null, 3, 3]],
    ['$a = 1, 2, 3; $a.Contains(2); $a.IndexOf(3)', [true, 2]],
    ['$users = Get-Thing; $users.Email; $users.Count', ['t0@corp.com', 't1@corp.com', 't2@corp.com', 3]],
    ['(Get-Thing -Count 2).Name.ToUpper()', ['THING-0', 'THING-1']],
    ["(Get-Thing -Count 1).Email.Split('@')[1]", ['corp.com']],
    ['$u = Get-Thing -Count 1; $u.Missing; $u.Count', [null, 1]],
    [
      '@(1, 2, 3).Where({ $_ -ge 2 }); @(1, 2).ForEach({ $_ * 10 }); @(5, 6, 7).Where({ $_ -gt 5 }, "First")',
      [2, 3, 10, 20, 6],
    ],
    ["@('a', 'b').ForEach('Length')", [1, 1]],
    ['$h = @{ a = 1 }; $h.ContainsKey("A"); $h.Add("b", 2); $h.Remove("a"); $h.Keys', [true, 'b']],
    ['$h = @{}; $h["k"] = "v"; $h.k; $a = @(1, 2); $a[1] = 5; $a', ['v', 1, 5]],
    [
      '(5).GetType().Name; "x".GetType().FullName; (Get-Thing -Count 1).GetType().Name',
      ['Int32', 'System.String', 'Thing'],
    ],
    [
      '$d = [datetime]"2026-03-01T00:00:00"; $d.AddDays(-1).Day; $d.Year; $d.AddMonths(1).Month; $d.DayOfWeek',
      [28, 2026, 4, 'Sunday'],
    ],
    [
      "$d = [datetime]'2026-03-01T12:00:00'; ($d - [datetime]'2026-02-28T12:00:00').TotalDays; $d.ToString('dd/MM/yyyy HH:mm')",
      [1, '01/03/2026 12:00'],
    ],
    ['$x = { 1 + 1 }; $x.Invoke(); & $x; $x.ToString()', [2, 2, ' 1 + 1 ']],
    ['$f = { param($a, $b = 10) $a + $b }; & $f 1; & $f -b 2 -a 3; $f.Invoke(5, 5)', [11, 5, 10]],
    ['$g = { "args: $args" }; & $g x y', ['args: x y']],
  ])('%j', async (text, expected) => {
    expect(await evaluate(text)).toEqual(expected)
  })

  it('reads $env:NAME and writes it to the process environment', async () => {
    process.env.VCS_LANGUAGE_TEST = 'from-env'
    expect(
      await evaluate('$env:VCS_LANGUAGE_TEST; $env:VCS_LANGUAGE_TEST = "set"; $env:VCS_NOT_SET'),
    ).toEqual(['from-env', null])
    expect(process.env.VCS_LANGUAGE_TEST).toBe('set')
    delete process.env.VCS_LANGUAGE_TEST
  })
})

describe('pipelines and commands', () => {
  it.each<[string, unknown[]]>([
    ['Get-Thing | ForEach-Item { $_.Name }', ['thing-0', 'thing-1', 'thing-2']],
    ['Get-Thing -Count 5 | ? { $_.Id -ge 3 } | % { $_.Email }', ['t3@corp.com', 't4@corp.com']],
    ["Get-Thing -Count 5 | ? { $PSItem.Name -like '*4' } | % { $PSItem.Id }", [4]],
    ["Get-Thing 'thing-1' | % { $_.Id }", [1]],
    ['gt -Count 2 | % { $_.Id }', [0, 1]],
    ["$prefix = 'thing-'; Get-Thing -Name $prefix* -Count 3 | % { $_.Id }", [0, 1, 2]],
    ["$prefix = 'thing-2'; Get-Thing $prefix | % { $_.Id }", [2]],
    [
      'Write-Value bare-word; Write-Value 42; Write-Value -5; Write-Value a$(1 + 1)b',
      ['bare-word', 42, -5, 'a2b'],
    ],
    [
      "Write-Value 'a', 'b' c; Write-Value -Value:(1 + 1) -Flag:$false",
      [['a', 'b'], 'c', 2, { flag: false }],
    ],
    ['$p = @{ Value = "splat"; Flag = $true }; Write-Value @p', ['splat', { flag: true }]],
    ['$p = "x", "y"; Write-Value @p', ['x', 'y']],
    ['1..3 | Write-Value', [1, 2, 3]],
    ['$users = Get-Thing -Count 2; $users | ForEach-Item { $_.Id * 10 }', [0, 10]],
    ["'one' | Write-Value -Value two", ['one', 'two']],
    ['@() | ForEach-Item { "never" }; "done"', ['done']],
    ['$x = Get-Thing -Count 1; $x.Name; $y = Get-Thing -Count 0; $null -eq $y', ['thing-0', true]],
    ['$n = (Get-Thing -Count 4).Count; $n', [4]],
    ['@(Get-Thing -Count 1).Count; $(Get-Thing -Count 2).Count', [1, 2]],
    [
      'if (Get-Thing -Count 1) { "some" }; if (Get-Thing -Count 0) { "none" } else { "empty" }',
      ['some', 'empty'],
    ],
    // A cmdlet other than ForEach-Object/Where-Object runs its block in a child scope, as in PowerShell.
    ['$sum = 0; Get-Thing -Count 4 | ForEach-Item { $sum += $_.Id }; $sum', [0]],
    ['Get-Thing -Count 2 | ForEach-Item { $_.Id; $_.Id + 100 }', [0, 100, 1, 101]],
  ])('%j', async (text, expected) => {
    expect(toPlain(await evaluate(text))).toEqual(expected)
  })

  it('binds every stage before any stage runs', async () => {
    const { output, shown } = await run('Get-Thing | Remove-Thing -Confirm:$false -Nope 1')
    expect(output).toEqual([])
    expect(shown).toEqual(['Remove-Thing has no parameter -Nope.'])
  })

  it('streams: a downstream stop ends the upstream command', async () => {
    const { interpreter } = await run('')
    const seen: unknown[] = []
    for await (const value of interpreter.run('Get-Forever')) {
      seen.push(value)
      if (seen.length === 3) break
    }
    expect(seen).toEqual([0, 1, 2])
  })

  it('passes pipeline input by value and by property name', async () => {
    const { output } = await run(
      "Get-Thing -Count 2 | Remove-Thing -Confirm:$false; @{ Email = 'e@x.y' } | Remove-Thing -Confirm:$false",
    )
    expect(output).toEqual(['removed t0@corp.com', 'removed t1@corp.com', 'removed e@x.y'])
  })
})

describe('statements', () => {
  it.each<[string, unknown[]]>([
    ["$x = 5; if ($x -gt 3) { 'big' } elseif ($x -gt 1) { 'medium' } else { 'small' }", ['big']],
    ["$x = 2; if ($x -gt 3) { 'big' } elseif ($x -gt 1) { 'medium' } else { 'small' }", ['medium']],
    ['$r = if ($false) { 1 } else { 2 }; $r', [2]],
    ['foreach ($u in Get-Thing) { $u.Id * 2 }', [0, 2, 4]],
    ['foreach ($x in $null) { "never" }; foreach ($x in 7) { $x }', [7]],
    ['foreach ($i in 1..10) { if ($i -eq 2) { continue }; if ($i -gt 3) { break }; $i }', [1, 3]],
    ['for ($i = 0; $i -lt 3; $i++) { $i }', [0, 1, 2]],
    ['$i = 0; while ($i -lt 3) { $i; $i++ }', [0, 1, 2]],
    ['$i = 0; do { $i++ } while ($i -lt 5); $i; do { $i-- } until ($i -le 2); $i', [5, 2]],
    ["$all = foreach ($i in 1..3) { $i * $i }; $all -join ','", ['1,4,9']],
    [
      "try { 'in try'; Get-Failure 'bad' ; 'not reached' } catch { \"caught $($_.Exception.Message)\" } finally { 'finally' }",
      ['in try', 'caught bad', 'finally'],
    ],
    [
      "try { throw 'oops' } catch { $_.Message; $_.Exception.Message; $_.FullyQualifiedErrorId }",
      ['oops', 'oops', 'UserThrown'],
    ],
    ["try { Get-Nope } catch [CommandNotFoundException] { 'not found' } catch { 'other' }", ['not found']],
    ["try { Get-Failure } catch [UsageError] { 'usage' } catch [RemoteError] { 'remote' }", ['remote']],
    [
      'try { Get-Thing -Count x } catch [ParameterBindingException] { $_.Exception.Code }',
      ['InvalidParameterValue'],
    ],
    [
      "try { try { throw 'inner' } finally { 'cleanup' } } catch { 'outer caught ' + $_ }",
      ['cleanup', 'outer caught inner'],
    ],
    ['try { throw "x" } catch { $failed = $true }; $failed', [true]],
    ["$f = { return 'early'; 'late' }; & $f", ['early']],
    ['$f = { param($n) if ($n -le 1) { return 1 }; $n * (& $f ($n - 1)) }; & $f 5', [120]],
    ['1; return; 2', [1]],
    ["foreach ($i in 1..5) { $i; if ($i -eq 2) { return } }; 'never'", [1, 2]],
    ["foreach ($i in 1..3) { $i; if ($i -eq 2) { 'stop'; break } }", [1, 2, 'stop']],
  ])('%j', async (text, expected) => {
    expect(await evaluate(text)).toEqual(expected)
  })
})

describe('variables and scopes', () => {
  it('keeps session variables between runs of one interpreter (the shell)', async () => {
    const { interpreter } = await run('')
    await interpreter.evaluate('$users = Get-Thing -Count 2')
    expect(await interpreter.evaluate('$users.Count; $Users[1].Name')).toEqual([2, 'thing-1'])
  })

  it('gives script blocks a local scope that falls back to the caller; assignments stay local', async () => {
    // about_Scopes / about_Assignment_Operators: `& { }` assigns in its own scope.
    expect(
      await evaluate(
        '$outer = 1; $b = { $inner = 2; $outer = 10; $inner; $outer }; & $b; $outer; $null -eq $inner; & { $global:outer = 3 }; $outer',
      ),
    ).toEqual([2, 10, 1, true, 3])
  })

  it('scopes script files: their new variables do not reach the session', async () => {
    const { interpreter, session } = await run('')
    await interpreter.evaluate('$local = 1', { file: 'job.ps1' })
    expect(session.getVariable('local')).toBeUndefined()
    await interpreter.evaluate('$global = 1')
    expect(session.getVariable('global')).toBe(1)
  })

  it('exposes $Error, $?, $ConfirmPreference and refuses to overwrite constants', async () => {
    const { output, shown } = await run(
      "Get-Failure 'first'; $?; $Error[0].Exception.Message; $Error.Count; $ConfirmPreference; $true = 1",
    )
    expect(output).toEqual([false, 'first', 1, 'High'])
    expect(shown).toEqual(['first', 'Cannot overwrite variable true because it is read-only or constant.'])
  })

  it('$? is False after a statement that wrote a non-terminating error, True after a clean one', async () => {
    const { output } = await run("Write-Problem; $?; 'clean'; $?; $x = Write-Problem; $?")
    expect(output).toEqual(['after the problem', false, 'clean', true, false])
  })

  it('$Error.Clear() empties $Error; ordinary arrays stay fixed-size', async () => {
    const { output, shown } = await run(
      'Get-Failure; $Error.Count; $Error.Clear(); $Error.Count; @(1).Add(2)',
    )
    expect(output).toEqual([1, 0])
    expect(shown.at(-1)).toBe(
      'Exception calling "Add": Collection was of a fixed size. Use $list += $item to add.',
    )
  })

  it('$null = discards', async () => {
    expect(await evaluate('$null = Get-Thing; "nothing else"')).toEqual(['nothing else'])
  })
})

describe('formatting of values', () => {
  it('builds hashtables that keep key order and case-insensitive access', async () => {
    expect(await plain('@{ Zeta = 1; alpha = 2 } | ForEach-Item { $_.ZETA + $_.Alpha }')).toEqual([3])
    expect(await plain("[pscustomobject]@{ Email = 'x'; Role = 'y' }")).toEqual([{ Email: 'x', Role: 'y' }])
    // toEqual ignores key order: check the order itself, with keys that do not sort that way.
    expect(await evaluate('@{ Zeta = 1; alpha = 2; Mid = 3 }.Keys')).toEqual(['Zeta', 'alpha', 'Mid'])
    const [object] = await evaluate("[pscustomobject]@{ Zeta = 'x'; alpha = 'y'; Mid = 1 }")
    expect(Object.keys(object as object)).toEqual(['Zeta', 'alpha', 'Mid'])
  })

  it('does not let a hashtable key change the prototype', async () => {
    const [table] = await evaluate("@{ '__proto__' = @{ polluted = 1 } }")
    expect(Object.getPrototypeOf(table)).toBe(Object.prototype)
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
  })
})
