// Format-List: shows each object as `Name : value` lines, which suits objects with many
// properties; the lines can be piped on like any string.
import { defineCmdlet } from '../../src/engine/index.js'

/** Format-List: objects to list lines. */
export const FormatList = defineCmdlet({
  name: 'Format-List',
  synopsis: 'Formats objects as lists of properties.',
  description:
    "Without -Property, shows the type's list view (or every property); -Property * shows every " +
    'property. One blank line separates objects. Outputs the lines as strings.',
  aliases: ['fl'],
  parameters: {
    property: {
      type: 'any[]',
      position: 0,
      completer: 'property',
      description: 'Properties (wildcards allowed) or @{ Name = ...; Expression = ... }.',
    },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The objects to format.' },
  },
  examples: [
    {
      title: 'Every property of a row',
      code: "'Name,Role','ann,admin' | ConvertFrom-Csv | Format-List",
      expect: ['Name : ann', 'Role : admin'],
    },
    {
      title: 'Chosen properties',
      code: "'Name,Role,Id','ann,admin,1' | ConvertFrom-Csv | Format-List Id, Name",
      expect: ['Id   : 1', 'Name : ann'],
    },
  ],
  load: () => import('./Format-List.run.js'),
})

export default FormatList
