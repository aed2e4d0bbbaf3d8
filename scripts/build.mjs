// Bundles the CLI, the library and the emulator with esbuild, so one-shot commands start fast:
// a few files to load, and Ink/React only in a chunk that the interactive shell imports lazily.
import { build } from 'esbuild'
import { chmod, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { spawnSync } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'

const watch = process.argv.includes('--watch')
// The bundles are rebuilt from scratch; dist/types (the declarations `npm run build:types` writes at
// install) stays, so the tests' rebuilds do not take the library's types away.
for (const entry of await readdir('dist').catch(() => [])) {
  if (entry !== 'types') await rm(join('dist', entry), { recursive: true, force: true })
}

// esbuild's shim for bundled CommonJS calls `require`, which an ES module lacks. Creating one costs
// every file that does it, so only the files that mention `require` get these lines (see below).
const REQUIRE_BANNER = [
  "import { createRequire as __vcsCreateRequire } from 'node:module';",
  'const require = __vcsCreateRequire(import.meta.url);',
]

/**
 * string-width builds its regular expressions (`\p{RGI_Emoji}` among them) and an Intl.Segmenter
 * when its module is evaluated: about 30 ms, which a one-shot command paid before printing anything,
 * though it only measures text that is not printable ASCII. For src/engine/format-text.ts, its
 * import becomes a function that loads it on first call (esbuild evaluates a module that is
 * `require`d when it is first required); Ink's import of it, in the shell's chunk, stays as it is
 * and both share one copy.
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(plugin) {
    plugin.onResolve({ filter: /^string-width$/ }, (args) =>
      args.importer.endsWith(join('src', 'engine', 'format-text.ts'))
        ? { path: 'string-width', namespace: 'lazy-string-width' }
        : undefined,
    )
    plugin.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, () => ({
      contents: [
        'let width',
        'export default function stringWidth(text, options) {',
        "  width ??= require('string-width').default",
        '  return width(text, options)',
        '}',
      ].join('\n'),
      resolveDir: process.cwd(),
      loader: 'js',
    }))
  },
}

/**
 * string-width 8 compiles `^\p{RGI_Emoji}$` (some 12 ms) when its module is evaluated: in the shell's
 * chunk, before the first prompt, though it only tests text that is not printable ASCII. This makes
 * the pattern compile on its first use (the shell warms it up after the first prompt). Copies nested
 * in other packages (wrap-ansi's string-width 7) are left as they are.
 */
const RGI_EMOJI = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;'
const lazyEmojiPattern = {
  name: 'lazy-emoji-pattern',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      if (/[\\/]node_modules[\\/].+[\\/]node_modules[\\/]/.test(args.path)) return undefined
      const text = await readFile(args.path, 'utf8')
      if (!text.includes(RGI_EMOJI) || !text.includes('rgiEmojiRegex.test(')) {
        return {
          contents: text,
          warnings: [
            { text: 'string-width changed: its emoji pattern compiles at load (slower shell start-up)' },
          ],
        }
      }
      return {
        contents: text
          .replace(RGI_EMOJI, 'let rgiEmojiRegex;')
          .replaceAll('rgiEmojiRegex.test(', '(rgiEmojiRegex ??= /^\\p{RGI_Emoji}$/v).test('),
      }
    })
  },
}

/**
 * yoga-layout (Ink's layout engine) carries its WebAssembly as a base64 `data:` URL and reads it with
 * `fetch` whenever a global fetch exists: in Node that loads Node's own undici and URL-decodes the
 * whole module, some 40 ms before the shell's first prompt. Its other path decodes the same base64
 * synchronously; this makes yoga take it, as it does where there is no fetch. That path decodes with
 * atob and a loop over the bytes (some 5-10 ms for its 72 kB); Buffer.from decodes natively.
 */
const YOGA_DECODE =
  'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c'
const YOGA_FETCH = '"function"!=typeof fetch?Promise.resolve().then(function(){return wa()})'
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(plugin) {
    plugin.onLoad(
      { filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ },
      async (args) => {
        const text = await readFile(args.path, 'utf8')
        const warnings = []
        if (!text.includes(YOGA_FETCH))
          warnings.push({
            text: 'yoga-layout changed: its WebAssembly may load through fetch (slower shell start-up)',
          })
        if (!text.includes(YOGA_DECODE))
          warnings.push({
            text: 'yoga-layout changed: its WebAssembly may be decoded with atob (slower shell start-up)',
          })
        const contents = text
          .replace(YOGA_FETCH, 'true?Promise.resolve().then(function(){return wa()})')
          .replace(YOGA_DECODE, 'var d=Buffer.from(a.slice(37),"base64")')
        return { contents, warnings }
      },
    )
  },
}

const result = await build({
  plugins: [lazyStringWidth, lazyEmojiPattern, yogaWithoutFetch],
  entryPoints: {
    'chunks/app': 'src/cli/app.ts',
    index: 'src/index.ts',
    globals: 'src/globals.ts',
    emulator: 'src/emulator/entry.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: watch ? 'info' : 'warning',
  chunkNames: 'chunks/[name]-[hash]',
  // Native add-ons cannot be bundled; react-devtools-core is an optional dev-only import of Ink.
  external: ['@napi-rs/keyring', 'lmdb', 'react-devtools-core', 'zx', 'fsevents'],
  jsx: 'automatic',
  // React's production build, minified: the shell chunk parses faster, so the first prompt comes sooner.
  define: {
    'process.env.VCS_BUNDLED': '"1"',
    'process.env.NODE_ENV': '"production"',
  },
  minify: true,
  keepNames: true,
  write: false,
})

// dist/cli.cjs: the `vcs` command, on its own. A CommonJS file, so a run starts without Node's ES
// module loader: `vcs --version` answers from it alone, a one-shot command compiles
// dist/chunks/app.cjs with its code cache, and only the shell and the emulator import
// dist/chunks/app.js, the ES module entry the build above made of src/cli/app.ts.
const cli = await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: watch ? 'info' : 'warning',
  minify: true,
  write: false,
  plugins: [
    {
      name: 'app-entry',
      setup(plugin) {
        plugin.onResolve({ filter: /^\.\/app\.js$/ }, () => ({ path: './chunks/app.js', external: true }))
      },
    },
  ],
})

/**
 * The one-shot build: src/cli/app.ts once more, as one CommonJS file (dist/chunks/app.cjs) that
 * dist/cli.cjs compiles with a V8 code cache (below), for the modes that run and exit. It leaves out
 * what only the full app runs (dist/cli.cjs runs the shell, the demo and `vcs emulator` there, see
 * app.ts `runsInFullApp`): a stand-in that throws if it is ever reached. Its import()s become
 * require()s: V8 drops the dynamic-import callback of a script compiled from a code cache, and
 * vm's USE_MAIN_CONTEXT_DEFAULT_LOADER is experimental (it warns) on Node 20. So undici and
 * openid-client load from node_modules with require() when a connection needs them (openid-client
 * is an ES module without top-level await, which require() loads on Node >= 20.19, our engines).
 */
const FULL_APP_ONLY = /^(\.\.\/shell\/(index|interactive-env)\.js|\.\.\/emulator\/(index|entry)\.js|yargs)$/
const oneShotBuild = {
  name: 'one-shot-build',
  setup(plugin) {
    plugin.onResolve({ filter: FULL_APP_ONLY }, (args) => ({ path: args.path, namespace: 'full-app-only' }))
    plugin.onLoad({ filter: /.*/, namespace: 'full-app-only' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not in the one-shot build; dist/cli.cjs runs this mode in dist/chunks/app.js`)})`,
      loader: 'js',
    }))
  },
}
const oneShot = await build({
  plugins: [lazyStringWidth, oneShotBuild],
  entryPoints: { 'chunks/app': 'src/cli/app.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  supported: { 'dynamic-import': false },
  sourcemap: true,
  logLevel: watch ? 'info' : 'warning',
  external: ['@napi-rs/keyring', 'lmdb', 'react-devtools-core', 'zx', 'fsevents', 'undici', 'openid-client'],
  jsx: 'automatic',
  // import.meta (three createRequire calls) is this file's URL, as in the ES module build.
  banner: { js: 'const __vcsImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: {
    'process.env.VCS_BUNDLED': '"1"',
    'process.env.NODE_ENV': '"production"',
    'import.meta.url': '__vcsImportMetaUrl',
  },
  minify: true,
  keepNames: true,
  write: false,
})

// Prepends the shebang (cli.cjs) and the require() lines (files that mention `require`) to the
// JavaScript files, and shifts their source maps by as many lines: each `;` at the start of
// `mappings` is one generated line with nothing mapped on it.
const files = new Map(
  [...result.outputFiles, ...cli.outputFiles, ...oneShot.outputFiles].map((file) => [file.path, file.text]),
)
// dist/chunks/app.cjs comes already wrapped as the CommonJS function dist/cli.cjs calls, so the
// half-megabyte source is not copied into a wrapped string on every run. It must be ASCII (esbuild's
// default charset escapes the rest): dist/cli.cjs reads it as latin1, which decodes faster than UTF-8.
const ONE_SHOT_WRAPPER = '(function (exports, require, module, __filename, __dirname) {'
for (const [path, text] of files) {
  const oneShotApp = path.endsWith('/dist/chunks/app.cjs')
  if (oneShotApp && Buffer.byteLength(text) !== text.length)
    throw new Error('dist/chunks/app.cjs is not ASCII')
  const lines = path.endsWith('/dist/cli.cjs')
    ? ['#!/usr/bin/env node']
    : oneShotApp
      ? [ONE_SHOT_WRAPPER]
      : path.endsWith('.js') && /\brequire\b/.test(text)
        ? REQUIRE_BANNER
        : []
  if (lines.length === 0) continue
  files.set(path, `${lines.join('\n')}\n${text}${oneShotApp ? '\n})' : ''}`)
  const map = files.get(`${path}.map`)
  if (map !== undefined) {
    const json = JSON.parse(map)
    json.mappings = ';'.repeat(lines.length) + json.mappings
    files.set(`${path}.map`, JSON.stringify(json))
  }
}
await Promise.all(
  [...files].map(async ([path, text]) => {
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, text)
  }),
)
await chmod('dist/cli.cjs', 0o755)

/**
 * The code cache of dist/chunks/app.cjs, made by the Node that builds (V8 rejects a cache of another
 * version, and dist/cli.cjs then compiles as usual): in a child process, the bundle is compiled as
 * dist/cli.cjs compiles it, its modules evaluated and one command line run (WARM_UP, no network, its
 * output dropped), so the functions every run needs (the parser, the pipeline, formatting) are in the
 * cache too instead of being compiled from source on each run.
 */
const WARM_UP =
  "Get-Command | Where-Object Noun -like 'Vcs*' | Sort-Object Name | Select-Object -First 3 | Format-Table; 1..3 | ForEach-Object { $_ * 2 } | Measure-Object -Sum"
const CACHE_WRITER = `
const { readFileSync, writeFileSync } = require('node:fs')
const Module = require('node:module')
const { dirname } = require('node:path')
const { Script } = require('node:vm')
const file = process.argv[1]
const script = new Script(readFileSync(file, 'latin1'), {
  filename: file,
})
const module = { exports: {} }
script.runInThisContext()(module.exports, Module.createRequire(file), module, file, dirname(file))
module.exports.main(['-c', process.argv[2]]).then(() => writeFileSync(file + '.cache', script.createCachedData()))
`
const written = spawnSync(process.execPath, ['-e', CACHE_WRITER, resolve('dist/chunks/app.cjs'), WARM_UP], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NODE_OPTIONS: '' },
})
if (written.status !== 0) throw new Error('could not write the code cache of dist/chunks/app.cjs')
