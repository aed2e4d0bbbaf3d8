// Runs scripts against the product's registry (every cmdlet), in a fresh shell-like session.
import { registry } from '../../cmdlets/index.js'
import { RecordingHost, Session, type ActionPreference } from '../../src/engine/index.js'
import { Interpreter, type RunOptions } from '../../src/language/index.js'

export interface RealRun {
  output: unknown[]
  host: RecordingHost
  session: Session
  interpreter: Interpreter
}

/** Runs `text` with every cmdlet; $ErrorActionPreference is 'Continue' unless given. */
export async function runReal(
  text: string,
  options: RunOptions & { errorAction?: ActionPreference; session?: Session } = {},
): Promise<RealRun> {
  const host = new RecordingHost()
  const session =
    options.session ?? new Session({ host, errorActionPreference: options.errorAction ?? 'Continue' })
  const interpreter = new Interpreter({ registry, session })
  const output = await interpreter.evaluate(text, options)
  return { output, host: session.host as RecordingHost, session, interpreter }
}

/** The output of a script run with every cmdlet. */
export async function real(text: string, options: RunOptions = {}): Promise<unknown[]> {
  return (await runReal(text, options)).output
}
