// Group-Object: groups the input by property values into Count/Name/Group records, or one
// hashtable from value to objects with -AsHashTable.
import {
  defineCmdlet,
  equals,
  order,
  toDisplayString,
  typeNameOf,
  withTypeName,
  type TypeView,
} from '../../src/engine/index.js'
import { argumentsOf, keysOf, inputObjects, propertySpecs } from './shared.js'

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
  async *stream(records, ctx) {
    const args = argumentsOf<{
      property?: unknown[]
      noElement?: boolean
      asHashTable?: boolean
      caseSensitive?: boolean
    }>(ctx)
    const caseSensitive = args.caseSensitive === true
    const entries: unknown[][] = []
    const objects: unknown[] = []
    const specs = args.property ? propertySpecs(args.property, 'Group-Object') : undefined
    for await (const object of inputObjects(records, ctx)) {
      entries.push(specs ? await keysOf(object, specs, ctx) : [object])
      objects.push(object)
    }
    // PowerShell sorts the input by the values first (a stable sort) when they are all of one type
    // per property, and groups in input order otherwise (GroupObjectCommand.EndProcessing).
    const indexes = [...entries.keys()]
    if (oneTypePerProperty(entries))
      indexes.sort((a, b) => compareKeys(entries[a], entries[b], caseSensitive) || a - b)
    const groups: { values: unknown[]; group: unknown[] }[] = []
    for (const i of indexes) {
      const values = entries[i]
      const match = groups.find((g) => compareKeys(g.values, values, caseSensitive) === 0)
      if (match) match.group.push(objects[i])
      else groups.push({ values, group: [objects[i]] })
    }
    if (args.asHashTable) {
      const table: Record<string, unknown[]> = {}
      for (const { values, group } of groups) table[groupName(values)] = group
      // Tagged as the language tags @{ } literals, so it shows and converts like one.
      yield withTypeName('Hashtable', table)
      return
    }
    for (const { values, group } of groups) {
      const info: GroupInfo = {
        Count: group.length,
        Name: groupName(values),
        Values: values,
      }
      if (args.noElement) {
        yield withTypeName('GroupInfoNoElement', info)
        continue
      }
      info.Group = group
      yield withTypeName('GroupInfo', info)
    }
  },
})

/**
 * PowerShell's ObjectCommandComparer: values compare by their type's order, and values that cannot
 * be ordered (a list) by their text. Returns 0 for the same group.
 */
function compareKeys(a: readonly unknown[], b: readonly unknown[], caseSensitive: boolean): number {
  for (let i = 0; i < a.length; i++) {
    const result = compareKey(a[i], b[i], caseSensitive)
    if (result !== 0) return result
  }
  return 0
}

function compareKey(a: unknown, b: unknown, caseSensitive: boolean): number {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return 0
  if (Array.isArray(a) || Array.isArray(b) || typeof a === 'string' || typeof b === 'string') {
    const [x, y] = [keyText(a), keyText(b)]
    // Culture order, as PowerShell's comparer (CompareInfo.Compare): lowercase before uppercase.
    if (caseSensitive) return x === y ? 0 : Math.sign(x.localeCompare(y)) || (x < y ? -1 : 1)
    return equals(x, y) ? 0 : order(x, y)
  }
  return equals(a, b, caseSensitive) ? 0 : order(a, b, caseSensitive)
}

/** A value's text as PowerShell's PSObject.ToString() gives it: a list's items joined by spaces. */
function keyText(value: unknown): string {
  return Array.isArray(value) ? value.map(keyText).join(' ') : toDisplayString(value)
}

/** GroupInfo.BuildName: values joined by ", ", a list as {a, b}, $null left out. */
function groupName(values: readonly unknown[]): string {
  return values
    .filter((value) => value !== null && value !== undefined)
    .map((value) =>
      Array.isArray(value) ? `{${value.map(toDisplayString).join(', ')}}` : toDisplayString(value),
    )
    .join(', ')
}

/** True when, property by property, every value that is not $null is of one type. */
function oneTypePerProperty(entries: readonly unknown[][]): boolean {
  const types: (string | undefined)[] = []
  for (const values of entries) {
    for (let i = 0; i < values.length; i++) {
      if (values[i] === null || values[i] === undefined) continue
      const type = typeof values[i] === 'number' ? 'number' : typeNameOf(values[i])
      if (types[i] === undefined) types[i] = type
      else if (types[i] !== type) return false
    }
  }
  return true
}

export default GroupObject
