// `npm run soak` in its lightest form (--smoke; CI's soak job runs --quick) runs end to end and
// writes RELIABILITY.md's table with every case. Checks the figures that say whether the guarantees
// hold (lost, duplicated, leaked), never a time.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runNode } from './run-node.js'

const work = mkdtempSync(join(tmpdir(), 'vcs-soak-test-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('scripts/soak/run.mjs --smoke', () => {
  it('runs every reliability case and records rows, faults, retries, lost, duplicated and leaked', async () => {
    const out = join(work, 'RELIABILITY.md')
    const result = await runNode([resolve('scripts/soak/run.mjs'), '--smoke', '--out', out], 230_000)
    // 0 when every case passes, 1 when one fails (the table says which); never a crash.
    expect([0, 1], result.stderr).toContain(result.code)
    const text = readFileSync(out, 'utf8')
    expect(text).toMatch(/^Machine: /m)
    const header = text.split('\n').find((line) => line.startsWith('| case '))
    expect(header).toMatch(/rows \| faults injected \| 429s \| retries \| lost \| duplicated \| leaked/)
    const rows = text
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| case '))
      .map((line) => line.slice(2, -2).split(' | '))
    const find = (pattern: RegExp) => rows.find((row) => pattern.test(row[0]))
    for (const pattern of [
      /bulk invite .* once connected/,
      /bulk invite .* from the first request/,
      /remove .* once connected/,
      /remove .* from the first request/,
      /token lifetime 5 s/,
      /kill -9 the client/,
      /kill -9 the emulator/,
      /secrets:/,
    ])
      expect(find(pattern), `${pattern}\n${text}`).toBeDefined()
    expect(
      rows.every((row) => row.at(-1) !== 'ERROR'),
      text,
    ).toBe(true)
    // Every guarantee, case by case: nothing lost, nothing duplicated or misreported, nothing leaked.
    expect(find(/remove .* once connected/)?.[5]).toBe('0')
    expect(find(/remove .* once connected/)?.[8]).toMatch(/; 0 removed but reported failed$/)
    for (const pattern of [
      /bulk invite .* once connected/,
      /bulk invite .* from the first request/,
      /remove .* once connected/,
      /remove .* from the first request/,
      /token lifetime 5 s/,
      /kill -9 the client/,
      /kill -9 the emulator/,
      /secrets:/,
    ])
      expect(find(pattern)?.at(-1), `${pattern}\n${text}`).toBe('PASS')
    expect(find(/secrets:/)?.[7]).toBe('0')
    // The shell session is one of the scanned sources: it must have connected, or its 0 means nothing.
    expect(find(/secrets:/)?.[8]).toMatch(/connected yes/)
  }, 240_000)
})
