import { describe, expect, it } from 'vitest'
import { input, toPlain } from '../../../src/engine/index.js'
import {
  forEachObject,
  groupObject,
  measureObject,
  selectObject,
  sortObject,
  teeObject,
  whereObject,
} from '../../../src/library/core.js'
import { getPaged, pagesFetched, run } from './helpers.js'

const people = [
  { Name: 'ann', Email: 'ann@corp.com', Role: 'admin', Seats: '5', N: 5 },
  { Name: 'Bob', Email: 'bob@example.com', Role: 'member', Seats: '12', N: 12 },
  { Name: 'cy', Email: 'cy@corp.com', Role: 'admin', Seats: '7', N: 7 },
  { Name: 'dee', Email: 'dee@EXAMPLE.com', Role: 'owner', Seats: '', N: 0 },
]
const names = (rows: unknown[]) => rows.map((row) => (row as { Name: string }).Name)

describe('Where-Object', () => {
  it.each([
    [{ property: 'Email', like: '*@corp.com' }, ['ann', 'cy']],
    [{ property: 'Email', notLike: '*@corp.com' }, ['Bob', 'dee']],
    [{ property: 'Email', cLike: '*@example.com' }, ['Bob']],
    [{ property: 'Role', eq: 'ADMIN' }, ['ann', 'cy']],
    [{ property: 'Role', cEq: 'ADMIN' }, []],
    [{ property: 'Role', ne: 'admin' }, ['Bob', 'dee']],
    // CSV cells are text, and PowerShell compares text with text: '12' -lt '5'.
    [{ property: 'Seats', gt: 6 }, ['cy']],
    [{ property: 'Seats', le: '5' }, ['ann', 'Bob', 'dee']],
    [{ property: 'N', gt: 6 }, ['Bob', 'cy']],
    [{ property: 'Name', match: '^[a-c]' }, ['ann', 'Bob', 'cy']],
    [{ property: 'Name', cMatch: '^[a-c]' }, ['ann', 'cy']],
    [{ property: 'Role', in: ['owner', 'member'] }, ['Bob', 'dee']],
    [{ property: 'Role', notIn: ['owner', 'member'] }, ['ann', 'cy']],
    [{ property: 'Seats' }, ['ann', 'Bob', 'cy']],
    [{ filterScript: (p: { Seats: string }) => Number(p.Seats) > 6 }, ['Bob', 'cy']],
    [{ filterScript: 'Seats' }, ['ann', 'Bob', 'cy']],
  ])('%j', async (args, expected) => {
    const { output } = await run(input(people).pipe(whereObject(args as never)))
    expect(names(output)).toEqual(expected)
  })

  it('tests list properties item by item, and -Contains on the list', async () => {
    const rows = [
      { Name: 'a', Roles: ['admin', 'billing'] },
      { Name: 'b', Roles: ['member'] },
    ]
    expect(
      names((await run(input(rows).pipe(whereObject({ property: 'Roles', like: 'bill*' })))).output),
    ).toEqual(['a'])
    expect(
      names((await run(input(rows).pipe(whereObject({ property: 'Roles', contains: 'member' })))).output),
    ).toEqual(['b'])
  })

  it('refuses two operators with one line naming them', async () => {
    await expect(
      run(input(people).pipe(whereObject({ property: 'Role', eq: 'a', like: 'b' })), 'Stop'),
    ).rejects.toThrow(/Where-Object: the parameters -Property, -Eq, -Like cannot be used together/)
  })

  it('uses the truthiness of a script block result', async () => {
    const { output } = await run(
      input([0, 1, '', 'x', null, [0]]).pipe(whereObject({ filterScript: (x: unknown) => x })),
    )
    expect(output).toEqual([1, 'x'])
  })
})

describe('Select-Object', () => {
  it.each([
    [{ first: 2 }, [1, 2]],
    [{ last: 2 }, [5, 6]],
    [{ skip: 4 }, [5, 6]],
    [{ skip: 1, first: 2 }, [2, 3]],
    [{ first: 0 }, []],
    [{ unique: true }, [1, 2, 3, 4, 5, 6]],
  ])('%j', async (args, expected) => {
    const { output } = await run(input([1, 2, 3, 4, 5, 6]).pipe(selectObject(args)))
    expect(output).toEqual(expected)
  })

  it('-First stops the upstream paged listing after the first page', async () => {
    pagesFetched.length = 0
    const { output } = await run(getPaged({ count: 100 }).pipe(selectObject({ first: 3 })))
    expect(output).toHaveLength(3)
    expect(pagesFetched).toEqual([0])
  })

  it('-First stops upstream through a Where-Object in between', async () => {
    pagesFetched.length = 0
    const { output } = await run(
      getPaged({ count: 100 })
        .pipe(whereObject({ property: 'Id', ge: 12 }))
        .pipe(selectObject({ first: 2 })),
    )
    expect(output).toMatchObject([{ Id: 12 }, { Id: 13 }])
    expect(pagesFetched).toEqual([0, 1])
  })

  it('-First 12 needs exactly two pages', async () => {
    pagesFetched.length = 0
    await run(getPaged({ count: 100 }).pipe(selectObject({ first: 12 })))
    expect(pagesFetched).toEqual([0, 1])
  })

  it('projects names, wildcards and calculated properties (Name/N/Label/L, Expression/E)', async () => {
    const { output } = await run(
      input(people.slice(0, 1)).pipe(
        selectObject({
          property: [
            'Name',
            'E*',
            { N: 'Domain', E: (p: { Email: string }) => p.Email.split('@')[1] },
            { Label: 'R', Expression: 'Role' },
            { l: 'Upper', e: (p: { Name: string }) => p.Name.toUpperCase() },
          ],
        }),
      ),
    )
    expect(output).toEqual([
      { Name: 'ann', Email: 'ann@corp.com', Domain: 'corp.com', R: 'admin', Upper: 'ANN' },
    ])
  })

  it('labels a script-block column with the block text, without braces', async () => {
    const block = {
      isScriptBlock: true as const,
      text: '{ $_.Name }',
      invoke: async (p: unknown) => (p as { Name: string }).Name,
    }
    const { output } = await run(input(people.slice(0, 1)).pipe(selectObject({ property: [block] })))
    expect(output).toEqual([{ '$_.Name': 'ann' }])
  })

  it('-ExpandProperty enumerates lists, and -ExcludeProperty drops columns', async () => {
    const rows = [{ Roles: ['a', 'b'] }, { Roles: ['c'] }]
    expect((await run(input(rows).pipe(selectObject({ expandProperty: 'Roles' })))).output).toEqual([
      'a',
      'b',
      'c',
    ])
    const { output } = await run(
      input(people.slice(0, 1)).pipe(selectObject({ property: '*', excludeProperty: ['S*', 'Role', 'N'] })),
    )
    expect(output).toEqual([{ Name: 'ann', Email: 'ann@corp.com' }])
  })

  it('-ExpandProperty of a missing property is a non-terminating error', async () => {
    const { output, host } = await run(
      input([{ A: 1 }, { B: 2 }]).pipe(selectObject({ expandProperty: 'A' })),
    )
    expect(output).toEqual([1])
    expect(host.errors.map((e) => e.Message)).toEqual([
      "Select-Object: the input has no property 'A' to expand.",
    ])
  })

  it('refuses a calculated property without an expression', async () => {
    await expect(run(input([1]).pipe(selectObject({ property: [{ Name: 'x' }] })), 'Stop')).rejects.toThrow(
      /calculated property needs Expression/,
    )
  })
})

describe('Sort-Object', () => {
  it.each([
    [{}, [3, 10, 2, 1], [1, 2, 3, 10]],
    [{ descending: true }, [3, 10, 2, 1], [10, 3, 2, 1]],
    [{ unique: true }, ['b', 'A', 'a', 'B'], ['A', 'b']],
    [{ caseSensitive: true, unique: true }, ['b', 'a', 'a'], ['a', 'b']],
  ])('%j on %j', async (args, values, expected) => {
    expect((await run(input<unknown>(values).pipe(sortObject(args)))).output).toEqual(expected)
  })

  it('sorts by several keys with per-key direction, stably', async () => {
    const rows = [
      { Name: 'a', Role: 'x', N: 1 },
      { Name: 'b', Role: 'y', N: 2 },
      { Name: 'c', Role: 'x', N: 3 },
      { Name: 'd', Role: 'x', N: 3 },
    ]
    const byRoleThenN = await run(
      input(rows).pipe(sortObject({ property: ['Role', { Expression: 'N', Descending: true }] })),
    )
    expect(names(byRoleThenN.output)).toEqual(['c', 'd', 'a', 'b'])
    const byFunction = await run(input(rows).pipe(sortObject({ property: (r: { N: number }) => -r.N })))
    expect(names(byFunction.output)).toEqual(['c', 'd', 'b', 'a'])
  })
})

describe('Group-Object', () => {
  it('groups in order of first appearance, case-insensitively', async () => {
    const { output } = await run(input(people).pipe(groupObject({ property: 'Role' })))
    expect(output.map((g) => [(g as { Name: string }).Name, (g as { Count: number }).Count])).toEqual([
      ['admin', 2],
      ['member', 1],
      ['owner', 1],
    ])
    expect(names((output[0] as { Group: unknown[] }).Group)).toEqual(['ann', 'cy'])
  })

  it('-NoElement leaves out Group; -AsHashTable gives one table', async () => {
    const noElement = await run(input(['a', 'A', 'b']).pipe(groupObject({ noElement: true })))
    expect(toPlain(noElement.output)).toEqual([
      { Count: 2, Name: 'a', Values: ['a'] },
      { Count: 1, Name: 'b', Values: ['b'] },
    ])
    const table = await run(input(people).pipe(groupObject({ property: 'Role', asHashTable: true })))
    expect(Object.keys(table.output[0] as object)).toEqual(['admin', 'member', 'owner'])
  })
})

describe('Measure-Object', () => {
  it('counts and computes statistics of numbers and numeric text', async () => {
    const { output } = await run(input(people).pipe(measureObject({ property: 'Seats', allStats: true })))
    expect(toPlain(output)).toEqual([
      { Count: 3, Average: 8, Sum: 24, Maximum: 12, Minimum: 5, Property: 'Seats' },
    ])
  })

  it('counts empty input as 0 and leaves unasked statistics null', async () => {
    const { output } = await run(input([]).pipe(measureObject()))
    expect(toPlain(output)).toEqual([
      { Count: 0, Average: null, Sum: null, Maximum: null, Minimum: null, Property: null },
    ])
  })

  it('orders text for -Maximum and refuses -Sum of text', async () => {
    expect(
      toPlain((await run(input(['b', 'C', 'a']).pipe(measureObject({ maximum: true })))).output),
    ).toMatchObject([{ Maximum: 'C' }])
    await expect(run(input(['x']).pipe(measureObject({ sum: true })), 'Stop')).rejects.toThrow(
      /'x' is not a number/,
    )
  })
})

describe('ForEach-Object', () => {
  it('runs begin, process and end, enumerating list results', async () => {
    const { output } = await run(
      input([1, 2]).pipe(
        forEachObject({ begin: () => 'start', process: (x: number) => [x, x * 10], end: () => 'end' }),
      ),
    )
    expect(output).toEqual(['start', 1, 10, 2, 20, 'end'])
  })

  it('reads a member by name, positional or -MemberName', async () => {
    expect((await run(input(people).pipe(forEachObject({ process: 'Name' })))).output).toEqual(names(people))
    expect((await run(input(people).pipe(forEachObject({ memberName: 'Role' })))).output).toEqual([
      'admin',
      'member',
      'admin',
      'owner',
    ])
  })

  it('runs begin and end even without input', async () => {
    const { output } = await run(
      input([]).pipe(forEachObject({ begin: () => 'b', process: (x: unknown) => x, end: () => 'e' })),
    )
    expect(output).toEqual(['b', 'e'])
  })
})

describe('Tee-Object', () => {
  it('saves to a variable and passes objects on, also when stopped early', async () => {
    const { output, session } = await run(
      input([1, 2, 3, 4])
        .pipe(teeObject({ variable: 'seen' }))
        .pipe(selectObject({ first: 2 })),
    )
    expect(output).toEqual([1, 2])
    expect(session.getVariable('seen')).toEqual([1, 2])
  })
})
