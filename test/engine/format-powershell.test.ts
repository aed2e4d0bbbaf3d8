// Tables, lists and default output checked against PowerShell's own output. Expected lines are
// copied from PowerShell's tests (test/powershell/Modules/Microsoft.PowerShell.Utility/
// Format-Table.Tests.ps1, cited by test name) or follow its source (src/System.Management.Automation/
// FormatAndOutput/common/TableWriter.cs, ListWriter.cs, ColumnWidthManager.cs, ComplexWriter.cs).
import { describe, expect, it } from 'vitest'
import {
  escapeControl,
  formatDefault,
  formatList,
  formatTable,
  registerView,
} from '../../src/engine/format.js'
import { withTypeName } from '../../src/engine/objects.js'
import { LiveFormat } from '../../src/engine/format-stream.js'

const hashtable = (entries: Record<string, unknown>) => withTypeName('Hashtable', { ...entries })

describe('tables as PowerShell draws them', () => {
  // "Should render header correctly where header is shorter than column width with justification"
  it.each<[string, Record<string, unknown>, string[]]>([
    ['left/right', { a: 'abc', b: 123 }, ['a     b', '-     -', 'abc 123']],
    ['left/left', { a: 'abc', b: 'abc' }, ['a   b', '-   -', 'abc abc']],
    ['right/left', { a: 123, b: 'abc' }, ['  a b', '  - -', '123 abc']],
    ['right/right', { a: 123, b: 123 }, ['  a   b', '  -   -', '123 123']],
  ])('numbers right-aligned, underline as wide as the label: %s', (_, object, expected) => {
    expect(formatTable([object])).toEqual(expected)
  })

  it('Booleans are right-aligned too (DefaultScalarTypes)', () => {
    expect(formatTable([{ Name: 'ann', Active: true }])).toEqual([
      'Name Active',
      '---- ------',
      'ann    True',
    ])
  })

  // "Should render header/row correctly where values are wider than header w/ implicit autosize"
  it.each<[string, Record<string, string>[], string[]]>([
    [
      'first column',
      [
        { abc: '1234', bcd: '123' },
        { abc: '1', bcd: '1234' },
      ],
      ['abc  bcd', '---  ---', '1234 123', '1    1234'],
    ],
    [
      'second column',
      [
        { abc: '123', bcd: '1234' },
        { abc: '1', bcd: '123' },
      ],
      ['abc bcd', '--- ---', '123 1234', '1   123'],
    ],
  ])('columns sized to their content: %s', (_, objects, expected) => {
    expect(formatTable(objects)).toEqual(expected)
  })

  // "Should be formatted correctly with double byte wide chars"
  it('measures wide characters in terminal cells', () => {
    expect(formatTable([{ 哇: '62', dbda: 'KM', 消息: '千' }])).toEqual([
      '哇 dbda 消息',
      '-- ---- ----',
      '62 KM   千',
    ])
  })

  it('keeps CJK names and emoji aligned, and cuts them by cells', () => {
    const rows = [
      { Name: '山田太郎', Email: 'taro@x.jp' },
      { Name: 'Zoë 👩‍💻', Email: 'zoe@x.com' },
      { Name: 'Ann', Email: 'ann@x.com' },
    ]
    expect(formatTable(rows)).toEqual([
      'Name     Email',
      '----     -----',
      '山田太郎 taro@x.jp',
      'Zoë 👩‍💻   zoe@x.com',
      'Ann      ann@x.com',
    ])
    registerView('FmtCjk', { table: [{ label: 'Name', value: 'Name', width: 4 }] })
    // "Format-Table should not have trailing whitespace if there is truncation": a wide character
    // that does not fit is not split; the ellipsis follows the cells that do.
    expect(formatTable([withTypeName('FmtCjk', { Name: '123\u{2B758}' })])).toEqual(['Name', '----', '123…'])
    expect(formatTable([withTypeName('FmtCjk', { Name: '山田太郎' })])).toEqual(['Name', '----', '山…'])
  })

  it('shows the first line of a multi-line cell with an ellipsis (TruncateAtNewLine)', () => {
    // "Format-Table with new line should work": name\s+1.+2 (one line, cut at the break).
    expect(formatTable([{ name: 'one\ntwo', n: 1 }])).toEqual(['name    n', '----    -', 'one…    1'])
  })

  // "Should render rows correctly when wrapped"
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'right',
      { A: 1, B: 2, Name: 'This\nIs some random\nmultiline content' },
      ['A B Name', '- - ----', '1 2 This', '    Is some random', '    multiline content'],
    ],
    [
      'left',
      { Name: 'This\nIs some random\nmultiline content', A: 1, B: 2 },
      [
        'Name                                  A B',
        '----                                  - -',
        'This                                  1 2',
        'Is some random',
        'multiline content',
      ],
    ],
    [
      'middle',
      { A: 1, Name: 'This\nIs some random\nmultiline content', B: 2 },
      [
        'A Name                                  B',
        '- ----                                  -',
        '1 This                                  2',
        '  Is some random',
        '  multiline content',
      ],
    ],
  ])('-Wrap: %s', (_, object, expected) => {
    expect(formatTable([object], { wrap: true })).toEqual(expected)
  })

  it('-Wrap breaks long cells after a space, and a long word where the column ends', () => {
    const rows = [
      { Id: 7, Note: 'the quick brown fox jumps over' },
      { Id: 8, Note: 'abcdefghijklmnopqrstuvwxyz' },
    ]
    expect(formatTable(rows, { width: 14, wrap: true })).toEqual([
      'Id Note',
      '-- ----',
      ' 7 the quick',
      '   brown fox',
      '   jumps over',
      ' 8 abcdefghijk',
      '   lmnopqrstuv',
      '   wxyz',
    ])
  })

  it('a hashtable displays as Name/Value rows, Name 30 cells wide (DictionaryEntry view)', () => {
    expect(formatDefault([hashtable({ a: 1, bee: 'two' })], 80)).toEqual([
      'Name                           Value',
      '----                           -----',
      'a                              1',
      'bee                            two',
    ])
    // -AutoSize sizes Name to its content, as PowerShell's Format-Table -AutoSize does.
    expect(
      formatTable([withTypeName('DictionaryEntry', { Name: 'a', Value: 1 })], { autoSize: true }),
    ).toEqual(['Name Value', '---- -----', 'a    1'])
    expect(formatDefault([new Map([['k', 'v']])], 80)[2]).toBe('k                              v')
  })

  it('nested arrays print one element per line, $null elements not at all', () => {
    expect(formatDefault([1, [2, [3, null, 4]], null, 5])).toEqual(['1', '2', '3', '4', '5'])
    expect(formatDefault([null, null])).toEqual([])
  })

  it('objects after a string get their own header and columns (a new table)', () => {
    expect(formatDefault(['Users:', { Name: 'ann', Id: 1 }, { Name: 'bob', Id: 22 }, 'done', 'bye'])).toEqual(
      ['Users:', '', 'Name Id', '---- --', 'ann   1', 'bob  22', '', 'done', 'bye'],
    )
  })
})

describe('narrow terminals: the view says which columns give way', () => {
  registerView('FmtPerson', {
    table: [
      { label: 'Name', value: 'Name', minWidth: 8, priority: 2 },
      { label: 'Email', value: 'Email', priority: 1, keepWhole: true },
      { label: 'Roles', value: 'Roles', minWidth: 8, priority: 3 },
      { label: 'Id', value: 'Id', priority: 4, keepWhole: true },
    ],
  })
  const person = withTypeName('FmtPerson', {
    Name: 'Samuel Reid-Castellano',
    Email: 'samuel.reid@demo.example',
    Roles: ['org_owner', 'org_member'],
    Id: 'a1b2c3d4-e5f6',
  })

  it.each<[number, string[]]>([
    [
      100,
      [
        'Name                   Email                    Roles                   Id',
        '----                   -----                    -----                   --',
        'Samuel Reid-Castellano samuel.reid@demo.example {org_owner, org_member} a1b2c3d4-e5f6',
      ],
    ],
    [
      // The least important column that may shrink (Roles) gives way first...
      80,
      [
        'Name                   Email                    Roles              Id',
        '----                   -----                    -----              --',
        'Samuel Reid-Castellano samuel.reid@demo.example {org_owner, org_m… a1b2c3d4-e5f6',
      ],
    ],
    [
      // ...then the next (Name); Email and Id stay whole.
      60,
      [
        'Name         Email                    Roles    Id',
        '----         -----                    -----    --',
        'Samuel Reid… samuel.reid@demo.example {org_ow… a1b2c3d4-e5f6',
      ],
    ],
    [
      // Shortening is not enough: the least important column (Id) is dropped.
      50,
      [
        'Name             Email                    Roles',
        '----             -----                    -----',
        'Samuel Reid-Cas… samuel.reid@demo.example {org_ow…',
      ],
    ],
  ])('at %i columns', (width, expected) => {
    expect(formatTable([person], { width })).toEqual(expected)
  })

  it('drops the least important columns when shortening is not enough, keeping Email whole', () => {
    // Id and Roles go; Name, no longer squeezed by them, takes the room that is left.
    expect(formatTable([person], { width: 40 })).toEqual([
      'Name            Email',
      '----            -----',
      'Samuel Reid-Ca… samuel.reid@demo.example',
    ])
    // Alone and still too wide, the most important column is cut to the terminal.
    expect(formatTable([person], { width: 12 })).toEqual(['Email', '-----', 'samuel.reid…'])
  })

  it('without priorities, as PowerShell: the last column is shortened, or hidden when nothing of it would be left', () => {
    const row = { a: 'x'.repeat(30), b: 'y'.repeat(30), c: 'z'.repeat(30) }
    expect(formatTable([row], { width: 50 })).toEqual([
      'a                              b',
      '-                              -',
      `${'x'.repeat(30)} ${'y'.repeat(18)}…`,
    ])
    expect(formatTable([row], { width: 70 })[2]).toBe(`${'x'.repeat(30)} ${'y'.repeat(30)} ${'z'.repeat(7)}…`)
  })
})

describe('control characters in data are shown, not interpreted', () => {
  const evil = 'Eve\u001b]0;pwned\u0007\u001b[2J\r\u009bX\u202e'

  it('escapes C0, C1, DEL and bidi controls in PowerShell notation', () => {
    expect(escapeControl(evil)).toBe('Eve`e]0;pwned`a`e[2J`r`u{9b}X`u{202e}')
    expect(escapeControl('a\tb\r\nc\u007f', { lineBreaks: true, tabs: true })).toBe('a\tb\r\nc`u{7f}')
    expect(escapeControl('plain ünïcödé 山')).toBe('plain ünïcödé 山')
  })

  it('in table cells, list values, headers and plain strings sent to a terminal', () => {
    const printed: string[] = []
    const live = new LiveFormat((lines) => printed.push(...lines))
    live.push(`hello ${evil}`)
    live.push({ Name: evil, 'Bad\u001b[1mKey': 1 })
    live.push(withTypeName('FmtMany', { a: evil, b: 1, c: 2, d: 3, e: 4 }))
    live.end()
    // eslint-disable-next-line no-control-regex
    expect(printed.join('\n')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/)
    expect(printed).toContain('hello Eve`e]0;pwned`a`e[2J`r`u{9b}X`u{202e}')
    expect(printed).toContain('a : Eve`e]0;pwned`a`e[2J`r`u{9b}X`u{202e}')
    expect(printed.some((line) => line.includes('Bad`e[1mKey'))).toBe(true)
  })

  it('but not in text for files and the pipeline (Out-String, Out-File): that stays byte-exact', () => {
    expect(formatDefault([evil])).toEqual([evil])
    const oneLine = evil.replace('\r', '')
    expect(formatDefault([{ Name: oneLine }])[2]).toBe(oneLine)
  })
})

describe('lists as PowerShell writes them (ListWriter)', () => {
  it('wraps long values under themselves and keeps embedded lines', () => {
    expect(
      formatList([{ Id: 1, Description: 'one two three four five six', Note: 'a\nb' }], { width: 30 }),
    ).toEqual([
      'Id          : 1',
      'Description : one two three',
      '              four five six',
      'Note        : a',
      '              b',
    ])
  })

  // "Format-Table with array should work": test\s+{1, 2}; $FormatEnumerationLimit is 4.
  it('shows a list value as {a, b}, at most four items', () => {
    expect(formatList([{ One: ['a'], Five: [1, 2, 3, 4, 5], None: [], Null: [null, 'x'] }])).toEqual([
      'One  : {a}',
      'Five : {1, 2, 3, 4…}',
      'None : {}',
      'Null : {$null, x}',
    ])
    expect(formatDefault([hashtable({ test: [1, 2] })])[2]).toBe('test                           {1, 2}')
  })

  it('pads labels by cells', () => {
    expect(formatList([{ 名前: 'x', Id: 1 }])).toEqual(['名前 : x', 'Id   : 1'])
  })
})
