// Output writers: a JSON array that stays valid JSON however many records came, NDJSON, CSV quoting.
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { colorEnabled, createWriter, type CloseOutcome, type OutputFormat } from '../../src/cli/output.js'

async function render(format: OutputFormat, records: unknown[], outcome?: CloseOutcome): Promise<string> {
  const stream = new PassThrough()
  let text = ''
  stream.on('data', (chunk) => (text += chunk))
  const writer = createWriter({ format, stream })
  for (const record of records) await writer.write(record)
  await writer.close(outcome)
  return text
}

const users = [
  { Email: 'a@x.com', Roles: ['org_member', 'org_owner'], Created: new Date('2026-01-02T03:04:05Z') },
  { Email: 'b,"quoted"@x.com', Roles: [], Created: null },
]

describe('writers', () => {
  it.each([[[]], [[users[0]]], [users]])('json is a parseable array of %#', async (records) => {
    const text = await render('json', records)
    expect(JSON.parse(text)).toHaveLength(records.length)
  })

  it('json and ndjson carry plain values (dates as ISO strings)', async () => {
    expect(JSON.parse(await render('json', users))[0].Created).toBe('2026-01-02T03:04:05.000Z')
    const lines = (await render('ndjson', users)).trim().split('\n')
    expect(lines.map((line) => JSON.parse(line).Email)).toEqual(['a@x.com', 'b,"quoted"@x.com'])
  })

  it('csv is what Export-Csv -UseQuotes AsNeeded writes: a header, lists joined with "; "', async () => {
    expect((await render('csv', users)).split('\n')).toEqual([
      'Email,Roles,Created',
      'a@x.com,org_member; org_owner,2026-01-02T03:04:05.000Z',
      '"b,""quoted""@x.com",,',
      '',
    ])
    expect(await render('csv', ['one', 'two'])).toBe('Value\none\ntwo\n')
  })

  it('csv writes booleans as True and False, as PowerShell does, in lists too', async () => {
    expect(await render('csv', [{ Enabled: true, Flags: [true, false], Blocked: false }])).toBe(
      'Enabled,Flags,Blocked\nTrue,True; False,False\n',
    )
  })

  it('table prints a header once and every row', async () => {
    const text = await render('table', users)
    expect(text.split('\n')[0]).toMatch(/^Email\s+Roles\s+Created$/)
    expect(text).toContain('a@x.com')
    expect(text).not.toContain('\u001b[')
  })

  it('strings print as lines in table mode and as JSON strings in json mode', async () => {
    expect(await render('table', ['hello', 'world'])).toBe('hello\nworld\n')
    expect(JSON.parse(await render('json', ['hello']))).toEqual(['hello'])
  })
})

describe('a failed run', () => {
  it.each<OutputFormat>(['json', 'ndjson', 'csv'])(
    'writes nothing in %s when it failed before the first record',
    async (format) => {
      expect(await render(format, [], { failed: true })).toBe('')
    },
  )

  it('still writes [] for a successful run with no records', async () => {
    expect(await render('json', [], { failed: false })).toBe('[]\n')
    expect(await render('json', [])).toBe('[]\n')
  })

  it('closes the JSON array when records were written before it failed', async () => {
    expect(JSON.parse(await render('json', users, { failed: true }))).toHaveLength(2)
  })
})

describe('colorEnabled', () => {
  it.each([
    [true, {}, false, true],
    [false, {}, false, false],
    [true, { NO_COLOR: '1' }, false, false],
    [true, {}, true, false],
  ])('tty=%s env=%j --no-color=%s -> %s', (tty, env, flag, expected) => {
    expect(colorEnabled(tty, env, flag)).toBe(expected)
  })
})
