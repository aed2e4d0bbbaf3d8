// Group-Object: groups the input by property values into Count/Name/Group records, or one
// hashtable from value to objects with -AsHashTable.
import { defineCmdlet, equals, toDisplayString, withTypeName, type TypeView } from '../../src/engine/index.js'
import { argumentsOf, keysOf, inputObjects, propertySpecs } from './shared.js'

const groupInfoView: TypeView = {
  table: [
    { label: 'Count', value: 'Count', align: 'right' },
    { label: 'Name', value: 'Name' },
    { label: 'Group', value: 'Group' },
  ],
}

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
    'Outputs one GroupInfo per distinct value (Count, Name, Values, Group), in order of first ' +
    'appearance. Text compares case-insensitively unless -CaseSensitive. With several properties ' +
    'the Name joins the values with ", ".',
  aliases: ['group'],
  output: 'GroupInfo',
  views: { GroupInfo: groupInfoView },
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
      expect: [3, 2],
    },
  ],
  async *stream(records, ctx) {
    const args = argumentsOf<{
      property?: unknown[]
      noElement?: boolean
      asHashTable?: boolean
      caseSensitive?: boolean
    }>(ctx)
    const groups: { values: unknown[]; group: unknown[] }[] = []
    const specs = args.property ? propertySpecs(args.property, 'Group-Object') : undefined
    for await (const object of inputObjects(records, ctx)) {
      const values = specs ? await keysOf(object, specs, ctx) : [object]
      const match = groups.find((g) =>
        g.values.every((v, i) => sameKey(v, values[i], args.caseSensitive === true)),
      )
      if (match) match.group.push(object)
      else groups.push({ values, group: [object] })
    }
    if (args.asHashTable) {
      const table: Record<string, unknown[]> = {}
      for (const { values, group } of groups) table[values.map(toDisplayString).join(', ')] = group
      // Tagged as the language tags @{ } literals, so it shows and converts like one.
      yield withTypeName('Hashtable', table)
      return
    }
    for (const { values, group } of groups) {
      const info: GroupInfo = {
        Count: group.length,
        Name: values.map(toDisplayString).join(', '),
        Values: values,
      }
      if (!args.noElement) info.Group = group
      yield withTypeName('GroupInfo', info)
    }
  },
})

function sameKey(a: unknown, b: unknown, caseSensitive: boolean): boolean {
  if (typeof a === 'string' || typeof b === 'string') {
    return caseSensitive
      ? toDisplayString(a) === toDisplayString(b)
      : equals(toDisplayString(a), toDisplayString(b))
  }
  return equals(a, b, caseSensitive)
}

export default GroupObject
