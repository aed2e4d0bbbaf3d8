// PowerShell's intrinsic Count and Length: on $null they are 0, on a single value (a scalar or a
// record without such a property) 1, so "Found $($users.Count) user(s)" reads right whether a
// command output nothing, one object or many. And booleans are True/False as text.
import { describe, expect, it } from 'vitest'
import { evaluate } from './helpers.js'

describe('Count and Length on anything', () => {
  it.each<[string, unknown[]]>([
    ['$null.Count; $null.Length; $nothing.Count; $nothing.Length', [0, 0, 0, 0]],
    ["'abc'.Count; 'abc'.Length; ''.Count", [1, 3, 1]],
    ['(5).Count; (5).Length; $true.Count; [datetime]::Now.Count', [1, 1, 1, 1]],
    ['$o = [pscustomobject]@{ A = 1 }; $o.Count; $o.Length', [1, 1]],
    ['$o = [pscustomobject]@{ Count = 7; Length = 9 }; $o.Count; $o.Length', [7, 9]],
    ['$o = [pscustomobject]@{ A = 1 }; $o.Missing.Count; @($o).Missing.Count', [0, 0]],
    ['@().Count; @(1, 2).Length; @($null).Count', [0, 2, 1]],
  ])('%s', async (text, expected) => {
    expect(await evaluate(text)).toEqual(expected)
  })

  it('counts what a command output: nothing, one object, several', async () => {
    expect(
      await evaluate(
        '$users = Get-Thing -Name "zz*"; "Found $($users.Count) user(s)"\n' +
          '$users = Get-Thing -Count 1; "Found $($users.Count) user(s)"\n' +
          '$users = Get-Thing -Count 3; "Found $($users.Count) user(s)"',
      ),
    ).toEqual(['Found 0 user(s)', 'Found 1 user(s)', 'Found 3 user(s)'])
  })
})

describe('booleans as text', () => {
  it('expand and convert to True/False, and stay booleans as values', async () => {
    expect(
      await evaluate(
        '"$true $false"; "x: $($null -eq $u)"; [string]$true; $true.ToString(); "$(1 -eq 1)" + ""; $null -eq $u',
      ),
    ).toEqual(['True False', 'x: True', 'True', 'True', 'True', true])
  })
})
