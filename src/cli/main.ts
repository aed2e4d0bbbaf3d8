// vcs: the command-line entry point. `--version` answers from here without loading anything else;
// every other mode loads ./app.js (bundled as a few chunks), which dispatches to the mode.
import pkg from '../../package.json' with { type: 'json' }

const argv = process.argv.slice(2)

// A consumer that stops reading (`vcs ... | head -1`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

if (argv.length === 1 && /^(--version|-v|-version)$/i.test(argv[0])) {
  process.stdout.write(`${pkg.version}\n`)
} else {
  const { main } = await import('./app.js')
  const code = await main(argv)
  // Exit explicitly once stdout is flushed: keep-alive sockets and timers must not hold a finished run.
  process.stdout.write('', () => process.exit(code))
}
