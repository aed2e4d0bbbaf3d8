// A one-shot run that lasts (200,000 CSV rows piped in) keeps V8's young generation small: without
// dist/cli.cjs's cap it doubles to 32 MB, which a million rows pay as ~60 MB more peak RSS
// (BENCHMARKS.md, memory rows). Asserts V8's own heap-space size at exit, not a time.
import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { CLI, cleanEnv } from './helpers.js'

const HOOK = `
import { getHeapSpaceStatistics } from 'node:v8'
import { writeSync } from 'node:fs'
process.on('exit', () => {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')
  writeSync(2, 'NEW_SPACE_BYTES ' + space.space_size + '\\n')
})
`
let work: string
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'vcs-young-'))
  writeFileSync(join(work, 'hook.mjs'), HOOK)
  const rows = ['Email,FirstName,LastName']
  for (let i = 0; i < 200_000; i++) rows.push(`user${i}@example.com,First${i},Last${i}`)
  writeFileSync(join(work, 'rows.csv'), `${rows.join('\n')}\n`)
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

it.runIf(/^v(20|22)\./.test(process.version))(
  'keeps the young generation at most 8 MB while 200,000 piped rows stream through a one-shot',
  () => {
    const stdin = openSync(join(work, 'rows.csv'), 'r')
    try {
      const result = spawnSync(
        process.execPath,
        ['--import', join(work, 'hook.mjs'), CLI, 'Measure-Object', '--input', '-', '--output', 'json'],
        { env: cleanEnv(), stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8', timeout: 120_000 },
      )
      expect(result.status).toBe(0)
      expect(JSON.parse(result.stdout)).toMatchObject([{ Count: 200_000 }])
      const bytes = Number(/NEW_SPACE_BYTES (\d+)/.exec(result.stderr)?.[1])
      expect(bytes).toBeGreaterThan(0)
      expect(bytes).toBeLessThanOrEqual(8 * 1024 * 1024)
    } finally {
      closeSync(stdin)
    }
  },
)
