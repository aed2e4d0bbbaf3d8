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
  // Exit explicitly once stdout and stderr are flushed: keep-alive sockets and timers must not hold
  // a finished run, and a pipe that reads slowly must still get every line (stderr carries the
  // summary, warnings and what-if lines; writes to a pipe are queued, and exit drops the queue).
  const flushed = (stream: NodeJS.WriteStream) =>
    new Promise<void>((resolve) => stream.write('', () => resolve()))
  await Promise.all([flushed(process.stdout), flushed(process.stderr)])
  process.exit(code)
}
