// Standard input as pipeline records: JSON arrays, NDJSON, pretty-printed objects, CSV and lines of text.
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { peekRecords, readRecords } from '../../src/cli/stdin.js'

async function records(text: string): Promise<unknown[]> {
  const out: unknown[] = []
  for await (const record of readRecords(Readable.from([text]))) out.push(record)
  return out
}

describe('readRecords', () => {
  it.each([
    ['lines of text', 'a@x.com\n\n  b@x.com  \n', ['a@x.com', 'b@x.com']],
    [
      'a JSON array',
      '[{"Email":"a@x.com"},\n{"Email":"b@x.com"}]\n',
      [{ Email: 'a@x.com' }, { Email: 'b@x.com' }],
    ],
    ['an empty JSON array', '[]', []],
    ['NDJSON', '{"Email":"a@x.com"}\n{"Email":"b@x.com"}\n', [{ Email: 'a@x.com' }, { Email: 'b@x.com' }]],
    [
      'pretty-printed objects (jq)',
      '{\n  "Email": "a@x.com"\n}\n{\n  "Email": "b@x.com"\n}\n',
      [{ Email: 'a@x.com' }, { Email: 'b@x.com' }],
    ],
    ['nothing', '', []],
    [
      'CSV with a header (vcs --output csv)',
      'Id,Email,Name\nu1,a@x.com,"Doe, Ann"\n\nu2,b@x.com,Bo\n',
      [
        { Id: 'u1', Email: 'a@x.com', Name: 'Doe, Ann' },
        { Id: 'u2', Email: 'b@x.com', Name: 'Bo' },
      ],
    ],
    [
      'CSV quoted as Export-Csv writes it, after blank lines, with a value over two lines',
      '\n"Email","Note"\r\n"a@x.com","line one\nline two"\r\n',
      [{ Email: 'a@x.com', Note: 'line one\nline two' }],
    ],
    [
      'a one-column CSV with an Email header',
      'Email\na@x.com\nb@x.com\n',
      [{ Email: 'a@x.com' }, { Email: 'b@x.com' }],
    ],
    ['a one-column CSV with a quoted id header', '"ID"\nu1\n', [{ ID: 'u1' }]],
    ['lines whose first is not a lone Email or Id', 'Emails\na@x.com\n', ['Emails', 'a@x.com']],
  ])('reads %s', async (_, text, expected) => {
    expect(await records(text)).toEqual(expected)
  })

  it('reports broken JSON as a usage error with a line', async () => {
    await expect(records('{"Email":"a@x.com"}\n{"Email": \n')).rejects.toThrow(
      /not valid JSON objects .*line 2/,
    )
    await expect(records('[{"a":1},')).rejects.toThrow(/not valid a JSON array/)
  })

  it('reports broken CSV as a usage error with its line', async () => {
    await expect(records('\nId,Email\nu1,a@x.com\nu2\n')).rejects.toThrow(/not valid CSV \(line 4\)/)
    await expect(records('Id,id\nu1,u2\n')).rejects.toThrow(
      /Standard input: the header line names the column 'id' twice/,
    )
  })

  it('streams CSV rows before the input ends', async () => {
    const stream = new Readable({ read() {} })
    stream.push('Id,Email\nu1,first@x.com\n')
    const peeked = await peekRecords(readRecords(stream))
    expect(peeked.empty).toBe(false)
    if (peeked.empty) return
    expect((await peeked.records.next()).value).toEqual({ Id: 'u1', Email: 'first@x.com' })
    stream.push(null)
    expect((await peeked.records.next()).done).toBe(true)
  })

  it('streams lines before the input ends', async () => {
    const stream = new Readable({ read() {} })
    stream.push('first@x.com\n')
    const peeked = await peekRecords(readRecords(stream))
    expect(peeked.empty).toBe(false)
    if (peeked.empty) return
    expect((await peeked.records.next()).value).toBe('first@x.com')
    stream.push(null)
    expect((await peeked.records.next()).done).toBe(true)
  })
})
