import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/engine/index.js'
import { evaluate, failure } from './helpers.js'

const job = `param(
  [Parameter(Mandatory)][string]$Name,
  [int]$Count = 2,
  [switch]$Force,
  [ValidateSet('member', 'admin')][string]$Role = 'member'
)
"$Name|$Count|$Force|$Role|$($args -join ',')"`

describe('script files: param() and $args', () => {
  it.each<[string[], string]>([
    [['-Name', 'bob'], 'bob|2|False|member|'],
    [['-Name', 'bob', '-Count', '5', '-Force', '-Role', 'ADMIN'], 'bob|5|True|admin|'],
    [['bob', '7'], 'bob|7|False|member|'],
    [['-Name:bob', '-Force:$false', '-Count:3'], 'bob|3|False|member|'],
    [['-na', 'bob', '-c', '1'], 'bob|1|False|member|'],
    [['bob', '1', 'member', 'extra', 'more'], 'bob|1|False|member|extra,more'],
  ])('%j', async (args, expected) => {
    expect(await evaluate(job, { file: 'job.ps1', args })).toEqual([expected])
  })

  it.each<[string[], string, string, number]>([
    [[], 'MissingMandatoryParameter', 'job.ps1 needs -Name.', 2],
    [
      ['-Name', 'x', '-Count', 'many'],
      'InvalidParameterValue',
      'Cannot bind -Count of job.ps1: Cannot convert value "many" to type "System.Int32". Error: "The input string \'many\' was not in a correct format."',
      3,
    ],
    [
      ['-Name', 'x', '-Role', 'owner'],
      'InvalidParameterValue',
      "Cannot bind -Role of job.ps1: 'owner' is not one of member, admin.",
      5,
    ],
    [['-Nmae', 'x'], 'ParameterNotFound', 'job.ps1 has no parameter -Nmae.', 1],
    [['-Name'], 'InvalidParameterValue', 'Missing an argument for parameter -Name of job.ps1.', 1],
  ])('refuses %j', async (args, code, message, line) => {
    const error = await failure(job, { file: 'job.ps1', args })
    expect(error).toBeInstanceOf(UsageError)
    expect(error).toMatchObject({ code, message, exitCode: 2, position: { line, file: 'job.ps1' } })
  })

  it('lists the parameters when one is misspelled', async () => {
    expect((await failure(job, { file: 'job.ps1', args: ['-Nmae', 'x'] })).hint).toBe(
      'Its parameters: -Name, -Count, -Force, -Role.',
    )
  })

  it('gives every argument to $args when there is no param() block', async () => {
    expect(
      await evaluate('$args.Count; $args[0]; $args[1]', { file: 'job.ps1', args: ['-Name', 'x'] }),
    ).toEqual([2, '-Name', 'x'])
    expect(await evaluate('$args.Count', { args: ['a', 'b', 'c'] })).toEqual([3])
  })

  it('sets $PSScriptRoot and $PSCommandPath for a file', async () => {
    const file = path.join('scripts', 'nightly', 'job.ps1')
    expect(await evaluate('$PSScriptRoot; $PSCommandPath', { file })).toEqual([
      path.resolve('scripts/nightly'),
      path.resolve(file),
    ])
  })

  it('evaluates defaults in order, so later ones can use earlier parameters', async () => {
    expect(await evaluate('param($First = 2, $Second = $First * 10) $Second', { file: 'x.ps1' })).toEqual([
      20,
    ])
  })

  it('binds typed parameters that were not given to their empty value', async () => {
    expect(
      await evaluate('param([string]$S, [int]$N, $Any) $S -eq ""; $N; $null -eq $Any', { file: 'x.ps1' }),
    ).toEqual([true, 0, true])
  })

  it('supports [Alias()], [ValidateRange()] and [ValidatePattern()]', async () => {
    const script =
      "param([Alias('e')][ValidatePattern('@')][string]$Email, [ValidateRange(1, 10)][int]$Days = 1) \"$Email $Days\""
    expect(await evaluate(script, { file: 'x.ps1', args: ['-e', 'a@b.c', '-Days', '3'] })).toEqual([
      'a@b.c 3',
    ])
    expect((await failure(script, { file: 'x.ps1', args: ['-Email', 'nope'] })).message).toBe(
      "Cannot bind -Email of x.ps1: 'nope' does not match the pattern '@'.",
    )
    expect((await failure(script, { file: 'x.ps1', args: ['-Days', '11'] })).message).toBe(
      'Cannot bind -Days of x.ps1: The 11 argument is greater than the maximum allowed range of 10. Supply an argument that is less than or equal to 10 and then try the command again.',
    )
  })

  it('binds script block parameters by name and position', async () => {
    expect(
      await evaluate(
        '$b = { param([int]$N, [switch]$Loud) if ($Loud) { "$N!" } else { $N } }; & $b 3; & $b -Loud -N \'4\'',
      ),
    ).toEqual([3, '4!'])
  })

  it('return ends a script file early', async () => {
    expect(await evaluate("'a'; if ($true) { return 'b' }; 'c'", { file: 'x.ps1' })).toEqual(['a', 'b'])
  })
})
