// The code of Compare-Object (declared in Compare-Object.ts).
import {
  implement,
  findPropertyName,
  isRecord,
  toDisplayString,
  withTypeName,
} from '../../src/engine/index.js'
import type { CompareObject } from './Compare-Object.js'

function key(value: unknown, properties: readonly string[] | undefined, caseSensitive: boolean): string {
  const parts =
    properties && isRecord(value)
      ? properties.map((name) => toDisplayString(value[findPropertyName(value, name) ?? name]))
      : [toDisplayString(value)]
  const text = JSON.stringify(parts)
  return caseSensitive ? text : text.toLowerCase()
}

export const compareObject = implement<typeof CompareObject>({
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
