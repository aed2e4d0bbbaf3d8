// One place that decides how a CLI run looks: its session (PowerShell's Continue semantics, never a
// prompt), its host, and where output goes in which format.
import { Session } from '../engine/context.js'
import { CliHost } from './host.js'
import type { GlobalOptions } from './argv.js'
import { colorEnabled, createWriter, defaultFormat, type RecordWriter } from './output.js'

/** A session for scripts and one-shot commands: errors continue (and set the exit code), no prompts. */
export function createCliSession(): { session: Session; host: CliHost } {
  const host = new CliHost()
  const session = new Session({ host, errorActionPreference: 'Continue' })
  return { session, host }
}

/** The writer for stdout: --output, else a table on a terminal and JSON when piped. */
export function stdoutWriter(options: GlobalOptions): RecordWriter {
  const isTty = process.stdout.isTTY === true
  return createWriter({
    format: options.output ?? defaultFormat(isTty),
    stream: process.stdout,
    color: colorEnabled(isTty, process.env, options.noColor),
  })
}
