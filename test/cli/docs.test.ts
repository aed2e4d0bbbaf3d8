// The generated reference (docs/cmdlets) and zx globals (src/globals.ts) must match the cmdlet
// definitions: this regenerates both into a temp dir and fails on any difference.
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const STALE = 'is stale: run npm run docs and commit the result'

describe('generated docs and globals', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vcs-docs-'))
  afterAll(() => rm(dir, { recursive: true, force: true }))
  await run(process.execPath, [
    'scripts/gen-docs.mjs',
    '--out',
    join(dir, 'cmdlets'),
    '--globals',
    join(dir, 'globals.ts'),
  ])

  it('docs/cmdlets lists the same pages', async () => {
    expect((await readdir('docs/cmdlets')).sort(), `docs/cmdlets ${STALE}`).toEqual(
      (await readdir(join(dir, 'cmdlets'))).sort(),
    )
  })

  it('every page has the generated content', async () => {
    for (const name of await readdir(join(dir, 'cmdlets'))) {
      const fresh = await readFile(join(dir, 'cmdlets', name), 'utf8')
      const committed = await readFile(join('docs/cmdlets', name), 'utf8').catch(() => '')
      expect(committed, `docs/cmdlets/${name} ${STALE}`).toBe(fresh)
    }
  })

  it('src/globals.ts declares every library export', async () => {
    const fresh = await readFile(join(dir, 'globals.ts'), 'utf8')
    expect(await readFile('src/globals.ts', 'utf8'), `src/globals.ts ${STALE}`).toBe(fresh)
    expect(fresh).toContain("const getVcsUser: typeof import('./index.js').getVcsUser")
  })
})
