// Select-String: lines that match a regular expression (or plain text with -SimpleMatch), from
// strings in the pipeline or from files, as MatchInfo objects that show as the line (or path:n:line).
import { defineCmdlet, type TypeView } from '../../src/engine/index.js'

const matchInfoView: TypeView = { table: [{ label: 'Line', value: 'Line' }] }

/** Select-String: finds text. */
export const SelectString = defineCmdlet({
  name: 'Select-String',
  views: { MatchInfo: matchInfoView },
  synopsis: 'Finds lines that match a pattern, in strings or in files.',
  description:
    'The pattern is a regular expression (case-insensitive unless -CaseSensitive); -SimpleMatch makes it plain text.',
  aliases: ['sls'],
  parameters: {
    pattern: { type: 'string[]', position: 0, mandatory: true, description: 'What to look for.' },
    path: {
      type: 'string[]',
      position: 1,
      wildcards: true,
      completer: 'path',
      description: 'Files to search.',
    },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'Text to search.' },
    simpleMatch: { type: 'switch', description: 'The pattern is plain text.' },
    caseSensitive: { type: 'switch', description: 'Case matters.' },
    notMatch: { type: 'switch', description: 'Lines that do not match.' },
    allMatches: { type: 'switch', description: 'Every match in a line, not only the first.' },
    quiet: { type: 'switch', description: 'Outputs True or False instead of the matches.' },
  },
  examples: [
    {
      title: 'Lines about errors',
      code: "'ok','error: x','fine' | Select-String error | ForEach-Object Line",
      expect: ['error: x'],
    },
  ],
  load: () => import('./Select-String.run.js'),
})

export default SelectString
