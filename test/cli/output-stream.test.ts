// Tables on a terminal print as records arrive: the first batch once it is full or its wait is over
// (the wait is fired by hand here), later rows with the same widths, a new table per type.
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createWriter } from '../../src/cli/output.js'
import type { WaitTimers } from '../../src/engine/format-stream.js'
import { registerView } from '../../src/engine/format.js'
import { withTypeName } from '../../src/engine/objects.js'

registerView('CliStreamUser', {
  table: [
    { label: 'Name', value: 'Name' },
    { label: 'Email', value: 'Email' },
  ],
  list: ['Name', 'Email'],
})
const user = (name: string) =>
  withTypeName('CliStreamUser', { Name: name, Email: `${name.toLowerCase()}@x.com` })
const group = (name: string) => withTypeName('CliStreamGroup', { Group: name })

function terminal(color = false, beforePrint?: () => void) {
  const stream = Object.assign(new PassThrough(), { columns: 60 })
  let text = ''
  stream.on('data', (chunk) => (text += chunk))
  const waits = new Map<number, () => void>()
  let handles = 0
  const timers: WaitTimers = {
    set: (callback) => (waits.set(++handles, callback), handles),
    clear: (handle) => waits.delete(handle as number),
  }
  const fireWait = () => {
    const [[handle, callback]] = waits
    waits.delete(handle)
    callback()
  }
  const writer = createWriter({ format: 'table', stream, color, timers, beforePrint })
  return { writer, text: () => text, fireWait }
}

describe('table output on a terminal', () => {
  it('writes the first rows when the wait is over, before the next record exists, then rows as they come', async () => {
    const { writer, text, fireWait } = terminal()
    await writer.write(user('Al'))
    await writer.write(user('Bo'))
    expect(text()).toBe('')
    fireWait()
    expect(text()).toBe('Name Email\n---- -----\nAl   al@x.com\nBo   bo@x.com\n')
    await writer.write(user('Christopher'))
    expect(text().split('\n').at(-2), 'cut to the widths of the first rows').toBe('Chr… christo…')
    await writer.close()
    expect(writer.count).toBe(3)
  })

  it('prints plain values as they come and starts a new table for another type', async () => {
    const { writer, text } = terminal()
    await writer.write('Starting')
    expect(text()).toBe('Starting\n')
    for (const record of [user('Al'), user('Bo'), group('admins'), 'done']) await writer.write(record)
    await writer.close()
    expect(text()).toBe(
      [
        'Starting',
        'Name Email',
        '---- -----',
        'Al   al@x.com',
        'Bo   bo@x.com',
        '',
        'Group',
        '-----',
        'admins',
        '',
        'done',
        '',
      ].join('\n'),
    )
  })

  it('colours the header of every table', async () => {
    const { writer, text } = terminal(true)
    for (const record of [user('Al'), user('Bo'), group('admins')]) await writer.write(record)
    await writer.close()
    const styled = text()
      .split('\n')
      .filter((line) => line.startsWith('\u001b[1;32m'))
    expect(styled).toEqual(['\u001b[1;32mName Email\u001b[0m', '\u001b[1;32mGroup\u001b[0m'])
  })

  it('prints a lone record of a type with a list view as a list', async () => {
    const { writer, text, fireWait } = terminal()
    await writer.write(user('Al'))
    fireWait()
    await writer.close()
    expect(text()).toBe('Name  : Al\nEmail : al@x.com\n')
  })

  it('calls beforePrint before each chunk it writes, from the wait too (to erase a progress line)', async () => {
    const events: string[] = []
    const { writer, text, fireWait } = terminal(false, () => events.push(`clear at ${text().length}`))
    await writer.write(user('Al'))
    await writer.write(user('Bo'))
    expect(events).toEqual([])
    fireWait()
    expect(events).toEqual(['clear at 0'])
    const printed = text().length
    await writer.write(user('Cy'))
    await writer.close()
    expect(events).toEqual(['clear at 0', `clear at ${printed}`])
  })
})
