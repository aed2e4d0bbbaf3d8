// `npm run bench -- --quick` runs end to end and writes its table (CI's smoke test of the benchmark).
// It checks that every row is there and the correctness figures (lost, duplicated, token exchanges),
// never a time.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runNode } from './run-node.js'

const work = mkdtempSync(join(tmpdir(), 'vcs-bench-test-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Table rows as cell arrays, keyed by their first cell. */
function rowsOf(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| what '))
    .map((line) =>
      line
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((cell) => cell.trim()),
    )
}

describe('scripts/bench/run.mjs --quick', () => {
  it('writes BENCHMARKS-style table with every benchmark, the machine and no errors', async () => {
    const out = join(work, 'BENCHMARKS.md')
    const result = await runNode([resolve('scripts/bench/run.mjs'), '--quick', '--out', out], 170_000)
    expect(result.code, result.stderr).toBe(0)
    const text = readFileSync(out, 'utf8')
    expect(text).toMatch(/^Machine: .+ cores, .+ GB RAM.+Node v\d+/m)
    expect(text).toMatch(/Quick mode/)
    const rows = rowsOf(text)
    const names = rows.map((row) => row[0])
    for (const expected of [
      /`vcs --version`/,
      /`vcs -c /,
      /shell first prompt/,
      /list 1,000 users .*time/,
      /list 1,000 users: time against the limit/,
      /time to first record/,
      /peak RSS/,
      /RSS growth/,
      /bulk invite \d.* e-mails from CSV/,
      /bulk invite .*lost \/ duplicated/,
      /remove \d.* users by id/,
      /remove .*not removed/,
      /bulk invite .*: requests sent$/,
      /revoke \d.* invitations/,
      /revoke .*left pending/,
      /token exchanges for \d+ one-shot commands/,
    ])
      expect(
        names.some((name) => expected.test(name)),
        `${expected} in\n${names.join('\n')}`,
      ).toBe(true)
    for (const row of rows) {
      expect(row, row.join(' | ')).toHaveLength(6)
      expect(row[5], row.join(' | ')).toMatch(/^(PASS|\*\*MISS\*\*|info|n\/a)$/)
    }
    // Correctness figures, not times: nothing lost or sent twice, one token exchange for all commands.
    const verdictOf = (pattern: RegExp) => rows.find((row) => pattern.test(row[0]))?.[5]
    expect(verdictOf(/bulk invite .*lost \/ duplicated/)).toBe('PASS')
    expect(verdictOf(/remove .*not removed/)).toBe('PASS')
    expect(verdictOf(/revoke .*left pending/)).toBe('PASS')
    expect(verdictOf(/token exchanges/)).toBe('PASS')
    // Every missed target is listed again under the table, with why it misses.
    const notes = text.split('## Why the misses miss')[1]?.split('## ')[0] ?? ''
    for (const row of rows.filter((cells) => cells[5] === '**MISS**'))
      expect(notes, row[0]).toContain(`- ${row[0].replaceAll('\\|', '|')}: `)
  }, 180_000)

  it('rejects an unknown option with the usage exit code', async () => {
    const result = await runNode([resolve('scripts/bench/run.mjs'), '--frobnicate'], 170_000)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/--frobnicate/)
  })
})
