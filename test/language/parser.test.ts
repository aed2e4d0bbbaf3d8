import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/engine/index.js'
import { formatDiagnostic, isIncompleteParseError, parse } from '../../src/language/index.js'
import { printScript } from './print-ast.js'

const shape = (text: string) => printScript(parse(text))

describe('grammar: pipelines and commands', () => {
  it.each([
    [
      "Get-VcsUser -Name 'A*' | Select-Object -First 5 Email, Name",
      "(cmd Get-VcsUser -Name 'A*') | (cmd Select-Object -First 5 (array Email Name))",
    ],
    ['Get-X -Name A*', '(cmd Get-X -Name A*)'],
    ['Get-X -Name $prefix*', '(cmd Get-X -Name "{$prefix}*")'],
    ['Get-X -Name $user.Email', '(cmd Get-X -Name $user.Email)'],
    ['Get-X a$b c', '(cmd Get-X "a{$b}" c)'],
    ['Remove-X -Confirm:$false -WhatIf', '(cmd Remove-X -Confirm:$false -WhatIf)'],
    ["Get-X -Name:'a','b'", "(cmd Get-X -Name:(array 'a' 'b'))"],
    ['Get-X -First 5 -Skip -1', '(cmd Get-X -First 5 -Skip -1)'],
    ['Get-X 0x10 1.5 1kb 1..5', '(cmd Get-X 16 1.5 1024 1..5)'],
    ['Get-X (Get-Y).Name', '(cmd Get-X ((cmd Get-Y)).Name)'],
    ['Get-X @params', '(cmd Get-X @params)'],
    ['Get-X -- -Name', '(cmd Get-X -Name)'],
    ['gu | ? { $_.Enabled } | % Email', '(cmd gu) | (cmd ? {$_.Enabled}) | (cmd % Email)'],
    ["Where-Object Email -like '*@corp.com'", "(cmd Where-Object Email -like '*@corp.com')"],
    ['Get-X |\n  Select-Object Name', '(cmd Get-X) | (cmd Select-Object Name)'],
    ['Get-X `\n  -Force', '(cmd Get-X -Force)'],
    ['Get-X\n| Select-Object Name', '(cmd Get-X) | (cmd Select-Object Name)'],
    ['& $block 1 -Name x', '(cmd & $block 1 -Name x)'],
    ["& 'Get-X'", "(cmd & 'Get-X')"],
    ['$users | Remove-X -WhatIf', '$users | (cmd Remove-X -WhatIf)'],
    ["'a','b' | Get-X", "(array 'a' 'b') | (cmd Get-X)"],
    ['Get-X; Get-Y\nGet-Z', '(cmd Get-X); (cmd Get-Y); (cmd Get-Z)'],
    ['Get-X # a comment\n<# a\nblock #> Get-Y', '(cmd Get-X); (cmd Get-Y)'],
    ['Get-X if else', '(cmd Get-X if else)'],
  ])('%j', (text, expected) => {
    expect(shape(text)).toBe(expected)
  })
})

describe('grammar: values and expressions', () => {
  it.each([
    ["'it''s'", "'it's'"],
    ['"a $name b $($u.Email) `t"', '"a {$name} b {$($u.Email)} \t"'],
    ['"$user.Email"', '"{$user}.Email"'],
    ['"cost: `$5 and ""q"""', `'cost: $5 and "q"'`],
    ['"${odd name} $env:HOME"', '"{$odd name} {$env:HOME}"'],
    ["@'\nline 1\n  'quoted' $x\n'@", "'line 1\n  'quoted' $x'"],
    ['@"\nHi $name\n"@', '"Hi {$name}"'],
    ['42; 1.5; .5; 1e3; 0xff; 2gb', `42; 1.5; 0.5; 1000; 255; ${2 * 1024 ** 3}`],
    ['$true, $false, $null', '(array $true $false $null)'],
    ["@(1, 'a')", "@((array 1 'a'))"],
    ['@()', '@()'],
    ['1..5', '(.. 1 5)'],
    ["@{ Email = 'x'; Role = 'org_member' }", "@{Email='x'; Role='org_member'}"],
    ["@{\n  'a b' = 1\n  2 = $x, $y\n}", "@{'a b'=1; 2=(array $x $y)}"],
    ["[datetime]'2026-01-01'", "([datetime] '2026-01-01')"],
    ['[int]$x + 1', '(+ ([int] $x) 1)'],
    ['[string[]]$x', '([string[]] $x)'],
    ['[pscustomobject]@{ A = 1 }', '([pscustomobject] @{A=1})'],
    ['[datetime]::Now.AddDays(-30)', '[datetime]::Now.AddDays((- 30))'],
    ['[math]::Round(2.567, 2)', '[math]::Round(2.567, 2)'],
    ['$x -is [int]', '(is $x [int])'],
    ['$_.Email', '$_.Email'],
    ['$PSItem.Email.ToLower()', '$PSItem.Email.ToLower()'],
    ["$u.Email.Split('@')[1]", "$u.Email.Split('@')[1]"],
    ['$x[0][-1]', '$x[0][(- 1)]'],
    ['$x[0..2]', '$x[(.. 0 2)]'],
    ["$h.'key with spaces'", "$h.'key with spaces'"],
    ['$h.$name', '$h.$name'],
    ["$a -eq 1 -and $b -like 'x*' -or -not $c", "(or (and (eq $a 1) (like $b 'x*')) (not $c))"],
    ['$a -ceq $b; $a -ieq $b; $a -CNotLike $b', '(ceq $a $b); (eq $a $b); (cnotlike $a $b)'],
    ['!$x', '(! $x)'],
    ['1 + 2 * 3 - 4 / 2 % 3', '(- (+ 1 (* 2 3)) (% (/ 4 2) 3))'],
    ['-not $a -eq $b', '(eq (not $a) $b)'],
    ['1, 2 + 3', '(+ (array 1 2) 3)'],
    ["'{0} {1}' -f 'a', 'b'", "(f '{0} {1}' (array 'a' 'b'))"],
    ["$a -replace 'x', 'y'", "(replace $a (array 'x' 'y'))"],
    ["$list -contains 'x' -and 'y' -in $list", "(and (contains $list 'x') (in 'y' $list))"],
    ['$a -band 4 -eq 4', '(eq (band $a 4) 4)'],
    ['$i++; ++$i; $i--', '($i++); (++ $i); ($i--)'],
    ['$x = 1 +\n  2', '(= $x (+ 1 2))'],
    ['$env:VCS_TOKEN', '$env:VCS_TOKEN'],
    ['$script:count', '$count'],
    [',$x', '(, $x)'],
    ['-split $line; -join $chars', '(split $line); (join $chars)'],
    ['$x.Where({ $_ -gt 1 }, "First")', "$x.Where({(gt $_ 1)}, 'First')"],
    ['{ param($a, [int]$b = 2) $a + $b }', '{(param $a [int]$b=2) (+ $a $b)}'],
  ])('%j', (text, expected) => {
    expect(shape(text)).toBe(expected)
  })
})

describe('grammar: statements', () => {
  it.each([
    ['$users = Get-VcsUser', '(= $users (cmd Get-VcsUser))'],
    ['$n += 1; $h.Count -= 2; $a[0] = 1', '(+= $n 1); (-= $h.Count 2); (= $a[0] 1)'],
    ['$a, $b = 1, 2', '(= (array $a $b) (array 1 2))'],
    ['[int]$n = "5"', "(= ([int] $n) '5')"],
    ['$x = if ($a) { 1 } else { 2 }', '(= $x (if $a {1} else {2}))'],
    ["if ($a) { 'a' } elseif ($b) { 'b' } else { 'c' }", "(if $a {'a'} elseif $b {'b'} else {'c'})"],
    ['if ($a)\n{\n  1\n}\nelse\n{\n  2\n}', '(if $a {1} else {2})'],
    ['foreach ($u in $users) { $u.Email }', '(foreach $u $users {$u.Email})'],
    ['foreach ($u in Get-VcsUser) { }', '(foreach $u (cmd Get-VcsUser) {})'],
    ['for ($i = 0; $i -lt 3; $i++) { $i }', '(for (= $i 0) (lt $i 3) ($i++) {$i})'],
    ['while ($true) { break }', '(while $true {(break)})'],
    ['do { $i++ } until ($i -ge 3)', '(do {($i++)} until (ge $i 3))'],
    ['do { continue } while ($false)', '(do {(continue)} while $false)'],
    [
      "try { Get-X } catch [UsageError], [NotFound] { $_.Message } catch { 'other' } finally { 'done' }",
      "(try {(cmd Get-X)} catch [UsageError] [NotFound] {$_.Message} catch {'other'} finally {'done'})",
    ],
    ['try { 1 }\nfinally { 2 }', '(try {1} finally {2})'],
    ["return; return 5; throw 'bad'; exit 3", "(return); (return 5); (throw 'bad'); (exit 3)"],
    ['throw', '(throw)'],
    [
      'param([Parameter(Mandatory)][string]$Name, [int]$Count = 3, [switch]$Force)\n$Name',
      '(param [Parameter][string]$Name [int]$Count=3 [switch]$Force); $Name',
    ],
    ['[CmdletBinding()]\nparam($a)\n$a', '(param $a); $a'],
    ['# leading comment\nparam($a)', '(param $a)'],
  ])('%j', (text, expected) => {
    expect(shape(text)).toBe(expected)
  })
})

/** [text, message, line, column, length?, incomplete?] */
type ErrorCase = [string, string, number, number, number?, boolean?]

describe('diagnostics: line, column, caret and what was expected', () => {
  it.each<ErrorCase>([
    ['if ($x) {\n  1', "Missing closing '}' in statement block.", 1, 9, 1, true],
    ['(1 + 2', "Missing closing ')' in expression.", 1, 1, 1, true],
    ['1 )', "Unexpected token ')' in expression or statement.", 1, 3, 1],
    ['Get-X }', "Unexpected token '}' in expression or statement.", 1, 7, 1],
    ["'abc", "The string is missing the terminator: '.", 1, 1, 1, true],
    ['"abc', 'The string is missing the terminator: ".', 1, 1, 1, true],
    ["@'\nabc", "The string is missing the terminator: '@.", 1, 1, 1, true],
    ['Get-X |', 'An empty pipe element is not allowed.', 1, 7, 1, true],
    ['Get-X | | Get-Y', 'An empty pipe element is not allowed.', 1, 7, 1],
    ['Get-X | 5', 'Expressions are only allowed as the first element of a pipeline.', 1, 9, 1],
    ['$x -eq', "You must provide a value expression following the '-eq' operator.", 1, 4, 3, true],
    ['$x -eq )', "You must provide a value expression following the '-eq' operator.", 1, 8, 1],
    [
      '$x =',
      "You must provide a value expression on the right-hand side of the '=' operator.",
      1,
      4,
      1,
      true,
    ],
    [
      '5 = 3',
      'The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.',
      1,
      1,
      1,
    ],
    ['$x == 5', "Unexpected token '=' in expression.", 1, 5, 1],
    ['@{ a = 1', "Missing closing '}' in hash literal.", 1, 1, 2, true],
    ['@{ a 1 }', "Missing '=' operator after key in hash literal.", 1, 6, 1],
    ['$a[0', "Missing ']' after array index expression.", 1, 3, 1, true],
    ['$x.Foo(1, 2', "Missing ')' in method call.", 1, 7, 1, true],
    ['$x.', 'Missing property name after the reference operator.', 1, 3, 1, true],
    ['"a $(1 +) b"', "You must provide a value expression following the '+' operator.", 1, 8, 1],
    ['[int', "Missing closing ']' after the type name.", 1, 1, 1, true],
    ['[', "Missing type name after '['.", 1, 1, 1, true],
    ['if $x { }', "Missing '(' after 'if' in if statement.", 1, 1, 2],
    ['if () { }', "Missing condition in if statement after 'if ('.", 1, 4, 1],
    ['if ($x)', 'Missing statement block after if ( condition ).', 1, 1, 2, true],
    ['if ($x) { } else', "Missing statement block after 'else' keyword.", 1, 13, 4, true],
    ['foreach $u in $x { }', "Missing opening '(' after keyword 'foreach'.", 1, 1, 7],
    ['foreach ($u $x) { }', "Missing 'in' after variable in foreach loop.", 1, 13, 2],
    ['foreach (5 in $x) { }', 'Missing variable name after foreach.', 1, 10, 1],
    ['try { }', 'The Try statement is missing its Catch or Finally block.', 1, 1, 3, true],
    ['else { }', "Unexpected token 'else' in expression or statement.", 1, 1, 4],
    ['class Y { }', "The 'class' keyword is not supported in vcs-shell scripts.", 1, 1, 5],
    ['function { }', "Missing name after 'function' keyword.", 1, 1, 8],
    ['switch -Bogus (1) { }', "Unknown switch option '-Bogus'.", 1, 8, 6],
    ['$x = 1; param($a)', 'The param block must be the first thing in a script or script block.', 1, 9, 5],
    ['Get-X >', 'Missing file specification after redirection operator.', 1, 7, 1, true],
    ['Get-X 2>&2', "The redirection '2>&2' is not supported; use 2>&1 (or n>&1).", 1, 7, 4],
    ['Get-X &&', "Missing expression after '&&' in pipeline chain.", 1, 7, 2, true],
    [':lbl $x = 1', 'A label must be followed by a loop or switch statement.', 1, 1, 4],
    ['Get-X -Name:', 'Missing an argument after -Name:.', 1, 7, 6, true],
    ["Get-X 'a',", 'Missing argument in parameter list.', 1, 10, 1, true],
    [
      '$',
      "Variable reference is not valid. '$' was not followed by a valid variable name character.",
      1,
      1,
      1,
    ],
    ['${abc', "Missing closing '}' in variable name.", 1, 1, 1, true],
    ['<# open', "Missing closing '#>' in block comment.", 1, 1, 2, true],
    ['Get-X `', "Missing a line after the line continuation character '`'.", 1, 7, 1, true],
    ['Get-X\n  $a.Foo(\n', "Missing ')' in method call.", 2, 9, 1, true],
    ['$ok = 1\nif ($ok) {\n  Get-X\n', "Missing closing '}' in statement block.", 2, 10, 1, true],
    ['$a = @(1, 2', "Missing closing ')' in subexpression.", 1, 6, 2, true],
    ['param($a', "Missing ')' in the param block.", 1, 6, 1, true],
    ['param([Parameter(Mandatory; $a)])', "Missing ')' in the attribute [Parameter(...)].", 1, 27, 1],
    ['(', "Missing closing ')' in expression.", 1, 1, 1, true],
    ['()', "An expression was expected after '('.", 1, 2, 1],
  ])('%j', (text, message, line, column, length, incomplete) => {
    let caught: unknown
    try {
      parse(text, { file: 'job.ps1' })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(UsageError)
    const error = caught as UsageError
    expect(error.code).toBe('ParseError')
    expect(error.message).toBe(message)
    expect(error.position).toMatchObject({ line, column, file: 'job.ps1' })
    expect(error.position?.lineText).toBe(text.split('\n')[line - 1])
    if (length !== undefined) expect(error.position?.length).toBe(length)
    expect(isIncompleteParseError(error)).toBe(incomplete ?? false)
  })

  it('hints at the PowerShell way for habits from other languages', () => {
    const hint = (text: string) => {
      try {
        parse(text)
      } catch (error) {
        return (error as UsageError).hint
      }
      return undefined
    }
    expect(hint('$x == 5')).toBe('To compare, use -eq (PowerShell has no == operator).')
    expect(hint('if ($a && $b) {}')).toBe("Use -and / -or in conditions, or ';' between statements.")
    expect(hint('$x -eq bob')).toBe("To pass text, quote it: 'bob'.")
    expect(hint('Get-X bob smith')).toBeUndefined()
  })

  it('formats a diagnostic with file, line, column, caret and hint', () => {
    let caught: unknown
    try {
      parse('$ok = 1\nif ($ok) {\n  $x == 2\n}', { file: 'job.ps1' })
    } catch (error) {
      caught = error
    }
    expect(formatDiagnostic(caught)).toBe(
      [
        "job.ps1:3:7: Unexpected token '=' in expression.",
        '  $x == 2',
        '      ^',
        'Hint: To compare, use -eq (PowerShell has no == operator).',
      ].join('\n'),
    )
  })

  it('refuses absurd nesting with a diagnostic, not a stack overflow', () => {
    expect(() => parse('('.repeat(5000) + '1' + ')'.repeat(5000))).toThrow(/nested too deeply/)
    expect(() => parse('@{a='.repeat(3000))).toThrow(UsageError)
    expect(() => parse('"$('.repeat(2000))).toThrow(UsageError)
  })

  it('parses long flat scripts', () => {
    const script = Array.from(
      { length: 2000 },
      (_, i) => `$x${i} = Get-X -Name 'n${i}' | Select-Object -First ${i}`,
    ).join('\n')
    expect(parse(script).statements).toHaveLength(2000)
    expect(parse(Array(5000).fill('1').join(' + ')).statements).toHaveLength(1)
  })
})
