// The code of Group-Object (declared in Group-Object.ts).
import {
  implement,
  equals,
  order,
  toDisplayString,
  typeNameOf,
  withTypeName,
} from '../../src/engine/index.js'
import { argumentsOf, keysOf, inputObjects, propertySpecs } from './shared.js'
import type { GroupObject, GroupInfo } from './Group-Object.js'

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

export const groupObject = implement<typeof GroupObject>({
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
