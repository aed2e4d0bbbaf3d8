import { describe, expect, it } from 'vitest'
import { input, withTypeName } from '../../../src/engine/index.js'
import { convertFromJson, convertToJson } from '../../../src/library/core.js'
import { limitDepth } from '../../../cmdlets/core/ConvertTo-Json.run.js'
import { run } from './helpers.js'

const nested = { a: { b: { c: { d: 1 } } } }

describe('ConvertTo-Json', () => {
  it.each([
    ['one object stays an object', [{ A: 1 }], {}, '{"A":1}'],
    ['several objects become one array', [{ A: 1 }, { A: 2 }], {}, '[{"A":1},{"A":2}]'],
    ['-AsArray wraps one object', [{ A: 1 }], { asArray: true }, '[{"A":1}]'],
    [
      'dates become ISO text, type tags vanish',
      [withTypeName('X', { When: new Date('2026-01-02T00:00:00Z') })],
      {},
      '{"When":"2026-01-02T00:00:00.000Z"}',
    ],
    ['null and undefined are null', [{ A: null, B: undefined }], {}, '{"A":null,"B":null}'],
  ])('%s', async (_name, objects, args, expected) => {
    const { output, host } = await run(
      input<unknown>(objects).pipe(convertToJson({ compress: true, ...args })),
    )
    expect(output).toEqual([expected])
    expect(host.warnings).toEqual([])
  })

  it('indents with two spaces unless -Compress', async () => {
    const { output } = await run(input([{ A: [1] }]).pipe(convertToJson()))
    expect(output).toEqual(['{\n  "A": [\n    1\n  ]\n}'])
  })

  it('warns, naming the depth needed, instead of truncating silently at the default depth 2', async () => {
    const { output, host } = await run(input([nested]).pipe(convertToJson({ compress: true })))
    expect(output).toEqual(['{"a":{"b":{"c":"@{d=1}"}}}'])
    expect(host.warnings).toEqual([
      'ConvertTo-Json: the output was truncated at depth 2; deeper objects are written as text. Use -Depth 3 to keep everything.',
    ])
  })

  it('-Depth large enough keeps everything without a warning', async () => {
    const { output, host } = await run(input([nested]).pipe(convertToJson({ compress: true, depth: 3 })))
    expect(JSON.parse(output[0] as string)).toEqual(nested)
    expect(host.warnings).toEqual([])
  })

  it('pipeline elements each start at depth 0 (the collecting array is not a level)', async () => {
    const users = [{ Roles: [{ Name: 'admin' }] }, { Roles: [{ Name: 'member' }] }]
    const { output, host } = await run(input(users).pipe(convertToJson({ compress: true })))
    expect(JSON.parse(output[0] as string)).toEqual(users)
    expect(host.warnings).toEqual([])
  })

  it('an explicit -InputObject list is written as an array', async () => {
    expect((await run(convertToJson({ inputObject: [1, 2], compress: true }))).output).toEqual(['[1,2]'])
  })

  it.each([
    [0, { a: 1 }, false],
    [0, { a: { b: 1 } }, true],
    [1, { a: [1, 2] }, false],
    [1, { a: [{ b: 1 }] }, true],
  ])('limitDepth(%i, %j) truncated=%s', (depth, value, truncated) => {
    expect(limitDepth(value, depth).truncated).toBe(truncated)
  })
})

describe('ConvertFrom-Json', () => {
  it('joins pipeline lines into one document and enumerates arrays', async () => {
    const { output } = await run(
      input(['[', '{"Email":"a@x.com"},', '{"Email":"b@x.com"}', ']']).pipe(convertFromJson()),
    )
    expect(output).toEqual([{ Email: 'a@x.com' }, { Email: 'b@x.com' }])
  })

  it('-NoEnumerate keeps an array whole', async () => {
    expect((await run(input(['[1,2]']).pipe(convertFromJson({ noEnumerate: true })))).output).toEqual([
      [1, 2],
    ])
  })

  it('refuses invalid JSON with one line', async () => {
    await expect(run(input(['{"a":']).pipe(convertFromJson()), 'Stop')).rejects.toThrow(
      /^ConvertFrom-Json: the input is not valid JSON: /,
    )
  })

  it('round-trips with ConvertTo-Json', async () => {
    const rows = [{ A: 1, B: ['x'], C: { D: true } }]
    const { output } = await run(
      input(rows)
        .pipe(convertToJson({ asArray: true }))
        .pipe(convertFromJson()),
    )
    expect(output).toEqual(rows)
  })
})
