// Default output formatting, whole and streaming: tables sized from their first batch, later rows
// with the same widths, a new table per type, lists for lone records, and the wait driven by a
// timer the test fires by hand (no timing).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LiveFormat, TABLE_BATCH, type WaitTimers } from '../../src/engine/format-stream.js'
import { FormatStream, formatDefault, registerView } from '../../src/engine/format.js'
import { typeNameOf, withTypeName } from '../../src/engine/objects.js'

registerView('FmtUser', {
  table: [
    { label: 'Name', value: 'Name', minWidth: 6 },
    { label: 'Email', value: 'Email' },
  ],
  list: ['Name', 'Email'],
})
registerView('FmtRole', { table: [{ label: 'Role', value: 'Role' }] })

const user = (name: string) => withTypeName('FmtUser', { Name: name, Email: `${name.toLowerCase()}@x.com` })
const role = (name: string) => withTypeName('FmtRole', { Role: name })

/** Feeds records one by one, then flushes; returns every chunk printed, in order. */
function stream(records: readonly unknown[], batchSize?: number, width = 60): string[][] {
  const formatter = new FormatStream({ width, batchSize })
  const chunks = [...records.map((record) => formatter.push(record)), formatter.flush()]
  return chunks.filter((chunk) => chunk.length > 0)
}

describe('formatDefault', () => {
  it.each<[string, unknown[], string[]]>([
    ['nothing', [], []],
    [
      'records of a type with a view as a table',
      [user('Ann'), user('Bob')],
      ['Name Email', '---- -----', 'Ann  ann@x.com', 'Bob  bob@x.com'],
    ],
    [
      'a lone record of a type with a list view as a list',
      [user('Ann')],
      ['Name  : Ann', 'Email : ann@x.com'],
    ],
    [
      'two types as two tables, a blank line between',
      [user('Ann'), user('Bob'), role('admin'), role('member')],
      ['Name Email', '---- -----', 'Ann  ann@x.com', 'Bob  bob@x.com', '', 'Role', '----', 'admin', 'member'],
    ],
    // Out-Default writes nothing for $null (no blank line), and '' as an empty line.
    ['plain values line by line, nothing for $null', ['a', 1, null, '', true], ['a', '1', '', 'True']],
    [
      'a value after records as its own group',
      [role('admin'), 'done'],
      ['Role', '----', 'admin', '', 'done'],
    ],
    [
      'records without a view with many properties as lists',
      [
        { a: 1, b: 2, c: 3, d: 4, e: 5 },
        { a: 6, b: 7, c: 8, d: 9, e: 10 },
      ],
      ['a : 1', 'b : 2', 'c : 3', 'd : 4', 'e : 5', '', 'a : 6', 'b : 7', 'c : 8', 'd : 9', 'e : 10'],
    ],
  ])('%s', (_, records, expected) => {
    expect(formatDefault(records, 60)).toEqual(expected)
  })
})

describe('FormatStream', () => {
  const values = fc.oneof(
    fc.constantFrom(null, undefined, 'text', 42, true),
    fc.string({ maxLength: 20 }).map(user),
    fc.string({ maxLength: 20 }).map(role),
    fc.record({ a: fc.string({ maxLength: 12 }), b: fc.integer() }),
    fc.record({ a: fc.string(), b: fc.string(), c: fc.string(), d: fc.string(), e: fc.string() }),
  )
  /** The longest run of records of one type (plain values never run together; `$null` is skipped). */
  const longestRun = (all: readonly unknown[]) => {
    const records = all.filter((record) => record !== null && record !== undefined)
    let longest = 0
    let run = 0
    records.forEach((record, i) => {
      const same =
        i > 0 &&
        typeof record === 'object' &&
        record !== null &&
        typeNameOf(record) === typeNameOf(records[i - 1])
      run = same ? run + 1 : 1
      longest = Math.max(longest, run)
    })
    return longest
  }

  it('prints exactly what formatDefault prints when every run of one type fits in a batch', () => {
    fc.assert(
      fc.property(fc.array(values, { maxLength: 25 }), fc.integer({ min: 1, max: 6 }), (records, batch) => {
        fc.pre(longestRun(records) <= batch)
        expect(stream(records, batch).flat()).toEqual(formatDefault(records, 60))
      }),
    )
  })

  it('prints a batch once it is full, then each later record as a row with the same widths', () => {
    const chunks = stream([user('Al'), user('Bo'), user('Christopher'), user('Di')], 2, 40)
    expect(chunks).toEqual([
      ['Name Email', '---- -----', 'Al   al@x.com', 'Bo   bo@x.com'],
      ['Chr… christo…'],
      ['Di   di@x.com'],
    ])
  })

  it('starts a new table, with its own header and widths, when the type changes', () => {
    const chunks = stream([user('Al'), user('Bo'), user('Cy'), role('administrator'), role('x')], 2, 40)
    expect(chunks.flat()).toEqual([
      'Name Email',
      '---- -----',
      'Al   al@x.com',
      'Bo   bo@x.com',
      'Cy   cy@x.com',
      '',
      'Role',
      '----',
      'administrator',
      'x',
    ])
  })

  it('prints nothing for no input', () => {
    expect(new FormatStream().flush()).toEqual([])
  })

  it('prints plain values at once, without waiting for a batch', () => {
    const formatter = new FormatStream({ batchSize: 50 })
    expect(formatter.push('first')).toEqual(['first'])
    expect(formatter.waiting).toBeUndefined()
    expect(formatter.push(2)).toEqual(['2'])
  })

  it('holds a lone record of a type with a list view: a list if it stays alone, a table if another comes', () => {
    const alone = new FormatStream({ width: 60, batchSize: 50 })
    alone.push(user('Ann'))
    expect(alone.waiting).toBeDefined()
    expect(alone.release()).toEqual([])
    expect(alone.waiting, 'nothing to wait for until a second record').toBeUndefined()
    expect(alone.flush()).toEqual(['Name  : Ann', 'Email : ann@x.com'])

    const joined = new FormatStream({ width: 60, batchSize: 50 })
    joined.push(user('Ann'))
    joined.release()
    expect(joined.push(user('Bob'))).toEqual([])
    expect(joined.waiting, 'a new wait for the table').toBeDefined()
    expect(joined.release()).toEqual(['Name Email', '---- -----', 'Ann  ann@x.com', 'Bob  bob@x.com'])
  })

  it('prints every record as a list with layout list', () => {
    const formatter = new FormatStream({ width: 60, layout: 'list' })
    expect(formatter.push(user('Ann'))).toEqual(['Name  : Ann', 'Email : ann@x.com'])
    expect(formatter.push(user('Bob'))).toEqual(['', 'Name  : Bob', 'Email : bob@x.com'])
    expect(formatter.flush()).toEqual([])
  })
})

/** A wait the test ends by hand. */
function manualTimers() {
  const pending = new Map<number, () => void>()
  let next = 0
  const timers: WaitTimers = {
    set: (callback) => (pending.set(++next, callback), next),
    clear: (handle) => pending.delete(handle as number),
  }
  return {
    timers,
    get armed() {
      return pending.size
    },
    fire() {
      const [[handle, callback]] = pending
      pending.delete(handle)
      callback()
    },
  }
}

/** A promise the test resolves, and a way to wait until a consumer is blocked on something. */
function gate() {
  let open!: () => void
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}
const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('LiveFormat', () => {
  it('prints the first batch when the wait is over, before the slow source has its last record', async () => {
    const clock = manualTimers()
    const later = gate()
    let lastRecordExists = false
    async function* slowSource() {
      yield user('Al')
      yield user('Bo')
      await later.promise
      lastRecordExists = true
      yield user('Christopher')
    }
    const printed: string[][] = []
    const live = new LiveFormat((lines) => printed.push(lines), { width: 40, timers: clock.timers })
    const consumer = (async () => {
      for await (const record of slowSource()) live.push(record)
      live.end()
    })()
    await settle()
    expect(printed, 'held until the batch is full or the wait is over').toEqual([])
    expect(clock.armed).toBe(1)
    clock.fire()
    expect(lastRecordExists).toBe(false)
    expect(printed).toEqual([['Name Email', '---- -----', 'Al   al@x.com', 'Bo   bo@x.com']])
    later.open()
    await consumer
    expect(printed.slice(1), 'a row at once, cut to the first batch widths').toEqual([['Chr… christo…']])
    expect(clock.armed).toBe(0)
  })

  it('prints a full batch without waiting and stops the wait', () => {
    const clock = manualTimers()
    const printed: string[][] = []
    const live = new LiveFormat((lines) => printed.push(lines), { width: 60, timers: clock.timers })
    for (let i = 0; i < TABLE_BATCH; i++) live.push(role(`r${i}`))
    expect(printed).toHaveLength(1)
    expect(printed[0]).toHaveLength(2 + TABLE_BATCH)
    expect(clock.armed).toBe(0)
    live.push(role('later'))
    expect(printed.at(-1), 'cut to the width of the batch').toEqual(['lat…'])
    live.end()
    expect(printed).toHaveLength(2)
  })

  it('waits again for the batch of each new table', () => {
    const clock = manualTimers()
    const printed: string[][] = []
    const live = new LiveFormat((lines) => printed.push(lines), { width: 60, timers: clock.timers })
    live.push(role('admin'))
    live.push(user('Ann'))
    expect(printed, 'the first table ends when the type changes').toEqual([['Role', '----', 'admin']])
    expect(clock.armed).toBe(1)
    live.push(user('Bob'))
    clock.fire()
    expect(printed.at(-1)).toEqual(['', 'Name Email', '---- -----', 'Ann  ann@x.com', 'Bob  bob@x.com'])
  })

  it('prints nothing and sets no timer for no input', () => {
    const clock = manualTimers()
    const printed: string[][] = []
    const live = new LiveFormat((lines) => printed.push(lines), { timers: clock.timers })
    live.end()
    expect(printed).toEqual([])
    expect(clock.armed).toBe(0)
  })

  it('prints what is held at the end, and nothing after it', () => {
    const clock = manualTimers()
    const printed: string[][] = []
    const live = new LiveFormat((lines) => printed.push(lines), { width: 60, timers: clock.timers })
    live.push(user('Ann'))
    live.end()
    expect(printed).toEqual([['Name  : Ann', 'Email : ann@x.com']])
    expect(clock.armed).toBe(0)
    live.push(user('Bob'))
    expect(printed).toHaveLength(1)
  })
})

describe('LiveFormat errors', () => {
  registerView('FmtBroken', {
    table: [
      {
        label: 'Value',
        value: (record: { Value: string }) => {
          if (record.Value === 'bad') throw new Error('cannot format bad')
          return record.Value
        },
      },
    ],
  })
  const broken = (value: string) => withTypeName('FmtBroken', { Value: value })

  it('throws a formatting error from the wait at the next push, once, then prints nothing more', () => {
    const clock = manualTimers()
    const printed: string[][] = []
    const live = new LiveFormat((lines) => printed.push(lines), { timers: clock.timers })
    live.push(broken('good'))
    live.push(broken('bad'))
    expect(() => clock.fire()).not.toThrow()
    expect(() => live.push(broken('next'))).toThrow('cannot format bad')
    expect(() => live.end()).not.toThrow()
    expect(printed).toEqual([])
    expect(clock.armed).toBe(0)
  })
})
