// The code of Get-Alias (declared in Get-Alias.ts).
import { implement, matchesAny, withTypeName } from '../../src/engine/index.js'
import type { GetAlias } from './Get-Alias.js'

export const getAlias = implement<typeof GetAlias>({
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
