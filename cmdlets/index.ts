// The explicit registry of every cmdlet: three lists, no directory scanning.
import { CommandRegistry, type AnyCmdlet } from '../src/engine/index.js'
import { coreCmdlets } from './core/index.js'
import { connectionCmdlets } from './vcs/connection-cmdlets.js'
import { vcsCmdlets } from './vcs/index.js'

export const allCmdlets: readonly AnyCmdlet[] = [...coreCmdlets, ...connectionCmdlets, ...vcsCmdlets]

/** The registry the language, the shell and the CLI resolve commands in. */
export const registry = new CommandRegistry(allCmdlets)
