// One place that decides how a CLI run looks: its session (PowerShell's Continue semantics, never a
// prompt), its host, and where output goes in which format.
import { Session, setProcessSession } from '../engine/context.js'
import { announceDifference } from '../engine/differences.js'
import { CliHost } from './host.js'
import type { GlobalOptions } from './argv.js'
import { colorEnabled, createWriter, defaultFormat, type RecordWriter } from './output.js'

/** The host of the latest CLI session: a one-shot run or a script has one, whose progress it draws. */
let currentHost: CliHost | undefined
/** Its session, which the writer's notices (a date shown in this tool's format) are said in. */
let currentSession: Session | undefined

/** A session for scripts and one-shot commands: errors continue (and set the exit code), no prompts. */
export function createCliSession(): { session: Session; host: CliHost } {
  const host = new CliHost()
  const session = new Session({ host, errorActionPreference: 'Continue' })
  currentHost = host
  currentSession = session
  // Every line of this process runs in it: code outside a pipeline (a connection made while the
  // shell starts) sees it too, and running it needs no AsyncLocalStorage store.
  setProcessSession(session)
  return { session, host }
}

/**
 * The writer for stdout: --output, else what `defaultFormat` picks for the mode (scripts: text as
 * PowerShell prints it; one-shot commands: a table on a terminal, JSON when piped). Table and list
 * rows print while the run goes on, so the host's progress line (on stderr, the same terminal) is
 * erased before they print and drawn again after; `host` defaults to the latest session's.
 */
export function stdoutWriter(
  options: GlobalOptions,
  mode: 'script' | 'command',
  host: CliHost | undefined = currentHost,
  stream: NodeJS.WriteStream = process.stdout,
): RecordWriter {
  const isTty = stream.isTTY === true
  return createWriter({
    format: options.output ?? defaultFormat(isTty, mode),
    stream,
    color: colorEnabled(isTty, process.env, options.noColor),
    beforePrint: host && (() => host.suspendProgress()),
    afterPrint: host && (() => host.resumeProgress()),
    onDate: () => currentSession && announceDifference(currentSession, 'displayDate'),
  })
}
