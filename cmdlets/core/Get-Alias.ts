// Get-Alias: the other names commands answer to (`ls`, `%`, `?`, `select`...), from the registry.
import { defineCmdlet, type TypeView } from '../../src/engine/index.js'

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
  load: () => import('./Get-Alias.run.js'),
})

export default GetAlias
