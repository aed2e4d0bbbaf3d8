// Format-Table: lays objects out as a table of text lines that fits the terminal, using the type's
// view or the chosen properties; the lines can be piped on (Out-File, Out-String) like any string.
import { defineCmdlet, formatTable } from '../../src/engine/index.js'
import { projectForFormat } from './format-shared.js'
import { argumentsOf, inputObjects } from './shared.js'

/** Format-Table: objects to table lines. */
export const FormatTable = defineCmdlet({
  name: 'Format-Table',
  synopsis: 'Formats objects as a table.',
  description:
    "Without -Property, uses the type's default columns (or the first objects' properties). Columns " +
    'shrink to fit the terminal width, truncating with an ellipsis. Outputs the lines as strings.',
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
      description: 'Accepted for compatibility: columns are always sized to content.',
    },
    hideTableHeaders: { type: 'switch', description: 'Leaves out the header and underline.' },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The objects to format.' },
  },
  examples: [
    {
      title: 'Chosen columns',
      code: "'Name,Role,Id','ann,admin,1' | ConvertFrom-Csv | Format-Table Name, Role",
      expect: ['Name Role', '---- -----', 'ann  admin'],
    },
    {
      title: 'A calculated column, no header',
      code: "'Email','ann@corp.com' | ConvertFrom-Csv | Format-Table @{ Name = 'User'; Expression = { $_.Email.Split('@')[0] } } -HideTableHeaders",
      expect: ['ann'],
    },
  ],
  async *stream(records, ctx) {
    const args = argumentsOf<{ property?: unknown[]; hideTableHeaders?: boolean }>(ctx)
    const objects: unknown[] = []
    for await (const object of inputObjects(records, ctx)) objects.push(object)
    if (objects.length === 0) return
    const { rows, labels } = await projectForFormat(objects, args.property, 'Format-Table', ctx)
    yield* formatTable(rows, {
      width: ctx.host.width ?? 120,
      properties: labels,
      hideHeaders: args.hideTableHeaders,
    })
  },
})

export default FormatTable
