import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { input, RecordingHost, Session, withTypeName } from '../../../src/engine/index.js'
import {
  formatListLines,
  formatTableLines,
  getDate,
  getHelp,
  getMember,
  groupObject,
  outFile,
  outNull,
  outString,
  teeObject,
  writeError,
  writeHost,
  writeOutput,
  writeWarning,
} from '../../../src/library/core.js'
import { formatDateWith as formatDate } from '../../../src/engine/dates.js'
import { run } from './helpers.js'
// Get-Help reads the command list through its context: list the cmdlets in the registry.
import '../../../cmdlets/index.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vcs-out-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const rows = [
  { Name: 'ann', Role: 'admin', Id: 1 },
  { Name: 'bob', Role: 'member', Id: 22 },
]

describe('Format-Table and Format-List', () => {
  it.each([
    // Numbers to the right, the underline as wide as the label (PowerShell's TableWriter.GenerateHeader).
    [{}, ['Name Role   Id', '---- ----   --', 'ann  admin   1', 'bob  member 22']],
    [{ property: ['Id', 'Name'] }, ['Id Name', '-- ----', ' 1 ann', '22 bob']],
    [{ property: ['N*'], hideTableHeaders: true }, ['ann', 'bob']],
    [
      {
        property: [{ Name: 'Upper', Expression: (r: { Name: string }) => r.Name.toUpperCase() }],
        autoSize: true,
      },
      ['Upper', '-----', 'ANN', 'BOB'],
    ],
  ])('Format-Table %j', async (args, expected) => {
    expect((await run(input(rows).pipe(formatTableLines(args)), 'Stop')).output).toEqual(expected)
  })

  it.each([
    [{}, ['Name : ann', 'Role : admin', 'Id   : 1', '', 'Name : bob', 'Role : member', 'Id   : 22']],
    [{ property: ['Role'] }, ['Role : admin', '', 'Role : member']],
  ])('Format-List %j', async (args, expected) => {
    expect((await run(input(rows).pipe(formatListLines(args)), 'Stop')).output).toEqual(expected)
  })
})

describe('Out-String, Out-File, Out-Null, Tee-Object -FilePath', () => {
  it('Out-String renders as the shell would, whole or by line', async () => {
    expect((await run(input(rows).pipe(outString()))).output).toEqual([
      'Name Role   Id\n---- ----   --\nann  admin   1\nbob  member 22\n',
    ])
    expect((await run(input(['a', 1]).pipe(outString({ stream: true })))).output).toEqual(['a', '1'])
  })

  it('Group-Object -NoElement shows Count and Name only', async () => {
    // GroupInfoNoElement's view (PowerShellCore_format_ps1xml.cs) has no Group column.
    const shown = await run(
      input(['a', 'b', 'a'])
        .pipe(groupObject({ noElement: true }))
        .pipe(outString()),
    )
    expect(shown.output).toEqual(['Count Name\n----- ----\n    2 a\n    1 b\n'])
  })

  it('Out-File writes strings and formatted objects, and -Append appends', async () => {
    const filePath = join(dir, 'report.txt')
    await run(input<unknown>(['title', ...rows]).pipe(outFile({ filePath })), 'Stop')
    await run(input(['end']).pipe(outFile({ filePath, append: true })), 'Stop')
    expect(await readFile(filePath, 'utf8')).toBe(
      'title\nName Role   Id\n---- ----   --\nann  admin   1\nbob  member 22\nend\n',
    )
  })

  it('Out-File into a missing folder is one FileError line', async () => {
    const error = await run(
      input(['x']).pipe(outFile({ filePath: join(dir, 'none', 'x.txt') })),
      'Stop',
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'FileError' })
    expect((error as Error).message).toMatch(/^Cannot write '.*x\.txt': the folder does not exist\.$/)
  })

  it('Out-Null outputs nothing but drains its input', async () => {
    let pulled = 0
    const source = (function* () {
      for (let i = 0; i < 5; i++) yield ++pulled
    })()
    expect((await run(input(source).pipe(outNull()))).output).toEqual([])
    expect(pulled).toBe(5)
  })

  it('Tee-Object -FilePath writes the formatted objects and passes them on', async () => {
    const filePath = join(dir, 'tee.txt')
    await writeFile(filePath, 'old\n')
    const { output } = await run(input(['a', 'b']).pipe(teeObject({ filePath, append: true })), 'Stop')
    expect(output).toEqual(['a', 'b'])
    expect(await readFile(filePath, 'utf8')).toBe('old\na\nb\n')
  })
})

describe('Get-Help at the terminal width', () => {
  it('wraps long lines under their own indentation, not at the left edge', async () => {
    const session = new Session({ host: new RecordingHost(false, [], 50) })
    const lines = (await getHelp({ name: 'Format-Table', full: true }).in(session)) as string[]
    expect(lines.every((line) => line.length <= 50)).toBe(true)
    const description = lines.slice(lines.indexOf('DESCRIPTION') + 1, lines.indexOf('PARAMETERS') - 1)
    expect(description.length).toBeGreaterThan(3)
    expect(description.every((line) => line.startsWith('    ') && !line.startsWith('     '))).toBe(true)
    expect(description.join(' ').replace(/ +/g, ' ')).toContain(
      'When the terminal is too narrow, the least important columns are shortened',
    )
    // A parameter's description stays under the parameter, eight spaces in.
    const autoSize = lines.indexOf('    -AutoSize')
    expect(lines.slice(autoSize + 1, autoSize + 4).every((line) => /^ {8}\S/.test(line))).toBe(true)
  })
})

describe('Write-*', () => {
  it('Write-Output enumerates unless -NoEnumerate', async () => {
    expect((await run(writeOutput({ inputObject: [1, 2] }))).output).toEqual([1, 2])
    expect((await run(writeOutput({ inputObject: [1, 2], noEnumerate: true }))).output).toEqual([[1, 2]])
  })

  it('Write-Host, Write-Warning and Write-Error go to the host, not the pipeline', async () => {
    const host = await run(writeHost({ object: ['Sent:', 3], separator: ' ' }))
    expect(host.output).toEqual([])
    expect(host.host.information).toEqual(['Sent: 3'])
    const warning = await run(writeWarning({ message: 'careful' }))
    expect(warning.host.warnings).toEqual(['careful'])
    const error = await run(writeError({ message: 'ann: not found', category: 'ObjectNotFound' }))
    expect(error.host.errors.map((e) => [e.Message, e.Category, e.Code])).toEqual([
      ['ann: not found', 'ObjectNotFound', 'UserThrown'],
    ])
    expect(error.session.errors).toHaveLength(1)
    await expect(run(writeError({ message: 'stop here' }), 'Stop')).rejects.toThrow('stop here')
  })
})

describe('Get-Date', () => {
  const date = new Date(2026, 0, 2, 15, 4, 5, 67)
  it.each([
    ['yyyy-MM-dd', '2026-01-02'],
    ['dd.MM.yy HH:mm:ss.fff', '02.01.26 15:04:05.067'],
    ['h:mm tt', '3:04 PM'],
    ["dddd, d MMMM 'at' H", 'Friday, 2 January at 15'],
    ['s', '2026-01-02T15:04:05'],
  ])('formats %s', (pattern, expected) => {
    expect(formatDate(date, pattern)).toBe(expected)
  })

  it('outputs a date, or text with -Format', async () => {
    const before = Date.now()
    const now = (await run(getDate())).output[0]
    const after = Date.now()
    expect(now).toBeInstanceOf(Date)
    // The current time, not a fixed or stale date.
    expect((now as Date).getTime()).toBeGreaterThanOrEqual(before)
    expect((now as Date).getTime()).toBeLessThanOrEqual(after)
    expect(
      (await run(getDate({ date: new Date('2026-03-04T05:06:07'), format: 'yyyyMMdd-HHmm' }))).output,
    ).toEqual(['20260304-0506'])
    expect(
      (await run(getDate({ date: new Date('2026-03-04T05:06:07Z'), format: 'u', asUTC: true }))).output,
    ).toEqual(['2026-03-04 05:06:07Z'])
  })
})

describe('Get-Member', () => {
  it('lists each distinct type once with NoteProperty definitions', async () => {
    const objects = [
      withTypeName('VcsUser', { Email: 'a@x.com', Roles: ['admin'] }),
      withTypeName('VcsUser', { Email: 'b@x.com', Roles: [] }),
      'text',
    ]
    const { output } = await run(input<unknown>(objects).pipe(getMember()))
    expect(output).toEqual([
      { TypeName: 'VcsUser', Name: 'Email', MemberType: 'NoteProperty', Definition: 'string Email=a@x.com' },
      { TypeName: 'VcsUser', Name: 'Roles', MemberType: 'NoteProperty', Definition: 'object[] Roles=admin' },
      { TypeName: 'string', Name: 'Length', MemberType: 'Property', Definition: 'int Length {get;}' },
    ])
  })

  it('-Name filters members with wildcards', async () => {
    const { output } = await run(input([{ Email: 1, Name: 2 }]).pipe(getMember({ name: ['e*'] })))
    expect(output.map((m) => (m as { Name: string }).Name)).toEqual(['Email'])
  })
})
