// The registry (cmdlets/index.ts) holds declarations only: what it imports statically, however
// deep, is the engine and the declarations, never a cmdlet's code (`*.run.ts`) nor what that code
// needs (the CSP client, auth, the language, the CSV libraries, node:fs/promises). That is what lets
// a one-shot command, the shell and Get-Command start without evaluating every cmdlet's code; the
// code loads on first use (src/engine/define.ts implementationOf). Read from esbuild's own graph.
import { build } from 'esbuild'
import { resolve } from 'node:path'
import { expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

/** Every module cmdlets/index.ts reaches through static imports, repository-relative. */
async function staticGraph(): Promise<string[]> {
  const result = await build({
    entryPoints: [resolve(root, 'cmdlets/index.ts')],
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
    plugins: [
      {
        name: 'dynamic-imports-stay-out',
        setup(plugin) {
          plugin.onResolve({ filter: /.*/ }, (args) =>
            args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
          )
        },
      },
    ],
  })
  return Object.keys(result.metafile.inputs)
}

it("reaches no cmdlet's code, CSP client, auth, language or CSV library through static imports", async () => {
  const graph = await staticGraph()
  expect(graph).toContain('cmdlets/vcs/Get-VcsUser.ts')
  expect(graph).toContain('src/engine/index.ts')
  // src/csp/limits.ts is CSP's documented limits as constants (-BatchSize's range), nothing more.
  const heavy = graph.filter(
    (path) =>
      path !== 'src/csp/limits.ts' &&
      /\.run\.ts$|^src\/(csp|auth|language|shell|cli)\/|node_modules\/(csv-parse|csv-stringify|openid-client|undici)\/|^node:fs\/promises$/.test(
        path,
      ),
  )
  expect(heavy).toEqual([])
})
