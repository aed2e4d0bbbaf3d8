// The code of Select-Object (declared in Select-Object.ts).
import {
  implement,
  getProperty,
  isRecord,
  matchesAny,
  toPlain,
  UsageError,
  type CmdletContext,
} from '../../src/engine/index.js'
import { argumentsOf, expandWildcards, inputObjects, propertySpecs, type PropertySpec } from './shared.js'
import type { SelectObject } from './Select-Object.js'

async function project(
  object: unknown,
  specs: PropertySpec[] | undefined,
  options: { excludeProperty?: string[]; expandProperty?: string },
  ctx: CmdletContext,
): Promise<unknown[]> {
  let selected: Record<string, unknown> | undefined
  if (specs) {
    selected = {}
    for (const spec of expandWildcards(specs, object)) selected[spec.label] = await spec.value(object, ctx)
  } else if (options.excludeProperty && isRecord(object)) {
    selected = { ...object }
  }
  if (selected && options.excludeProperty) {
    for (const name of Object.keys(selected))
      if (matchesAny(name, options.excludeProperty)) delete selected[name]
  }
  if (options.expandProperty === undefined) return [selected ?? object]
  const value = getProperty(object, options.expandProperty)
  if (value === undefined) {
    // A missing property is this object's problem, not the pipeline's: report it and go on.
    ctx.writeError(
      new UsageError(
        'InvalidParameterValue',
        `Select-Object: the input has no property '${options.expandProperty}' to expand.`,
        {
          hint: 'Get-Member lists the properties of the input.',
        },
      ),
      object,
    )
    return []
  }
  const values = Array.isArray(value) ? value : [value]
  // With -Property too, the selected properties are added to each expanded object (PowerShell's rule).
  if (!selected || !specs) return values
  return values.map((item) => (isRecord(item) ? { ...item, ...selected } : item))
}

export const selectObject = implement<typeof SelectObject>({
  async *stream(records, ctx) {
    const options = argumentsOf<{
      property?: unknown[]
      excludeProperty?: string[]
      expandProperty?: string
      first?: number
      last?: number
      skip?: number
      unique?: boolean
      index?: number[]
    }>(ctx)
    if (options.index) {
      // -Index (Select-Object's documentation): the objects at these positions, each once, in input order.
      const wanted = new Set(options.index)
      const highest = Math.max(...options.index)
      let position = 0
      for await (const object of inputObjects(records, ctx)) {
        if (wanted.has(position)) yield object
        if (++position > highest) return
      }
      return
    }
    // -First 0 needs nothing from upstream: do not even start it.
    if (options.first === 0 && options.last === undefined) return
    const specs = options.property ? propertySpecs(options.property, 'Select-Object') : undefined
    const seen = new Set<string>()
    const tail: unknown[] = []
    let skipped = 0
    let emitted = 0
    // Returning from this loop closes the upstream iterators: a paged listing fetches no more pages.
    for await (const object of inputObjects(records, ctx)) {
      if (skipped < (options.skip ?? 0)) {
        skipped++
        continue
      }
      for (const output of await project(object, specs, options, ctx)) {
        if (options.unique) {
          const key = JSON.stringify(toPlain(output))
          if (seen.has(key)) continue
          seen.add(key)
        }
        if (options.last !== undefined) {
          tail.push(output)
          if (tail.length > options.last) tail.shift()
          continue
        }
        yield output
        if (options.first !== undefined && ++emitted >= options.first) return
      }
    }
    yield* options.first !== undefined ? tail.slice(0, options.first) : tail
  },
})
