// Standard input as pipeline records: JSON arrays, NDJSON, pretty-printed objects and lines of text.
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
  ])('reads %s', async (_, text, expected) => {
    expect(await records(text)).toEqual(expected)
  })

  it('reports broken JSON as a usage error with a line', async () => {
    await expect(records('{"Email":"a@x.com"}\n{"Email": \n')).rejects.toThrow(
      /not valid JSON objects .*line 2/,
    )
    await expect(records('[{"a":1},')).rejects.toThrow(/not valid a JSON array/)
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
