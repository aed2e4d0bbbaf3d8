// Get-Command: lists the cmdlets (filtered by name, verb or noun) so users can discover what exists.
import { defineCmdlet, type TypeView } from '../../src/engine/index.js'

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
  load: () => import('./Get-Command.run.js'),
})

export default GetCommand
