// Shell-style binding of the core cmdlets (what the language hands the binder), checked without
// the language: positional forms, operator parameters, aliases and parameter sets.
import { describe, expect, it } from 'vitest'
import { bindArguments, type CommandArgument } from '../../../src/engine/index.js'
import { coreCmdlets } from '../../../cmdlets/core/index.js'

const block = { isScriptBlock: true as const, text: '$_', invoke: async (x: unknown) => x }
const p = (name: string): CommandArgument => ({ kind: 'parameter', name, hasValue: false })
const v = (value: unknown): CommandArgument => ({ kind: 'value', value })
const cmdlet = (name: string) => coreCmdlets.find((c) => c.name === name || c.aliases?.includes(name))!

describe('shell-style binding', () => {
  it.each([
    [
      'Where-Object',
      [v('Email'), p('like'), v('*@corp.com')],
      'likeSet',
      { property: 'Email', like: '*@corp.com' },
    ],
    [
      'Where-Object',
      [v('Email'), p('CLIKE'), v('*@corp.com')],
      'cLikeSet',
      { property: 'Email', cLike: '*@corp.com' },
    ],
    ['Where-Object', [v('Role'), p('in'), v(['a', 'b'])], 'inSet', { property: 'Role', in: ['a', 'b'] }],
    ['Where-Object', [v(block)], 'ScriptBlock', { filterScript: block }],
    ['Where-Object', [v('Enabled')], 'ScriptBlock', { filterScript: 'Enabled' }],
    ['Where-Object', [p('Property'), v('Enabled')], 'Property', { property: 'Enabled' }],
    ['ForEach-Object', [v('Email')], 'ScriptBlock', { process: 'Email' }],
    ['ForEach-Object', [p('MemberName'), v('Email')], 'Member', { memberName: 'Email' }],
    [
      'ForEach-Object',
      [p('Begin'), v(block), p('Process'), v(block)],
      'ScriptBlock',
      { begin: block, process: block },
    ],
    ['Tee-Object', [v('out.txt')], 'File', { filePath: 'out.txt' }],
    ['Tee-Object', [p('Variable'), v('x')], 'Variable', { variable: 'x' }],
  ])('%s %#', (name, args, set, expected) => {
    const binding = bindArguments(cmdlet(name), args as CommandArgument[], { expectingInput: true })
    expect(binding.set).toBe(set)
    expect(binding.args).toEqual(expected)
  })

  it.each([
    ['select', [v(['Email', 'Name']), p('First'), v('3')], { property: ['Email', 'Name'], first: 3 }],
    ['sort', [v('Name'), p('desc')], { property: ['Name'], descending: true }],
    ['measure', [v('Seats'), p('Sum'), p('Average')], { property: ['Seats'], sum: true, average: true }],
    ['group', [v('Role'), p('NoElement')], { property: ['Role'], noElement: true }],
    ['ipcsv', [v('people.csv'), p('Delimiter'), v(';')], { path: 'people.csv', delimiter: ';' }],
    ['epcsv', [v('out.csv'), p('NTI')], { path: 'out.csv', noTypeInformation: true }],
    ['ConvertTo-Json', [p('Depth'), v('5'), p('Compress')], { depth: 5, compress: true }],
    ['ft', [v(['Name', 'Role']), p('AutoSize')], { property: ['Name', 'Role'], autoSize: true }],
    ['help', [v('Where-Object'), p('Full')], { name: 'Where-Object', full: true }],
    ['gcm', [p('Noun'), v('Csv')], { noun: ['Csv'] }],
    ['Get-Date', [p('Format'), v('yyyy')], { format: 'yyyy' }],
  ])('%s %#', (name, args, expected) => {
    expect(bindArguments(cmdlet(name), args as CommandArgument[], { expectingInput: true }).args).toEqual(
      expected,
    )
  })

  it.each([
    ['Where-Object', [v('Email'), p('like'), v('a'), p('eq'), v('b')], /-Like, -Eq cannot be used together/],
    ['Where-Object', [v(42)], /Cannot bind -FilterScript of Where-Object: expected a script block/],
    ['Select-Object', [p('First'), v('-1')], /-First of Select-Object: -1 is outside the range/],
    ['ConvertTo-Json', [p('Depth'), v('200')], /outside the range 0 to 100/],
    ['Out-File', [v('x'), p('Encoding'), v('latin1')], /'latin1' is not one of utf8, utf8NoBOM/],
    ['Import-Csv', [], /Import-Csv needs -Path/],
    [
      'ConvertTo-Csv',
      [p('Delimiter'), v(';;')],
      /Cannot bind -Delimiter of ConvertTo-Csv: ';;' is not a single character/,
    ],
  ])('%s refuses %#', (name, args, message) => {
    expect(() => bindArguments(cmdlet(name), args as CommandArgument[], { expectingInput: false })).toThrow(
      message,
    )
  })
})
