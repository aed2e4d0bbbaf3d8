// Sort-Object: orders the whole input (it has to see every object first) by properties, script
// blocks or @{ Expression = ...; Descending = $true } hashtables; stable, as PowerShell's is.
import { defineCmdlet, order } from '../../src/engine/index.js'
import { argumentsOf, keysOf, inputObjects, propertySpecs } from './shared.js'

/** Sort-Object: sorts pipeline objects. */
export const SortObject = defineCmdlet({
  name: 'Sort-Object',
  synopsis: 'Sorts objects by property values.',
  description:
    'Collects the input and outputs it in order: numbers numerically, dates by time, text ' +
    'case-insensitively (unless -CaseSensitive). Several properties sort by the first, then the next. ' +
    'Objects with equal keys keep their input order.',
  aliases: ['sort'],
  parameters: {
    property: {
      type: 'any[]',
      position: 0,
      completer: 'property',
      description: 'Properties, script blocks, or @{ Expression = ...; Descending = $true } hashtables.',
    },
    descending: { type: 'switch', description: 'Sorts from largest to smallest.' },
    unique: { type: 'switch', description: 'Drops objects whose sort keys equal an earlier one.' },
    caseSensitive: { type: 'switch', description: 'Compares text case-sensitively.' },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The object to sort.' },
  },
  examples: [
    { title: 'Numbers, largest first', code: '3, 1, 2 | Sort-Object -Descending', expect: [3, 2, 1] },
    {
      title: 'Rows by one property, distinct values only',
      code: "'Name','bob','Ann','bob' | ConvertFrom-Csv | Sort-Object Name -Unique | ForEach-Object Name",
      expect: ['Ann', 'bob'],
    },
    {
      title: 'By role, then by name descending',
      code: "'Name,Role','a,x','b,y','c,x' | ConvertFrom-Csv | Sort-Object Role, @{ Expression = 'Name'; Descending = $true } | ForEach-Object Name",
      expect: ['c', 'a', 'b'],
    },
  ],
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

export default SortObject
