// Sort-Object: orders the whole input (it has to see every object first) by properties, script
// blocks or @{ Expression = ...; Descending = $true } hashtables; stable, as PowerShell's is.
import { defineCmdlet } from '../../src/engine/index.js'

/** Sort-Object: sorts pipeline objects. */
export const SortObject = defineCmdlet({
  name: 'Sort-Object',
  synopsis: 'Sorts objects by property values.',
  description:
    'Collects the input and outputs it in order: numbers numerically, dates by time, text ' +
    'case-insensitively (unless -CaseSensitive). Several properties sort by the first, then the next. ' +
    'Objects with equal keys keep their input order.',
  aliases: ['sort'],
  parameters: {
    property: {
      type: 'any[]',
      position: 0,
      completer: 'property',
      description: 'Properties, script blocks, or @{ Expression = ...; Descending = $true } hashtables.',
    },
    descending: { type: 'switch', description: 'Sorts from largest to smallest.' },
    unique: { type: 'switch', description: 'Drops objects whose sort keys equal an earlier one.' },
    caseSensitive: { type: 'switch', description: 'Compares text case-sensitively.' },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The object to sort.' },
  },
  examples: [
    { title: 'Numbers, largest first', code: '3, 1, 2 | Sort-Object -Descending', expect: [3, 2, 1] },
    {
      title: 'Rows by one property, distinct values only',
      code: "'Name','bob','Ann','bob' | ConvertFrom-Csv | Sort-Object Name -Unique | ForEach-Object Name",
      expect: ['Ann', 'bob'],
    },
    {
      title: 'By role, then by name descending',
      code: "'Name,Role','a,x','b,y','c,x' | ConvertFrom-Csv | Sort-Object Role, @{ Expression = 'Name'; Descending = $true } | ForEach-Object Name",
      expect: ['c', 'a', 'b'],
    },
  ],
  load: () => import('./Sort-Object.run.js'),
})

export default SortObject
