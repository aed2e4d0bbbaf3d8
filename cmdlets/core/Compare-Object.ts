// Compare-Object: what differs between two lists, with PowerShell's side indicators: `<=` only in the
// reference, `=>` only in the difference, `==` in both (with -IncludeEqual).
import {
  defineCmdlet,
  findPropertyName,
  isRecord,
  toDisplayString,
  withTypeName,
  type TypeView,
} from '../../src/engine/index.js'

const compareResultView: TypeView = {
  table: [
    { label: 'InputObject', value: 'InputObject' },
    { label: 'SideIndicator', value: 'SideIndicator' },
  ],
}

function key(value: unknown, properties: readonly string[] | undefined, caseSensitive: boolean): string {
  const parts =
    properties && isRecord(value)
      ? properties.map((name) => toDisplayString(value[findPropertyName(value, name) ?? name]))
      : [toDisplayString(value)]
  const text = JSON.stringify(parts)
  return caseSensitive ? text : text.toLowerCase()
}

/** Compare-Object: differences between two lists. */
export const CompareObject = defineCmdlet({
  name: 'Compare-Object',
  views: { CompareResult: compareResultView },
  synopsis: 'Compares two lists of objects and outputs the differences.',
  description:
    'Each result has the object and a SideIndicator: <= only in -ReferenceObject, => only in -DifferenceObject, == in both.',
  aliases: ['compare', 'diff'],
  parameters: {
    referenceObject: { type: 'any[]', position: 0, mandatory: true, description: 'The first list.' },
    differenceObject: {
      type: 'any[]',
      position: 1,
      mandatory: true,
      pipeline: 'byValue',
      description: 'The second list.',
    },
    property: { type: 'string[]', description: 'Compares these properties instead of the whole objects.' },
    includeEqual: { type: 'switch', description: 'Also outputs the objects in both lists.' },
    excludeDifferent: { type: 'switch', description: 'Outputs only the objects in both lists.' },
    caseSensitive: { type: 'switch', description: 'Text differs by case.' },
    passThru: { type: 'switch', description: 'Outputs the objects themselves.' },
  },
  examples: [
    {
      title: 'Who was added and who left',
      code: "Compare-Object 'ann','bob' 'bob','cy' | ForEach-Object { $_.InputObject + ' ' + $_.SideIndicator }",
      expect: ['cy =>', 'ann <='],
    },
  ],
  stream: async function* (records, ctx) {
    const difference: unknown[] = []
    let reference: unknown[] = []
    let properties: string[] | undefined
    let options = { includeEqual: false, excludeDifferent: false, caseSensitive: false, passThru: false }
    for await (const args of records) {
      reference = args.referenceObject ?? []
      properties = args.property
      options = {
        includeEqual: args.includeEqual === true || args.excludeDifferent === true,
        excludeDifferent: args.excludeDifferent === true,
        caseSensitive: args.caseSensitive === true,
        passThru: args.passThru === true,
      }
      const value = args.differenceObject
      if (ctx.expectingInput && Array.isArray(value) && value.length === 1) difference.push(value[0])
      else difference.push(...(Array.isArray(value) ? value : [value]))
    }
    const remaining = new Map<string, unknown[]>()
    for (const item of reference) {
      const k = key(item, properties, options.caseSensitive)
      remaining.set(k, [...(remaining.get(k) ?? []), item])
    }
    const result = (item: unknown, side: string) => {
      if (options.passThru) return item
      const shown =
        properties && isRecord(item)
          ? Object.fromEntries(properties.map((name) => [name, item[findPropertyName(item, name) ?? name]]))
          : { InputObject: item }
      return withTypeName(properties ? 'PSCustomObject' : 'CompareResult', { ...shown, SideIndicator: side })
    }
    const equal: unknown[] = []
    const added: unknown[] = []
    for (const item of difference) {
      const k = key(item, properties, options.caseSensitive)
      const same = remaining.get(k)
      if (same && same.length > 0) {
        same.shift()
        equal.push(item)
      } else added.push(item)
    }
    if (options.includeEqual) for (const item of equal) yield result(item, '==')
    if (!options.excludeDifferent) {
      for (const item of added) yield result(item, '=>')
      for (const items of remaining.values()) for (const item of items) yield result(item, '<=')
    }
  },
})

export default CompareObject
