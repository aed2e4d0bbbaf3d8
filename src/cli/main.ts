// vcs: the one-shot CLI entry point (the full yargs CLI is built in src/cli).
import { readFileSync } from 'node:fs'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string
}
if (process.argv.includes('--version')) {
  process.stdout.write(`${pkg.version}\n`)
}
