// The code of Get-Command (declared in Get-Command.ts).
import {
  hasWildcard,
  implement,
  matchesAny,
  sessionFunctions,
  withTypeName,
  type AnyCmdlet,
} from '../../src/engine/index.js'
import type { CommandInfo, GetCommand } from './Get-Command.js'

export const getCommand = implement<typeof GetCommand>({
  async *process(args, ctx) {
    const registry = ctx.commands
    // Functions the script defined come first, as PowerShell lists them before cmdlets they shadow.
    const functions = sessionFunctions(ctx.session)
    const isFunction = (name: string) => functions.some((fn) => fn.name.toLowerCase() === name.toLowerCase())
    // A name without wildcards that matches nothing is an error, as in PowerShell.
    for (const name of args.name ?? []) {
      if (!hasWildcard(name) && !registry.find(name) && !isFunction(name)) {
        try {
          registry.resolve(name)
        } catch (error) {
          ctx.writeError(error, name)
        }
      }
    }
    for (const cmdlet of [...functions, ...registry.all()] as AnyCmdlet[]) {
      const names = [cmdlet.name, ...(cmdlet.aliases ?? [])]
      if (args.name && !names.some((name) => matchesAny(name, args.name!))) continue
      if (args.verb && !matchesAny(cmdlet.verb, args.verb)) continue
      if (args.noun && !matchesAny(cmdlet.noun, args.noun)) continue
      yield withTypeName<CommandInfo>('CommandInfo', {
        CommandType: (cmdlet as { commandType?: 'Function' }).commandType ?? 'Cmdlet',
        Name: cmdlet.name,
        Verb: cmdlet.verb,
        Noun: cmdlet.noun,
        Aliases: [...(cmdlet.aliases ?? [])],
        Synopsis: cmdlet.synopsis,
      })
    }
  },
})
