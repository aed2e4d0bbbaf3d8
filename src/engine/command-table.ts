// The commands a session can see beyond the registry's cmdlets: the functions the language defined in
// the running scope. The language sets the table before each pipeline it runs; Get-Command and
// Get-Help read it, so a function is listed and explained like any cmdlet.
import type { Session } from './context.js'
import type { AnyCmdlet } from './types.js'

/** What Get-Command and Get-Help may ask of the language. */
export interface CommandTable {
  /** Functions visible where the current pipeline runs, as commands (CommandType 'Function'). */
  functions(): AnyCmdlet[]
}

const TABLE = Symbol('vcs-shell.commandTable')

/** Sets the table for the pipelines that run next in this session. */
export function setCommandTable(session: Session, table: CommandTable): void {
  session.setSlot(TABLE, table)
}

/** The functions visible to the running pipeline (none outside the language). */
export function sessionFunctions(session: Session): AnyCmdlet[] {
  return session.slot<CommandTable | undefined>(TABLE, () => undefined)?.functions() ?? []
}
