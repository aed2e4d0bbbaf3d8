// The README's library snippet, run by plain `node` against the built package (dist/), the way a
// user's script imports it: `import { importCsv, ... } from 'vcs-shell'`.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const repo = resolve(import.meta.dirname, '../../..')
let dir: string

/** Builds dist/ when it is missing or older than the core cmdlet sources (npm run test:unit builds first). */
async function ensureBuilt(): Promise<void> {
  const built = await stat(join(repo, 'dist/index.js')).catch(() => undefined)
  const sources = [
    ...(await readdir(join(repo, 'cmdlets/core'))).map((name) => join(repo, 'cmdlets/core', name)),
    join(repo, 'src/library/core.ts'),
  ]
  const newest = Math.max(...(await Promise.all(sources.map(async (path) => (await stat(path)).mtimeMs))))
  if (!built || built.mtimeMs < newest) await run(process.execPath, ['scripts/build.mjs'], { cwd: repo })
}

beforeAll(async () => {
  await ensureBuilt()
  dir = await mkdtemp(join(tmpdir(), 'vcs-snippet-'))
  // A package-name import, resolved through package.json "exports" as in a user's project.
  await mkdir(join(dir, 'node_modules'))
  await symlink(repo, join(dir, 'node_modules', 'vcs-shell'), 'dir')
  const people = ['Email,Name', 'zoe@example.com,Zoe', 'ann@corp.com,Ann', 'bob@example.com,Bob']
  people.push('"amy@example.com","Amy, Jr."', 'cy@example.com,Cy', 'dan@example.com,Dan')
  await writeFile(join(dir, 'people.csv'), `${people.join('\r\n')}\r\n`)
})
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('the README library snippet', () => {
  it('runs from a plain node script importing the built package', async () => {
    const script = join(dir, 'snippet.mjs')
    await writeFile(
      script,
      [
        "import { importCsv, whereObject, selectObject, sortObject, measureObject } from 'vcs-shell'",
        "const rows = await importCsv({ path: 'people.csv' })",
        "  .pipe(whereObject({ property: 'Email', like: '*@example.com' }))",
        "  .pipe(sortObject({ property: 'Email' }))",
        '  .pipe(selectObject({ first: 3 }))',
        "const [count] = await importCsv({ path: 'people.csv' }).pipe(measureObject())",
        'console.log(JSON.stringify({ rows, count: count.Count }))',
      ].join('\n'),
    )
    const { stdout, stderr } = await run(process.execPath, [script], { cwd: dir })
    expect(stderr).toBe('')
    expect(JSON.parse(stdout)).toEqual({
      rows: [
        { Email: 'amy@example.com', Name: 'Amy, Jr.' },
        { Email: 'bob@example.com', Name: 'Bob' },
        { Email: 'cy@example.com', Name: 'Cy' },
      ],
      count: 6,
    })
  })

  it('a missing file fails with one line naming it, no stack trace', async () => {
    const script = join(dir, 'missing.mjs')
    await writeFile(
      script,
      [
        "import { importCsv } from 'vcs-shell'",
        "try { await importCsv({ path: 'nope.csv' }) } catch (error) { console.log(`${error.code}|${error.message}`) }",
      ].join('\n'),
    )
    const { stdout } = await run(process.execPath, [script], { cwd: dir })
    expect(stdout.trim()).toMatch(/^FileError\|Cannot read '.*nope\.csv': the file does not exist\.$/)
  })
})
