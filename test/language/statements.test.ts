// switch, loop labels, trap, redirection, pipeline chains, ?:, ??, ??=, dot-sourcing, script files and
// native commands. Expected outputs come from PowerShell 7.4's documentation (about_Switch,
// about_Break, about_Continue, about_Trap, about_Redirection, about_Pipeline_Chain_Operators,
// about_Operators, about_Scripts, about_Native_Commands) and from its Pester tests in
// PowerShell/PowerShell: test/powershell/Language/Scripting/Trap.Tests.ps1,
// test/powershell/Language/Operators/PipelineChainOperator.Tests.ps1,
// test/powershell/Language/Operators/TernaryOperator.Tests.ps1.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { real, runReal } from './real.js'

describe('switch (about_Switch)', () => {
  it.each([
    ["switch (3) { 1 {'one'} 3 {'three'} default {'other'} }", ['three']],
    ["switch (4) { 1 {'one'} default {'other'} }", ['other']],
    // Every matching clause runs: "switch (1) { 1 {'a'} 1 {'b'} }" prints a and b.
    ["switch (1) { 1 {'a'} 1 {'b'} }", ['a', 'b']],
    // An array is enumerated; $_ is the current element.
    ['switch (1,2,3) { 2 { "two" } default { "d$_" } }', ['d1', 'two', 'd3']],
    // break ends the switch, continue moves to the next element.
    ["switch (1,2,3) { 2 { 'two'; break } default { $_ } }", [1, 'two']],
    ['switch (1,2,3) { 2 { continue } default { $_ } }', [1, 3]],
    // The default comparison is exact and case-insensitive; -CaseSensitive changes that.
    ["switch ('ABC') { 'abc' { 'match' } }", ['match']],
    ["switch -CaseSensitive ('ABC') { 'abc' { 'match' } default { 'none' } }", ['none']],
    ["switch ('a*') { 'a*' { 'literal' } }", ['literal']],
    ["switch ('apple') { 'a*' { 'wild' } default { 'exact only' } }", ['exact only']],
    [
      "switch -Wildcard ('apple','banana') { 'a*' { \"wild $_\" } default { \"no $_\" } }",
      ['wild apple', 'no banana'],
    ],
    // -Regex fills $matches.
    ["switch -Regex ('user42') { '(\\d+)$' { $matches[1] } }", ['42']],
    // A script block condition is evaluated with $_.
    ["switch (5, 1) { { $_ -gt 3 } { 'big' } { $_ -le 3 } { 'small' } }", ['big', 'small']],
    // A switch is a value.
    ["$r = switch ('b') { 'a' { 1 } 'b' { 2 } }; $r", [2]],
    // An empty array runs no clause, not even default.
    ["switch (@()) { default { 'never' } }", []],
  ])('%s', async (script, expected) => {
    expect(await real(script)).toEqual(expected)
  })

  it('reads a file line by line with -File', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vcs-switch-'))
    const file = path.join(dir, 'lines.txt')
    writeFileSync(file, 'alpha\nbeta\n')
    expect(await real(`switch -File '${file}' { 'beta' { 'found beta' } default { "other $_" } }`)).toEqual([
      'other alpha',
      'found beta',
    ])
  })
})

describe('loop labels (about_Break, about_Continue)', () => {
  it.each([
    [
      ':outer foreach ($i in 1..3) { foreach ($j in 1..3) { if ($j -eq 2) { continue outer }; "$i$j" } }',
      ['11', '21', '31'],
    ],
    [
      ':outer foreach ($i in 1..3) { foreach ($j in 1..3) { if ($i -eq 2) { break outer }; "$i$j" } }',
      ['11', '12', '13'],
    ],
    [':loop while ($true) { switch (1) { 1 { break loop } } }; "after"', ['after']],
    [
      '$i = 0; :l do { $i++; for ($k = 0; $k -lt 5; $k++) { if ($k -eq 1) { continue l } } } while ($i -lt 3); $i',
      [3],
    ],
  ])('%s', async (script, expected) => {
    expect(await real(script)).toEqual(expected)
  })
})

describe('trap (about_Trap; Trap.Tests.ps1)', () => {
  it.each([
    // "Line after exception should be invoked after continue"
    [
      '$a = . {trap {"outer trap"; continue;} "hello"; throw "exception"; "world"}; $a -join ","',
      ['hello,outer trap,world'],
    ],
    // "Line after exception should NOT be continued when it's from a nested script block"
    [
      '$a = . {trap {"trapped"; continue;}; . {"hello"; throw "exception"; "world"}}; $a -join ","',
      ['hello,trapped'],
    ],
    // "...both inner and outer traps should be triggered"
    [
      '$a = . {trap {"outer trap"; continue;}; . {trap {"inner trap"; break;}; "hello"; throw "exception"; "world"}}; $a -join ","',
      ['hello,inner trap,outer trap'],
    ],
  ])('%s', async (script, expected) => {
    expect(await real(script)).toEqual(expected)
  })

  it('reports the error and goes on when the trap neither breaks nor continues', async () => {
    const result = await runReal('trap { "trapped: $_" }; throw "boom"; "next"')
    expect(result.output).toEqual(['trapped: boom', 'next'])
    expect(result.host.errors.map((record) => record.error.message)).toEqual(['boom'])
  })
})

describe('operators ?:, ??, ??= (about_Operators)', () => {
  it.each([
    ["$true ? 'y' : 'n'", ['y']],
    ["(1 -gt 2) ? 'y' : 'n'", ['n']],
    // TernaryOperator.Tests.ps1: nested ternaries associate to the right.
    ["$x = 2; $x -eq 1 ? 'one' : $x -eq 2 ? 'two' : 'many'", ['two']],
    ["$null ?? 'default'", ['default']],
    ["'set' ?? 'default'", ['set']],
    // ?? binds tighter than comparison (BinaryPrecedenceCoalesce in token.cs).
    ['$null ?? 1 -eq 1', [true]],
    ['$a = $null; $a ??= 5; $a ??= 6; $a', [5]],
  ])('%s', async (script, expected) => {
    expect(await real(script)).toEqual(expected)
  })
})

describe('pipeline chains && and || (about_Pipeline_Chain_Operators; PipelineChainOperator.Tests.ps1)', () => {
  it.each([
    ['Write-Output a && Write-Output b', ['a', 'b']],
    ['"hi" && "there"', ['hi', 'there']],
    ['"hi" || "there"', ['hi']],
    ['1 + 1 && "Hi"', [2, 'Hi']],
    ['Get-Content ./no-such-file || "fallback"', ['fallback']],
    ['Get-Content ./no-such-file && "never"', []],
    ['"hello" && Get-Content ./no-such-file || "there"; "hello" || "there"', ['hello', 'there', 'hello']],
    // Native commands: success is exit code 0.
    ["sh -c 'exit 1' && 'never'; sh -c 'exit 1' || 'ran'; $LASTEXITCODE", ['ran', 1]],
  ])('%s', async (script, expected) => {
    expect(await real(script)).toEqual(expected)
  })
})

describe('redirection (about_Redirection)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vcs-redirect-'))
  const file = (name: string) => path.join(dir, name)

  it('writes output to a file with > and appends with >>', async () => {
    await real(`'one', 'two' > '${file('out.txt')}'; 'three' >> '${file('out.txt')}'`)
    expect(readFileSync(file('out.txt'), 'utf8')).toBe('one\ntwo\nthree\n')
  })

  it('discards output with > $null and errors with 2>$null, which still reach $Error', async () => {
    const result = await runReal(
      'Write-Output gone > $null; Get-Content ./no-such-file 2>$null; $Error.Count',
    )
    expect(result.output).toEqual([1])
    expect(result.host.errors).toEqual([])
  })

  it('merges errors into the output with 2>&1 and sends them to a file with 2>', async () => {
    const merged = await runReal('(Get-Content ./no-such-file 2>&1) | ForEach-Object { "got: $_" }')
    expect(merged.output).toEqual([
      expect.stringMatching(/^got: Cannot find path '.*no-such-file' because it does not exist\.$/),
    ])
    await real(`Get-Content ./no-such-file 2> '${file('err.txt')}'`)
    expect(readFileSync(file('err.txt'), 'utf8')).toMatch(/Cannot find path/)
  })

  it('silences every stream with *> $null', async () => {
    const result = await runReal('& { Write-Output x; Write-Warning w; Write-Error e } *> $null')
    expect(result.output).toEqual([])
    expect(result.host.warnings).toEqual([])
    expect(result.host.errors).toEqual([])
  })
})

describe('scripts and dot-sourcing (about_Scripts)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vcs-scripts-'))
  writeFileSync(
    path.join(dir, 'lib.ps1'),
    '$libLoaded = \'yes\'\nfunction Get-Greeting([string]$Name) { "Hello $Name" }\n',
  )
  writeFileSync(path.join(dir, 'child.ps1'), 'param([int]$Count = 1)\n$inner = 5\n"count $Count"\n')

  it('dot-sources a library: its functions and variables land in the caller', async () => {
    expect(await real(`. '${dir}/lib.ps1'; Get-Greeting Ann; $libLoaded`)).toEqual(['Hello Ann', 'yes'])
  })

  it('runs a script file by path in its own scope, with parameters', async () => {
    expect(await real(`& '${dir}/child.ps1' -Count 3; $inner`)).toEqual(['count 3', null])
  })
})

describe('native commands (about_Native_Commands)', () => {
  it('passes arguments as an argv array (PSNativeCommandArgumentPassing Standard) and returns lines', async () => {
    expect(await real("printf '%s|' a 'b c' '' -x --long=1")).toEqual(['a|b c||-x|--long=1|'])
    expect(await real("$list = 'x', 'y'; printf '<%s>' $list")).toEqual(['<x><y>'])
  })

  it('writes pipeline input to stdin as lines and sets $LASTEXITCODE', async () => {
    expect(await real("'b', 'a' | tr a-z A-Z; $LASTEXITCODE")).toEqual(['B', 'A', 0])
    expect(await real('\'{"name":"ann"}\' | jq -r .name')).toEqual(['ann'])
    expect(await real("sh -c 'exit 3'; $LASTEXITCODE; $?")).toEqual([3, true])
  })

  it('shows stderr, or sends it where 2> says', async () => {
    const shown = await runReal("sh -c 'echo oops >&2'")
    expect(shown.host.information).toEqual(['oops'])
    expect(await real("sh -c 'echo oops >&2' 2>&1")).toEqual(['oops'])
  })
})
