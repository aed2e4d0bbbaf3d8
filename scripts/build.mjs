// Bundles the CLI, the library and the emulator with esbuild, so one-shot commands start fast:
// one file to load, and Ink/React only in a chunk that the interactive shell imports lazily.
import { build } from 'esbuild'
import { chmod, rm } from 'node:fs/promises'

const watch = process.argv.includes('--watch')
await rm('dist', { recursive: true, force: true }).catch(() => {})

const banner = [
  '#!/usr/bin/env node',
  "import { createRequire as __vcsCreateRequire } from 'node:module';",
  'const require = __vcsCreateRequire(import.meta.url);',
].join('\n')

await build({
  entryPoints: {
    cli: 'src/cli/main.ts',
    index: 'src/index.ts',
    globals: 'src/globals.ts',
    emulator: 'src/emulator/index.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: watch ? 'info' : 'warning',
  banner: { js: banner },
  chunkNames: 'chunks/[name]-[hash]',
  // Native add-ons cannot be bundled; react-devtools-core is an optional dev-only import of Ink.
  external: ['@napi-rs/keyring', 'lmdb', 'react-devtools-core', 'zx', 'fsevents'],
  jsx: 'automatic',
  // React's production build, minified: the shell chunk parses faster, so the first prompt comes sooner.
  define: { 'process.env.VCS_BUNDLED': '"1"', 'process.env.NODE_ENV': '"production"' },
  minify: true,
  keepNames: true,
})
await chmod('dist/cli.js', 0o755)
