// Booleans as PowerShell shows them when converted to text for output: True and False, in the
// default table, list and bare-value views (the shell and `vcs -c`), in CSV and in expanded
// strings; ConvertTo-Json and JSON output keep true and false.
import { describe, expect, it } from 'vitest'
import { formatDefault, input, toDisplayString, withTypeName } from '../../src/engine/index.js'
import { convertToCsv, convertToJson } from '../../src/library/core.js'
import { runCli } from '../cli/helpers.js'

describe('booleans as text', () => {
  it('toDisplayString is True/False', () => {
    expect([toDisplayString(true), toDisplayString(false), toDisplayString([true, false])]).toEqual([
      'True',
      'False',
      'True, False',
    ])
  })

  it('bare values, table cells and list values', () => {
    expect(formatDefault([true, false])).toEqual(['True', 'False'])
    const flag = (name: string, on: boolean) => withTypeName('Flag', { Name: name, On: on })
    // Booleans are right-aligned, as PowerShell aligns its scalar types (DefaultScalarTypes).
    expect(formatDefault([flag('a', true), flag('b', false)])).toEqual([
      'Name    On',
      '----    --',
      'a     True',
      'b    False',
    ])
    expect(formatDefault([{ A: 1, B: true, C: 3, D: 4, E: false }])).toEqual([
      'A : 1',
      'B : True',
      'C : 3',
      'D : 4',
      'E : False',
    ])
  })

  it('CSV writes True/False; JSON keeps true/false', async () => {
    const record = { Name: 'a', On: true, Off: false }
    expect(await input([record]).pipe(convertToCsv())).toEqual(['"Name","On","Off"', '"a","True","False"'])
    expect(await input([record]).pipe(convertToJson({ compress: true }))).toEqual([
      '{"Name":"a","On":true,"Off":false}',
    ])
  })

  it('vcs -c prints a bare boolean result as True; --output json keeps true', async () => {
    const table = await runCli([
      '--output',
      'table',
      '-c',
      '$null -eq $u; "$true"; [pscustomobject]@{ On = $false }',
    ])
    expect(table.stderr).toBe('')
    expect(table.stdout.split('\n').filter(Boolean)).toEqual(['True', 'True', '   On', '   --', 'False'])
    const json = await runCli(['--output', 'json', '-c', '$null -eq $u'])
    expect(JSON.parse(json.stdout)).toEqual([true])
  })
})
