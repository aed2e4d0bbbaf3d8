// CSV injection (OWASP "CSV Injection"): cells that start with =, +, -, @, tab or carriage return are
// run as formulas by spreadsheets, and user names come from account holders. Export-Csv and
// ConvertTo-Csv write them with a leading ', -NoFormulaEscaping writes them as they are, and
// Import-Csv / ConvertFrom-Csv read escaped cells back unchanged.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { input } from '../../../src/engine/index.js'
import { convertFromCsv, convertToCsv, exportCsv, importCsv } from '../../../src/library/core.js'
import { escapeFormula, unescapeFormula } from '../../../cmdlets/core/csv.js'
import { run } from './helpers.js'

const HOSTILE = [
  { Name: '=HYPERLINK("http://evil.example","x")', Note: '+1+2' },
  { Name: '-2+3', Note: '@SUM(A1)' },
  { Name: '\tTab', Note: '\rReturn' },
  { Name: "'=already quoted", Note: "'plain quote" },
  { Name: '-5', Note: '+1.5e3' },
]

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vcs-csv-injection-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('formula cells', () => {
  it('are written with a leading quote by ConvertTo-Csv; plain numbers stay', async () => {
    const { output } = await run(input(HOSTILE).pipe(convertToCsv()), 'Stop')
    expect(output).toEqual([
      '"Name","Note"',
      '"\'=HYPERLINK(""http://evil.example"",""x"")","\'+1+2"',
      '"\'-2+3","\'@SUM(A1)"',
      '"\'\tTab","\'\rReturn"',
      '"\'\'=already quoted","\'plain quote"',
      '"-5","+1.5e3"',
    ])
  })

  it('are written as they are with -NoFormulaEscaping', async () => {
    const { output } = await run(
      input(HOSTILE.slice(0, 1)).pipe(convertToCsv({ noFormulaEscaping: true })),
      'Stop',
    )
    expect(output[1]).toBe('"=HYPERLINK(""http://evil.example"",""x"")","+1+2"')
  })

  it('read back unchanged through Export-Csv and Import-Csv, and ConvertFrom-Csv', async () => {
    const path = join(dir, 'hostile.csv')
    await run(input(HOSTILE).pipe(exportCsv({ path })), 'Stop')
    expect(await readFile(path, 'utf8')).toContain('"\'=HYPERLINK(')
    expect((await run(importCsv({ path }), 'Stop')).output).toEqual(HOSTILE)
    const converted = await run(input(HOSTILE).pipe(convertToCsv()).pipe(convertFromCsv()), 'Stop')
    expect(converted.output).toEqual(HOSTILE)
  })

  it.each(['=1', "'=1", "''=1", "'x", 'x', '-', '-1', '- 1', "'-1"])('round-trips %j', (cell) => {
    expect(unescapeFormula(escapeFormula(cell))).toBe(cell)
  })
})
