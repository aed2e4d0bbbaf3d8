// Group-Object: groups the input by property values into Count/Name/Group records, or one
// hashtable from value to objects with -AsHashTable.
import { defineCmdlet, type TypeView } from '../../src/engine/index.js'

const groupInfoView: TypeView = {
  table: [
    { label: 'Count', value: 'Count', align: 'right', priority: 1, keepWhole: true },
    { label: 'Name', value: 'Name', minWidth: 12, priority: 2 },
    { label: 'Group', value: 'Group', priority: 3 },
  ],
}

// -NoElement's objects are GroupInfoNoElement, whose view has no Group column
// (PowerShellCore_format_ps1xml.cs, "GroupInfoNoElement").
const groupInfoNoElementView: TypeView = { table: groupInfoView.table?.slice(0, 2) }

/** A group as Group-Object outputs it. */
export interface GroupInfo {
  Count: number
  Name: string
  Values: unknown[]
  Group?: unknown[]
}

/** Group-Object: groups pipeline objects by the values of properties. */
export const GroupObject = defineCmdlet({
  name: 'Group-Object',
  synopsis: 'Groups objects that have the same values of the given properties.',
  description:
    'Outputs one GroupInfo per distinct value (Count, Name, Values, Group), sorted by value when ' +
    'all values are of one type and in order of first appearance otherwise, as PowerShell does. ' +
    'Text compares case-insensitively unless -CaseSensitive. A list value (such as ' +
    'OrganizationRoles) groups by its text, the items joined by spaces, and is named {a, b}. With ' +
    'several properties the Name joins the values with ", ".',
  aliases: ['group'],
  output: 'GroupInfo',
  views: { GroupInfo: groupInfoView, GroupInfoNoElement: groupInfoNoElementView },
  parameters: {
    property: {
      type: 'any[]',
      position: 0,
      completer: 'property',
      description: 'Properties, script blocks or @{ Expression = ... } hashtables to group by.',
    },
    noElement: { type: 'switch', description: 'Leaves out the Group property (only counts and names).' },
    asHashTable: { type: 'switch', description: 'Outputs one hashtable: value -> objects.' },
    caseSensitive: { type: 'switch', description: 'Groups text case-sensitively.' },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The object to group.' },
  },
  examples: [
    {
      title: 'Count rows per role',
      code: "'Name,Role','a,admin','b,member','c,admin' | ConvertFrom-Csv | Group-Object Role -NoElement",
      expect: [
        { Count: 2, Name: 'admin', Values: ['admin'] },
        { Count: 1, Name: 'member', Values: ['member'] },
      ],
    },
    {
      title: 'Group numbers by parity',
      code: '1..5 | Group-Object { $_ % 2 } | ForEach-Object Count',
      // Sorted by value, as in PowerShell: 0 (2, 4), then 1 (1, 3, 5).
      expect: [2, 3],
    },
  ],
  load: () => import('./Group-Object.run.js'),
})

export default GroupObject
