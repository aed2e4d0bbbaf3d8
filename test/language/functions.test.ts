// Functions and filters, checked against about_Functions, about_Functions_Advanced_Parameters,
// about_Functions_Advanced_Methods, about_Scopes, about_Automatic_Variables ($input, $PSBoundParameters)
// and about_Comment_Based_Help (PowerShell 7.4 documentation).
import { describe, expect, it } from 'vitest'
import { real, runReal } from './real.js'

describe('functions (about_Functions)', () => {
  it.each([
    // "function Add-Numbers([int]$one, [int]$two) { $one + $two }" (about_Functions, Functions with parameters)
    ['function Add([int]$one, [int]$two) { $one + $two }; Add 1 2', [3]],
    // Default values and named, positional parameters.
    ['function Get-Sq { param([int]$n = 3) $n * $n }; Get-Sq; Get-Sq -n 4; Get-Sq 5', [9, 16, 25]],
    // "all output of a function is returned" and `return` ends it (about_Return).
    ["function f { 'a'; return 'b'; 'c' }; f", ['a', 'b']],
    // A filter runs its body for each input object, $_ the object (about_Functions, Filters).
    ['filter Double { $_ * 2 }; 1,2,3 | Double', [2, 4, 6]],
    // begin/process/end (about_Functions, Piping objects to functions).
    ['function Sum { begin { $t = 0 } process { $t += $_ } end { "total $t" } }; 1..4 | Sum', ['total 10']],
    // Without a process block, the input is in $input at the end (about_Automatic_Variables $input).
    ['function E { $input | ForEach-Object { $_ + 1 } }; 1,2 | E', [2, 3]],
    // Recursion.
    ['function Fact([int]$n) { if ($n -le 1) { 1 } else { $n * (Fact ($n - 1)) } }; Fact 5', [120]],
    // $args collects what no parameter takes (about_Automatic_Variables $args).
    ['function A { $args.Count; $args[1] }; A 1 2 3', [3, 2]],
    // Switch parameters (about_Functions, Switch parameters).
    [
      'function Sw { param([switch]$On) "on=$On" }; Sw; Sw -On; Sw -On:$false',
      ['on=False', 'on=True', 'on=False'],
    ],
    // A typed parameter converts its argument.
    ["function T([int]$n) { $n.GetType().Name }; T '42'", ['Int32']],
    // Output written before a statement in the function is kept with the value (no "return value" only).
    ["function Two { 'x'; 'y' }; $r = Two; $r.Count", [2]],
    // A function is found by name case-insensitively.
    ["function Get-Thing { 'thing' }; get-thing", ['thing']],
  ])('%s', async (script, expected) => {
    expect(await real(script)).toEqual(expected)
  })

  it('runs in its own scope: assignments stay local unless $script: (about_Scopes)', async () => {
    expect(await real('$x = 1; function S { $x = 2; $x }; S; $x')).toEqual([2, 1])
    expect(await real('$count = 0; function Inc { $script:count++ }; Inc; Inc; $count')).toEqual([2])
    // Child scopes see the caller's variables (dynamic scoping, about_Scopes "Parent and child scopes").
    expect(await real('function Inner { $v }; function Outer { $v = "outer"; Inner }; Outer')).toEqual([
      'outer',
    ])
    expect(await real('function G { $global:g = 5 }; G; $g')).toEqual([5])
  })

  it('binds pipeline input by value and by property name, per record (about_Functions_Advanced_Parameters)', async () => {
    expect(
      await real(
        "function Show { [CmdletBinding()] param([Parameter(Mandatory, ValueFromPipeline)][string]$Name) process { \"hi $Name\" } }; 'a','b' | Show",
      ),
    ).toEqual(['hi a', 'hi b'])
    expect(
      await real(
        "function Mail { param([Parameter(ValueFromPipelineByPropertyName)][Alias('Mail')]$Email) process { $Email } }; [pscustomobject]@{Email='x@y'}, [pscustomobject]@{Mail='m@y'} | Mail",
      ),
    ).toEqual(['x@y', 'm@y'])
  })

  it('validates with ValidateSet, ValidateRange, ValidatePattern, ValidateNotNullOrEmpty and Mandatory', async () => {
    expect(await real("function T { param([ValidateSet('Alpha','Beta')]$v) $v }; T -v alpha")).toEqual([
      'Alpha',
    ])
    const cases: [string, RegExp][] = [
      [
        "function T { param([ValidateSet('a','b')]$v) $v }; T -v c",
        /Cannot bind -v of T: 'c' is not one of a, b/,
      ],
      ['function T { param([ValidateRange(1,5)][int]$n) $n }; T 9', /9 is outside the range 1 to 5/],
      ["function T { param([ValidatePattern('^\\d+$')]$n) $n }; T x1", /does not match the pattern/],
      ["function T { param([ValidateNotNullOrEmpty()]$n) $n }; T ''", /the value is empty/],
      ['function T { param([Parameter(Mandatory)]$Name) $Name }; T', /T needs -Name/],
      ['function T { param($Name) $Name }; T -Nope 1', /T has no parameter -Nope/],
      [
        'function T { param([ValidateScript({ $_ -gt 1 })]$n) $n }; T 5',
        /\[ValidateScript\(\)\] on -n is not supported/,
      ],
      [
        'function T { [CmdletBinding()] param($Name) $Name }; T a b',
        /no positional parameter for the argument 'b'/,
      ],
    ]
    for (const [script, message] of cases) {
      const result = await runReal(script)
      expect(result.output).toEqual([])
      expect(result.host.errors.map((record) => record.error.message).join('\n')).toMatch(message)
    }
  })

  it('gives advanced functions the common parameters and $PSBoundParameters', async () => {
    const result = await runReal(
      'function V { [CmdletBinding()] param($Name) Write-Verbose "verbose $Name"; $PSBoundParameters.Keys }; V -Name a -Verbose; V -Name b',
    )
    expect(result.output).toEqual(['Name', 'Name'])
    expect(result.host.verbose).toEqual(['verbose a'])
  })

  it('is a command: Get-Command lists it and Get-Help reads its comment-based help', async () => {
    const script = [
      '<#',
      '.SYNOPSIS',
      'Greets someone.',
      '.PARAMETER Name',
      'Who to greet.',
      '.EXAMPLE',
      'Send-Greeting -Name Ann',
      '#>',
      'function Send-Greeting { param([Parameter(Mandatory)][string]$Name) "Hello $Name" }',
      "Get-Command Send-Greeting | ForEach-Object { $_.CommandType + ' ' + $_.Name }",
      'Get-Help Send-Greeting -Full',
    ].join('\n')
    const output = (await real(script)) as string[]
    expect(output[0]).toBe('Function Send-Greeting')
    const help = output.slice(1).join('\n')
    expect(help).toContain('Greets someone.')
    expect(help).toContain('Who to greet.')
    expect(help).toContain('Send-Greeting -Name Ann')
  })

  it('keeps functions defined at the prompt for later lines, and a script file’s functions in its scope', async () => {
    const first = await runReal("function Hello { 'hi' }")
    expect((await runReal('Hello', { session: first.session })).output).toEqual(['hi'])
    const scripted = await runReal("function Local { 'x' }; Local", { file: 'x.ps1' })
    expect(scripted.output).toEqual(['x'])
    const after = await runReal('Local', { session: scripted.session })
    expect(after.host.errors[0].error.message).toMatch(/not a known cmdlet/)
  })

  it('gives $input as an enumerator, used up once enumerated (about_Automatic_Variables, $input)', async () => {
    // "$input is an enumerator": MoveNext/Current/Reset (the docs' "Using Enumerators"), and what
    // enumerates it (foreach, a pipeline, @(), a string, -join) moves it to its end.
    const script = [
      'function F {',
      '  $input.GetType().FullName',
      '  [void]$input.MoveNext(); "first $($input.Current)"',
      '  foreach ($x in $input) { "rest $x" }',
      '  "again [$(@($input).Count)]"',
      '  $input.Reset(); ($input | Measure-Object).Count',
      "  $input.Reset(); $input -join '+'",
      '}',
      '1,2,3 | F',
    ].join('\n')
    expect(await real(script)).toEqual([
      'System.Collections.ArrayList+ArrayListEnumeratorSimple',
      'first 1',
      'rest 2',
      'rest 3',
      'again [0]',
      3,
      '1+2+3',
    ])
    // The usual loop, $input empty in begin, and all of it in end when there is no process block.
    expect(
      await real('function S { $t = 0; while ($input.MoveNext()) { $t += $input.Current }; $t }; 1..4 | S'),
    ).toEqual([10])
    expect(await real('function K { begin { "begin [$input]" } end { "end [$input]" } }; 7,8 | K')).toEqual([
      'begin []',
      'end [7 8]',
    ])
    expect(await real('function N { "[$input]" }; N')).toEqual(['[]'])
    // A property enumerates the items (member enumeration), and uses the enumerator up.
    expect(
      await real(
        "function P { $input.Name; \"left [$input]\" }; [pscustomobject]@{Name='a'}, [pscustomobject]@{Name='b'} | P",
      ),
    ).toEqual(['a', 'b', 'left []'])
    // .Count would be a guess: refused with the way to count.
    const counted = await runReal('function C { $input.Count }; 1,2 | C')
    expect(counted.output).toEqual([])
    expect(counted.host.errors[0].error.message).toMatch(
      /\$input is an enumerator, not a collection: it has no \.Count/,
    )
  })

  it('refuses runaway recursion with a clear error', async () => {
    const result = await runReal('function Down { Down }; Down')
    expect(result.host.errors[0].error.message).toBe('The script failed due to call depth overflow.')
  })
})
