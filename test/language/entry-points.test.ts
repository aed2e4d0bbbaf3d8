// The language through the built `vcs`: -c / -Command, -File with param() and $args, script text on
// stdin. Diagnostics name the line and column with a caret and never show a stack trace.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../cli/helpers.js'

let work: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'vcs-language-'))
})
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

// Scripts print text as pwsh does; --output json gives these tests the records themselves.
const json = (stdout: string) => JSON.parse(stdout) as unknown

describe('entry points of the built package', () => {
  it.each([['-c'], ['-Command']])(
    '%s runs a pipeline with script blocks and the simplified Where-Object',
    async (flag) => {
      const result = await runCli([
        '-o',
        'json',
        flag,
        '1..6 | Where-Object { $_ % 2 -eq 0 } | ForEach-Object { $_ * 10 }',
      ])
      expect(result.stderr).toBe('')
      expect(json(result.stdout)).toEqual([20, 40, 60])
      const simple = await runCli([
        '-o',
        'json',
        flag,
        "Get-Command | Where-Object Name -like 'Get-Comm*' | Select-Object -First 1 Name",
      ])
      expect(json(simple.stdout)).toEqual([{ Name: 'Get-Command' }])
    },
  )

  it('-File binds typed parameters, switches and $args', async () => {
    const file = join(work, 'job.ps1')
    await writeFile(
      file,
      [
        '# A scheduled job',
        'param([Parameter(Mandatory)][string]$Domain, [int]$Days = 30, [switch]$Report)',
        '$cutoff = ([datetime]"2026-01-31").AddDays(-$Days)',
        '[pscustomobject]@{ Domain = $Domain.ToLower(); Cutoff = $cutoff.ToString("yyyy-MM-dd"); Report = [bool]$Report; Rest = $args -join "," }',
      ].join('\n'),
    )
    const result = await runCli([
      '-o',
      'json',
      '-File',
      file,
      '-Domain',
      'CORP.COM',
      '-Days',
      '7',
      '-Report',
      'x',
      'y',
    ])
    expect(result.stderr).toBe('')
    expect(json(result.stdout)).toEqual([
      { Domain: 'corp.com', Cutoff: '2026-01-24', Report: true, Rest: 'x,y' },
    ])
  })

  it('runs script text from stdin when stdin is not a terminal', async () => {
    const result = await runCli(['-o', 'json'], {
      stdin: "$names = 'b', 'a'\nforeach ($n in $names | Sort-Object) {\n  \"name: $n\"\n}\n",
    })
    expect(result.stderr).toBe('')
    expect(json(result.stdout)).toEqual(['name: a', 'name: b'])
  })

  it('a parse error shows the line, a caret and what was expected; nothing runs; exit 2', async () => {
    const result = await runCli(['-c', "'ran'\nif ($x) {\n  Get-Command"])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("Missing closing '}' in statement block.")
    expect(result.stderr).toContain('if ($x) {\n        ^')
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(result.stdout).not.toContain('ran')
  })

  it('throw ends the script with exit code 1 and its message; no stack trace', async () => {
    const result = await runCli([
      '-o',
      'json',
      '-c',
      "'before'; throw 'Cannot continue: no domain.'; 'after'",
    ])
    expect(result.code).toBe(1)
    expect(json(result.stdout)).toEqual(['before'])
    expect(result.stderr).toContain('Cannot continue: no domain.')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})
