// The cmdlets scripts lean on (issue 16), checked against their PowerShell 7.4 reference pages
// (Microsoft.PowerShell.Management / Utility): outputs, aliases and the parameters scripts use.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { RecordingHost, SecureString, Session } from '../../../src/engine/index.js'
import { real, runReal } from '../../language/real.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vcs-cmdlets-'))
const at = (name: string) => path.join(dir, name)

describe('missing parameters of existing cmdlets', () => {
  it.each([
    ['@([pscustomobject]@{A=1},[pscustomobject]@{A=2}) | Where-Object A -EQ 2 | ForEach-Object A', [2]],
    ['Write-Output a b', ['a', 'b']],
    ['Write-Output 1,2 -NoEnumerate | Measure-Object | ForEach-Object Count', [1]],
    ["'a','b','c' | Select-Object -Index 0,2", ['a', 'c']],
    ['[pscustomobject]@{A=1} | Get-Member -MemberType NoteProperty | ForEach-Object Name', ['A']],
    ['(\'{"a":{"b":2}}\' | ConvertFrom-Json -AsHashtable).a.ContainsKey(\'b\')', [true]],
    ["Get-Date -Year 2024 -Month 2 -Day 29 -Format 'yyyy-MM-dd'", ['2024-02-29']],
    ["Get-Date -Date '2024-01-31' -Month 2 -Format 'yyyy-MM-dd'", ['2024-02-29']],
  ])('%s', async (script, expected) => {
    expect(await real(script)).toEqual(expected)
  })
})

describe('files and paths', () => {
  it('writes, appends and reads text files', async () => {
    const file = at('notes.txt')
    await real(`'one','two' | Set-Content '${file}'; Add-Content '${file}' -Value three`)
    expect(readFileSync(file, 'utf8')).toBe('one\ntwo\nthree\n')
    expect(await real(`Get-Content '${file}'`)).toEqual(['one', 'two', 'three'])
    expect(await real(`Get-Content '${file}' -TotalCount 1; Get-Content '${file}' -Tail 1`)).toEqual([
      'one',
      'three',
    ])
    expect(await real(`Get-Content '${file}' -Raw`)).toEqual(['one\ntwo\nthree\n'])
    expect(await real(`cat '${file}' | Measure-Object | ForEach-Object Count`)).toEqual([3])
  })

  it('reports a missing file as PowerShell does, and Test-Path answers', async () => {
    const result = await runReal(
      `Get-Content '${at('none.txt')}'; Test-Path '${at('none.txt')}'; Test-Path '${dir}' -PathType Container`,
    )
    expect(result.output).toEqual([false, true])
    expect(result.host.errors[0].error.message).toBe(
      `Cannot find path '${at('none.txt')}' because it does not exist.`,
    )
  })

  it('creates, lists, copies and removes items', async () => {
    await real(
      `New-Item -ItemType Directory -Path '${at('sub')}' | Out-Null; New-Item -Path '${at('sub')}' -Name a.csv -Value 'x' | Out-Null`,
    )
    expect(await real(`Get-ChildItem '${at('sub')}' | ForEach-Object Name`)).toEqual(['a.csv'])
    await real(`Copy-Item '${at('sub/a.csv')}' '${at('sub/b.csv')}'`)
    expect(await real(`ls '${at('sub')}' -Filter *.csv -Name`)).toEqual(['a.csv', 'b.csv'])
    expect(await real(`(Get-ChildItem '${at('sub')}/*.csv').Count`)).toEqual([2])
    await real(`Remove-Item '${at('sub/a.csv')}' -WhatIf`)
    expect(await real(`Test-Path '${at('sub/a.csv')}'`)).toEqual([true])
    await real(`Remove-Item '${at('sub')}' -Recurse`)
    expect(await real(`Test-Path '${at('sub')}'`)).toEqual([false])
  })

  it('joins, splits and resolves paths', async () => {
    expect(
      await real(
        'Join-Path reports users.csv; Join-Path a b c; Split-Path /data/users.csv -Leaf; Split-Path /data/users.csv; Split-Path /data/users.csv -LeafBase; Split-Path x.csv -Extension',
      ),
    ).toEqual(['reports/users.csv', 'a/b/c', 'users.csv', '/data', 'users', '.csv'])
    expect(await real(`(Resolve-Path '${dir}').Path; "$(Get-Location)" -eq $PWD`)).toEqual([dir, true])
  })
})

describe('objects', () => {
  it('adds members, creates objects and compares lists', async () => {
    expect(
      await real(
        "$o = [pscustomobject]@{ Name = 'Ann' }; $o | Add-Member -NotePropertyName Team -NotePropertyValue ops; $o.Team",
      ),
    ).toEqual(['ops'])
    expect(
      await real(
        "$o = [pscustomobject]@{ Name = 'Ann' }; Add-Member -InputObject $o -MemberType AliasProperty -Name Who -Value Name; $o.Who",
      ),
    ).toEqual(['Ann'])
    const duplicate = await runReal(
      "[pscustomobject]@{ Name = 'Ann' } | Add-Member -NotePropertyName Name -NotePropertyValue x",
    )
    expect(duplicate.host.errors[0].error.message).toMatch(
      /Cannot add a member with the name "Name" because a member with that name already exists/,
    )
  })

  it('New-Object creates what user-management scripts create (about_Object_Creation, New-Object page)', async () => {
    // The New-Object reference: -TypeName (position 0), -ArgumentList (position 1, alias -Args), -Property.
    expect(await real('(New-Object PSObject -Property @{ A = 1 }).A')).toEqual([1])
    expect(
      await real(
        '$o = New-Object -TypeName psobject; $o | Add-Member -NotePropertyName X -NotePropertyValue 5; $o.X',
      ),
    ).toEqual([5])
    expect(
      await real(
        "$a = New-Object System.Collections.ArrayList; [void]$a.Add('x'); $a.Add('y'); $a.Count; $a.GetType().FullName",
      ),
    ).toEqual([1, 2, 'System.Collections.ArrayList'])
    expect(
      await real(
        "$l = New-Object 'System.Collections.Generic.List[string]'; $l.Add('y'); $l.Add('z'); $l -join ','; $l.GetType().Name",
      ),
    ).toEqual(['y,z', 'List`1'])
    expect(
      await real(
        "$h = New-Object System.Collections.Hashtable; $h['k'] = 1; $h.Count; $h.GetType().FullName",
      ),
    ).toEqual([1, 'System.Collections.Hashtable'])
    expect(
      await real(
        "$sb = New-Object -TypeName System.Text.StringBuilder -ArgumentList 'ab'; [void]$sb.Append('c'); \"$sb\"",
      ),
    ).toEqual(['abc'])
    expect(await real("(New-Object DateTime -ArgumentList 2024,2,29).ToString('yyyy-MM-dd')")).toEqual([
      '2024-02-29',
    ])
    expect(await real("(New-Object System.ArgumentException -Args 'bad').Message")).toEqual(['bad'])
    expect(
      await real("(New-Object 'System.Collections.Generic.List[int]' -ArgumentList (,@(3, 4))).Count"),
    ).toEqual([2])
    // Anything else is an error that names the type, and nothing is written.
    for (const [script, message] of [
      [
        'New-Object System.Net.WebClient',
        /New-Object in vcs-shell cannot create \[System\.Net\.WebClient\]; it creates PSObject, Hashtable, ArrayList/,
      ],
      [
        "New-Object 'System.Collections.Generic.Dictionary[String,Int]'",
        /cannot create \[System\.Collections\.Generic\.Dictionary\[String,Int\]\]/,
      ],
      [
        'New-Object System.Collections.ArrayList -Property @{ Nope = 1 }',
        /The member "Nope" was not found for the specified System\.Collections\.ArrayList object/,
      ],
      [
        'New-Object System.Collections.ArrayList 1, 2',
        /Cannot find an appropriate constructor for type System\.Collections\.ArrayList/,
      ],
    ] as const) {
      const result = await runReal(script)
      expect(result.output).toEqual([])
      expect(result.host.errors[0].error.message).toMatch(message)
    }
  })

  it('compares objects (Compare-Object)', async () => {
    // Compare-Object's reference page: => only in the difference, <= only in the reference, == with -IncludeEqual.
    expect(
      await real(
        "Compare-Object 'a','b','c' 'b','c','d' | ForEach-Object { $_.InputObject + $_.SideIndicator }",
      ),
    ).toEqual(['d=>', 'a<='])
    expect(await real('Compare-Object 1,2 2,3 -IncludeEqual | ForEach-Object SideIndicator')).toEqual([
      '==',
      '=>',
      '<=',
    ])
  })

  it('finds text, drops adjacent duplicates and picks at random', async () => {
    expect(await real("'ok','Error: x','fine' | Select-String error | ForEach-Object { \"$_\" }")).toEqual([
      'Error: x',
    ])
    expect(await real("'ok','Error: x' | Select-String error -CaseSensitive")).toEqual([])
    expect(await real("'a.b','axb' | Select-String 'a.b' -SimpleMatch | ForEach-Object Line")).toEqual([
      'a.b',
    ])
    expect(await real('1,1,2,2,1 | Get-Unique')).toEqual([1, 2, 1])
    const [number] = (await real('Get-Random -Minimum 5 -Maximum 6')) as number[]
    expect(number).toBe(5)
    expect(((await real('1..5 | Get-Random -Count 5')) as number[]).sort()).toEqual([1, 2, 3, 4, 5])
    expect(await real('Start-Sleep -Milliseconds 1; "slept"')).toEqual(['slept'])
  })
})

describe('streams, prompts and secrets', () => {
  it('writes verbose, debug and information messages only when asked (about_Preference_Variables)', async () => {
    const result = await runReal(
      "Write-Verbose quiet; Write-Verbose loud -Verbose; $VerbosePreference = 'Continue'; Write-Verbose pref; Write-Information hidden; Write-Information shown -InformationAction Continue",
    )
    expect(result.host.verbose).toEqual(['loud', 'pref'])
    expect(result.host.information).toEqual(['shown'])
  })

  it('draws progress through the host', async () => {
    const result = await runReal('Write-Progress -Activity Inviting -Status half -PercentComplete 50')
    expect(result.host.progress).toEqual([
      expect.objectContaining({ activity: 'Inviting', completed: 50, total: 100 }),
    ])
  })

  it('reads a secret as a SecureString that never shows its text', async () => {
    const host = new (class extends RecordingHost {
      async readSecret() {
        return 'tok-123456789'
      }
      async readLine() {
        return 'app-id'
      }
    })(true)
    const session = new Session({ host, errorActionPreference: 'Continue' })
    const result = await runReal(
      '$s = Read-Host \'Token\' -AsSecureString; "$s"; $s.Length; ($s | ConvertFrom-SecureString -AsPlainText).Length; $c = Get-Credential; $c.UserName',
      { session },
    )
    expect(result.output).toEqual(['System.Security.SecureString', 13, 13, 'app-id'])
    expect(
      (await runReal("ConvertTo-SecureString 'x' -AsPlainText -Force", { session })).output[0],
    ).toBeInstanceOf(SecureString)
  })

  it('says so when it cannot ask', async () => {
    const result = await runReal("Read-Host 'Token' -AsSecureString")
    expect(result.host.errors[0].error.message).toBe(
      'Read-Host needs an interactive shell to ask, and this run cannot ask.',
    )
  })
})

describe('aliases (Get-Alias)', () => {
  it('resolves the usual aliases', async () => {
    expect(
      await real(
        "'ls','cd','pwd','cat','echo','%','select','where','sort','ft','fl','measure','group','gci','gc' | ForEach-Object { (Get-Alias $_).Definition }",
      ),
    ).toEqual([
      'Get-ChildItem',
      'Set-Location',
      'Get-Location',
      'Get-Content',
      'Write-Output',
      'ForEach-Object',
      'Select-Object',
      'Where-Object',
      'Sort-Object',
      'Format-Table',
      'Format-List',
      'Measure-Object',
      'Group-Object',
      'Get-ChildItem',
      'Get-Content',
    ])
  })

  it('writes files with the file written by Set-Content readable by Get-Content via the aliases', async () => {
    writeFileSync(at('aliased.txt'), 'x\n')
    expect(await real(`gc '${at('aliased.txt')}'`)).toEqual(['x'])
  })
})
