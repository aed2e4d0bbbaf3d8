// The code of Sort-Object (declared in Sort-Object.ts).
import { implement, order } from '../../src/engine/index.js'
import { argumentsOf, inputObjects, keysOf, propertySpecs } from './shared.js'
import type { SortObject } from './Sort-Object.js'

export const sortObject = implement<typeof SortObject>({
  async *stream(records, ctx) {
    const args = argumentsOf<{
      property?: unknown[]
      descending?: boolean
      unique?: boolean
      caseSensitive?: boolean
    }>(ctx)
    const objects: unknown[] = []
    for await (const object of inputObjects(records, ctx)) objects.push(object)
    const specs = args.property ? propertySpecs(args.property, 'Sort-Object') : undefined
    const keyed: { object: unknown; keys: unknown[] }[] = []
    for (const object of objects) {
      keyed.push({
        object,
        keys: specs ? await keysOf(object, specs, ctx) : [object],
      })
    }
    const directions = specs
      ? specs.map((spec) => spec.descending ?? args.descending === true)
      : [args.descending === true]
    const caseSensitive = args.caseSensitive === true
    const compareKeys = (a: unknown[], b: unknown[]) => {
      for (let i = 0; i < directions.length; i++) {
        const result = order(a[i], b[i], caseSensitive)
        if (result !== 0) return directions[i] ? -result : result
      }
      return 0
    }
    // Array.prototype.sort is stable, so equal keys keep their input order.
    keyed.sort((a, b) => compareKeys(a.keys, b.keys))
    let previous: unknown[] | undefined
    for (const { object, keys } of keyed) {
      if (args.unique && previous && compareKeys(previous, keys) === 0) continue
      previous = keys
      yield object
    }
  },
})
