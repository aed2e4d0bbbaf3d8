// Get-Command: lists the cmdlets (filtered by name, verb or noun) so users can discover what exists.
import {
  defineCmdlet,
  hasWildcard,
  matchesAny,
  withTypeName,
  sessionFunctions,
  type AnyCmdlet,
  type TypeView,
} from '../../src/engine/index.js'

const commandInfoView: TypeView = {
  table: [
    { label: 'CommandType', value: 'CommandType' },
    { label: 'Name', value: 'Name', minWidth: 12 },
    { label: 'Synopsis', value: 'Synopsis' },
  ],
  list: ['Name', 'CommandType', 'Verb', 'Noun', 'Aliases', 'Synopsis'],
}

/** One command as Get-Command outputs it. */
export interface CommandInfo {
  CommandType: 'Cmdlet' | 'Function'
  Name: string
  Verb: string
  Noun: string
  Aliases: string[]
  Synopsis: string
}

/** Get-Command: lists commands. */
export const GetCommand = defineCmdlet({
  name: 'Get-Command',
  synopsis: 'Lists the available cmdlets.',
  description: 'Names and aliases match -Name case-insensitively, with wildcards.',
  aliases: ['gcm'],
  output: 'CommandInfo',
  views: { CommandInfo: commandInfoView },
  parameters: {
    name: {
      type: 'string[]',
      position: 0,
      wildcards: true,
      completer: 'cmdlet',
      description: 'Command names or aliases.',
    },
    verb: { type: 'string[]', wildcards: true, description: 'Verbs, such as Get or Remove.' },
    noun: { type: 'string[]', wildcards: true, description: 'Nouns, such as VcsUser or Object.' },
  },
  examples: [
    { title: 'Every cmdlet', code: 'Get-Command', bindOnly: true },
    {
      title: 'Cmdlets whose noun is Csv',
      code: 'Get-Command -Noun Csv | ForEach-Object Name',
      bindOnly: true,
    },
    {
      title: 'Find a cmdlet by alias',
      code: 'Get-Command where | ForEach-Object Name',
      expect: ['Where-Object'],
    },
  ],
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

export default GetCommand
