// Get-Alias: the other names commands answer to (`ls`, `%`, `?`, `select`...), from the registry.
import { defineCmdlet, matchesAny, withTypeName, type TypeView } from '../../src/engine/index.js'

const aliasInfoView: TypeView = {
  table: [
    { label: 'CommandType', value: 'CommandType' },
    { label: 'Name', value: 'DisplayName' },
  ],
}

/** Get-Alias: lists aliases. */
export const GetAlias = defineCmdlet({
  name: 'Get-Alias',
  views: { AliasInfo: aliasInfoView },
  synopsis: 'Lists the aliases of the commands.',
  description: 'Names match -Name with wildcards; -Definition lists the aliases of a command.',
  aliases: ['gal'],
  parameters: {
    name: { type: 'string[]', position: 0, wildcards: true, description: 'Alias names.' },
    definition: { type: 'string[]', wildcards: true, description: 'Command names whose aliases to list.' },
  },
  examples: [
    { title: 'What ls means', code: 'Get-Alias ls | ForEach-Object Definition', expect: ['Get-ChildItem'] },
    {
      title: 'The aliases of a cmdlet',
      code: 'Get-Alias -Definition Where-Object | ForEach-Object Name',
      expect: ['?', 'where'],
    },
  ],
  async *process(args, ctx) {
    const aliases = ctx.commands
      .all()
      .flatMap((cmdlet) => (cmdlet.aliases ?? []).map((alias) => ({ alias, command: cmdlet.name })))
      .sort((a, b) => a.alias.localeCompare(b.alias))
    let found = false
    for (const { alias, command } of aliases) {
      if (args.name && !matchesAny(alias, args.name)) continue
      if (args.definition && !matchesAny(command, args.definition)) continue
      found = true
      yield withTypeName('AliasInfo', {
        CommandType: 'Alias',
        Name: alias,
        Definition: command,
        DisplayName: `${alias} -> ${command}`,
      })
    }
    if (!found && args.name && !args.name.some((name) => /[*?[]/.test(name))) {
      ctx.writeError(new Error(`Cannot find an alias named '${args.name.join(', ')}'.`), args.name.join(', '))
    }
  },
})

export default GetAlias
