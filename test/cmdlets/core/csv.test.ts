import { execFileSync } from 'node:child_process'
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cmdletFunction, defineCmdlet, input } from '../../../src/engine/index.js'
import {
  convertFromCsv,
  convertToCsv,
  exportCsv,
  importCsv,
  selectObject,
} from '../../../src/library/core.js'
import { run } from './helpers.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vcs-csv-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function csvFile(name: string, text: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}

describe('Import-Csv', () => {
  it.each([
    ['plain', 'Email,Role\na@x.com,admin\n', [{ Email: 'a@x.com', Role: 'admin' }]],
    ['BOM and CRLF', '\uFEFFEmail,Role\r\na@x.com,admin\r\n', [{ Email: 'a@x.com', Role: 'admin' }]],
    [
      'quoted commas and quotes',
      'Name,Note\n"Smith, Ann","say ""hi"""\n',
      [{ Name: 'Smith, Ann', Note: 'say "hi"' }],
    ],
    ['a line break inside quotes', 'Name,Note\nann,"two\nlines"\n', [{ Name: 'ann', Note: 'two\nlines' }]],
    ['empty lines', 'Email\n\na@x.com\n\n\nb@x.com\n', [{ Email: 'a@x.com' }, { Email: 'b@x.com' }]],
    ['no final newline', 'Email\na@x.com', [{ Email: 'a@x.com' }]],
    ['header only', 'Email,Role\n', []],
    ['spaces around header names', ' Email , Role\na,b\n', [{ Email: 'a', Role: 'b' }]],
  ])('%s', async (_name, text, expected) => {
    const path = await csvFile('case.csv', text)
    expect((await run(importCsv({ path }), 'Stop')).output).toEqual(expected)
  })

  it('takes -Delimiter and -Header (the first line is then data)', async () => {
    const path = await csvFile('semi.csv', 'a@x.com;admin\nb@x.com;member\n')
    const { output } = await run(importCsv({ path, delimiter: ';', header: ['Email', 'Role'] }), 'Stop')
    expect(output).toEqual([
      { Email: 'a@x.com', Role: 'admin' },
      { Email: 'b@x.com', Role: 'member' },
    ])
  })

  it('reports broken rows with their line number while the other rows flow', async () => {
    const path = await csvFile(
      'broken.csv',
      'Email,Role\na@x.com,admin\nb@x.com\nc@x.com,member,extra\nd@x.com,owner\n',
    )
    const { output, host } = await run(importCsv({ path }))
    expect(output).toEqual([
      { Email: 'a@x.com', Role: 'admin' },
      { Email: 'd@x.com', Role: 'owner' },
    ])
    expect(host.errors.map((e) => e.Message)).toEqual([
      expect.stringMatching(/broken\.csv: skipped a bad CSV row at line 3: expected 2 fields, got 1\.$/),
      expect.stringMatching(/broken\.csv: skipped a bad CSV row at line 4: expected 2 fields, got 3\.$/),
    ])
  })

  it('reports an unclosed quote with a line number, keeping the rows before it', async () => {
    const path = await csvFile('quote.csv', 'Email,Role\na@x.com,admin\n"b@x.com,member\n')
    const { output, host } = await run(importCsv({ path }))
    expect(output).toEqual([{ Email: 'a@x.com', Role: 'admin' }])
    expect(host.errors).toHaveLength(1)
    expect(host.errors[0].Message).toMatch(/at line \d+: a quoted field is never closed/)
  })

  it.each([
    ['a missing file', 'nope.csv', /^Cannot read '.*nope\.csv': the file does not exist\.$/],
    ['a folder', '.', /it is a folder, not a file/],
  ])('refuses %s with one FileError line naming the path', async (_name, name, message) => {
    const path = name === '.' ? dir : join(dir, name)
    const error = await run(importCsv({ path }), 'Stop').catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'FileError', name: 'RuntimeError' })
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toMatch(/ENOENT|\n/)
  })

  it('reads each file whose name comes down the pipeline', async () => {
    const first = await csvFile('one.csv', 'A\n1\n')
    const second = await csvFile('two.csv', 'A\n2\n')
    expect((await run(input([first, second]).pipe(importCsv()), 'Stop')).output).toEqual([
      { A: '1' },
      { A: '2' },
    ])
  })

  it.each([
    ['Email,email\na,b\n', /dup\.csv: the header line names the column 'email' twice\./],
    ['Email,,Role\na,b,c\n', /dup\.csv: the header line has an empty column name\./],
  ])('refuses a bad header line: %j', async (text, message) => {
    const path = await csvFile('dup.csv', text)
    const error = await run(importCsv({ path }), 'Stop').catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ValidationFailed' })
    expect((error as Error).message).toMatch(message)
  })

  it('refuses a delimiter that is not one character', async () => {
    const path = await csvFile('d.csv', 'a\n1\n')
    await expect(run(importCsv({ path, delimiter: ';;' }), 'Stop')).rejects.toThrow(
      /Cannot bind -Delimiter of Import-Csv: ';;' is not a single character/,
    )
  })

  // A named pipe whose writer stays open stands for a file still being read: an Import-Csv that read
  // the whole file before its first row would wait for an end that never comes (and time out).
  it('streams: the first row arrives while the file is still open for writing', async () => {
    const path = join(dir, 'growing.csv')
    execFileSync('mkfifo', [path])
    const iterator = importCsv({ path })[Symbol.asyncIterator]()
    const first = iterator.next()
    const writer = await open(path, 'w')
    try {
      await writer.write('Email,Role\nuser0@x.com,member\nuser1@x.com,member\n')
      expect(await first).toEqual({ done: false, value: { Email: 'user0@x.com', Role: 'member' } })
      await iterator.return?.()
    } finally {
      await writer.close()
    }
  })

  it('-First stops reading: the pipeline ends while the file is still open for writing', async () => {
    const path = join(dir, 'endless.csv')
    execFileSync('mkfifo', [path])
    const pipeline = run(importCsv({ path }).pipe(selectObject({ first: 2 })), 'Stop')
    const writer = await open(path, 'w')
    try {
      await writer.write('Email,Role\na@x.com,admin\nb@x.com,member\nc@x.com,owner\n')
      expect((await pipeline).output).toEqual([
        { Email: 'a@x.com', Role: 'admin' },
        { Email: 'b@x.com', Role: 'member' },
      ])
    } finally {
      await writer.close()
    }
  })

  it('rows bind ByPropertyName to the next cmdlet (an Email column feeds -Email)', async () => {
    const Invite = defineCmdlet({
      name: 'New-Thing',
      synopsis: 'Takes Email and Role by property name.',
      parameters: {
        email: { type: 'string', mandatory: true, pipeline: 'byPropertyName' },
        organizationRole: { type: 'string', pipeline: 'byPropertyName', aliases: ['Role'] },
      },
      examples: [],
      *process(args) {
        yield `${args.email}:${args.organizationRole ?? '-'}`
      },
    })
    const path = await csvFile('invite.csv', 'email,Role,Other\na@x.com,admin,1\nb@x.com,,2\n')
    const { output } = await run(importCsv({ path }).pipe(cmdletFunction(Invite)()), 'Stop')
    expect(output).toEqual(['a@x.com:admin', 'b@x.com:-'])
  })
})

describe('ConvertFrom-Csv and ConvertTo-Csv', () => {
  it('parses lines and blocks from the pipeline', async () => {
    const { output } = await run(
      input(['Email,Role', 'a@x.com,admin\nb@x.com,member']).pipe(convertFromCsv()),
    )
    expect(output).toEqual([
      { Email: 'a@x.com', Role: 'admin' },
      { Email: 'b@x.com', Role: 'member' },
    ])
  })

  it.each([
    // A missing property is a null value: an empty field without quotes, as PowerShell writes it.
    [{}, ['"Name","Note","When"', '"Smith, Ann","say ""hi""","2026-01-02T03:04:05.000Z"', '"bob",,']],
    [
      { useQuotes: 'AsNeeded' },
      ['Name,Note,When', '"Smith, Ann","say ""hi""",2026-01-02T03:04:05.000Z', 'bob,,'],
    ],
    [
      { useQuotes: 'AsNeeded', delimiter: ';', noHeader: true },
      ['Smith, Ann;"say ""hi""";2026-01-02T03:04:05.000Z', 'bob;;'],
    ],
  ])('writes %j with columns from the first object', async (args, expected) => {
    const rows = [
      { Name: 'Smith, Ann', Note: 'say "hi"', When: new Date('2026-01-02T03:04:05Z') },
      { Name: 'bob', Extra: 'dropped' },
    ]
    expect((await run(input(rows).pipe(convertToCsv(args as never)), 'Stop')).output).toEqual(expected)
  })

  it('round-trips through ConvertTo-Csv and ConvertFrom-Csv', async () => {
    const rows = [{ A: 'x,y', B: 'line\nbreak', C: '"q"' }]
    const lines = await run(input(rows).pipe(convertToCsv()).pipe(convertFromCsv()), 'Stop')
    expect(lines.output).toEqual(rows)
  })
})

describe('Export-Csv', () => {
  it('writes a file, then -Append continues with the existing header', async () => {
    const path = join(dir, 'out.csv')
    await run(input([{ Email: 'a@x.com', Role: 'admin' }]).pipe(exportCsv({ path })), 'Stop')
    await run(
      input([{ Role: 'member', Email: 'b@x.com', Extra: 1 }]).pipe(exportCsv({ path, append: true })),
      'Stop',
    )
    expect(await readFile(path, 'utf8')).toBe('"Email","Role"\n"a@x.com","admin"\n"b@x.com","member"\n')
    const back = await run(importCsv({ path }), 'Stop')
    expect(back.output).toEqual([
      { Email: 'a@x.com', Role: 'admin' },
      { Email: 'b@x.com', Role: 'member' },
    ])
  })

  it('refuses a path in a missing folder with one FileError line', async () => {
    const error = await run(
      input([{ A: 1 }]).pipe(exportCsv({ path: join(dir, 'no', 'such', 'x.csv') })),
      'Stop',
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'FileError' })
    expect((error as Error).message).toMatch(/^Cannot write '.*x\.csv': the folder does not exist\.$/)
  })

  it('ends every line with a newline and writes $null as an empty unquoted field (CsvCommands.cs)', async () => {
    // PowerShell writes each line with WriteLine and skips a null value (ConvertTo-Csv.Tests.ps1:
    // "should properly convert hashtable with null and non-null values": "value1",,"value3").
    const path = join(dir, 'nulls.csv')
    await run(input([{ A: null, B: 'x', C: '' }]).pipe(exportCsv({ path })), 'Stop')
    expect(await readFile(path, 'utf8')).toBe('"A","B","C"\n,"x",""\n')
  })

  it('-Append stops when the object lacks a column of the file, unless -Force (CannotAppendCsvWithMismatchedPropertyNames)', async () => {
    const path = join(dir, 'mismatch.csv')
    await writeFile(path, '"A","B"\n"1","2"\n')
    const error = await run(input([{ A: 3 }]).pipe(exportCsv({ path, append: true })), 'Stop').catch(
      (e: unknown) => e,
    )
    expect((error as Error).message).toBe(
      `Cannot append CSV content to the following file: ${path}. The appended object does not have a property that corresponds to the following column: B. To continue with mismatched properties, add the -Force parameter, and then retry the command.`,
    )
    expect(await readFile(path, 'utf8')).toBe('"A","B"\n"1","2"\n')
    await run(input([{ a: 3 }]).pipe(exportCsv({ path, append: true, force: true })), 'Stop')
    expect(await readFile(path, 'utf8')).toBe('"A","B"\n"1","2"\n"3",\n')
  })

  it('-NoTypeInformation is accepted and writes no #TYPE line', async () => {
    const path = join(dir, 'nti.csv')
    await run(
      input([{ A: 1 }]).pipe(exportCsv({ path, noTypeInformation: true, useQuotes: 'AsNeeded' })),
      'Stop',
    )
    expect(await readFile(path, 'utf8')).toBe('A\n1\n')
  })
})
