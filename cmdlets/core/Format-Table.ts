// Format-Table: lays objects out as a table of text lines that fits the terminal, using the type's
// view or the chosen properties; the lines can be piped on (Out-File, Out-String) like any string.
import { defineCmdlet } from '../../src/engine/index.js'

/** Format-Table: objects to table lines. */
export const FormatTable = defineCmdlet({
  name: 'Format-Table',
  synopsis: 'Formats objects as a table.',
  description:
    "Without -Property, uses the type's default columns (or the first objects' properties); numbers " +
    'and Booleans are right-aligned. When the terminal is too narrow, the least important columns ' +
    'are shortened (with an ellipsis) or left out first; -Wrap continues long values on the next ' +
    'lines instead. A hashtable shows as Name/Value rows. Outputs the lines as strings.',
  aliases: ['ft'],
  parameters: {
    property: {
      type: 'any[]',
      position: 0,
      completer: 'property',
      description: 'Columns: property names (wildcards allowed) or @{ Name = ...; Expression = ... }.',
    },
    autoSize: {
      type: 'switch',
      description:
        "Sizes every column to its content, also those a view gives a fixed width (a hashtable's Name). " +
        'Columns are always sized from all the objects, as -AutoSize does in PowerShell.',
    },
    wrap: {
      type: 'switch',
      description: 'Continues values too long for their column, and multi-line values, on the next lines.',
    },
    hideTableHeaders: { type: 'switch', description: 'Leaves out the header and underline.' },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The objects to format.' },
  },
  examples: [
    {
      title: 'Chosen columns',
      code: "'Name,Role,Id','ann,admin,1' | ConvertFrom-Csv | Format-Table Name, Role",
      expect: ['Name Role', '---- ----', 'ann  admin'],
    },
    {
      title: 'A hashtable, sized to its content',
      code: "[ordered]@{ Region = 'eu-central'; Seats = 40 } | Format-Table -AutoSize",
      expect: ['Name   Value', '----   -----', 'Region eu-central', 'Seats  40'],
    },
    {
      title: 'Long values on several lines',
      code: 'Import-Csv ./notes.csv | Format-Table Id, Note -Wrap',
      bindOnly: true,
    },
    {
      title: 'A calculated column, no header',
      code: "'Email','ann@corp.com' | ConvertFrom-Csv | Format-Table @{ Name = 'User'; Expression = { $_.Email.Split('@')[0] } } -HideTableHeaders",
      expect: ['ann'],
    },
  ],
  load: () => import('./Format-Table.run.js'),
})

export default FormatTable
