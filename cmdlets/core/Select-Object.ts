// Select-Object: picks properties (including calculated ones) and slices the stream. -First stops
// upstream as soon as it has enough, so a paged listing upstream fetches no more pages.
import {
  defineCmdlet,
  getProperty,
  isRecord,
  matchesAny,
  toPlain,
  UsageError,
  type CmdletContext,
} from '../../src/engine/index.js'
import { argumentsOf, expandWildcards, inputObjects, propertySpecs, type PropertySpec } from './shared.js'

/** Select-Object: projects and slices pipeline objects. */
export const SelectObject = defineCmdlet({
  name: 'Select-Object',
  synopsis: 'Selects properties of objects, or the first, last or unique objects of the pipeline.',
  description:
    'With -Property, makes new objects with only the named properties (wildcards allowed) and ' +
    "calculated properties written as @{ Name = 'Label'; Expression = { ... } }. -ExpandProperty " +
    'outputs the value of one property instead (a list is enumerated). -First, -Last, -Skip and ' +
    '-Unique slice the stream; -First stops the commands before it once it has enough objects.',
  aliases: ['select'],
  parameters: {
    property: {
      type: 'any[]',
      position: 0,
      completer: 'property',
      description:
        'Property names (wildcards allowed), script blocks, or @{ Name = ...; Expression = ... } hashtables.',
    },
    excludeProperty: {
      type: 'string[]',
      wildcards: true,
      completer: 'property',
      description: 'Properties to leave out.',
    },
    expandProperty: {
      type: 'string',
      completer: 'property',
      description: 'Outputs the value of this property instead of the object.',
    },
    first: {
      type: 'int',
      validateRange: [0, 2147483647],
      description: 'Takes this many objects from the start.',
    },
    last: {
      type: 'int',
      validateRange: [0, 2147483647],
      description: 'Takes this many objects from the end.',
    },
    skip: {
      type: 'int',
      validateRange: [0, 2147483647],
      description: 'Skips this many objects from the start.',
    },
    unique: { type: 'switch', description: 'Drops objects identical to one already output.' },
    index: {
      type: 'int[]',
      description: 'Takes the objects at these positions (0 is the first), in input order.',
    },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The object to select from.' },
  },
  examples: [
    { title: 'The first three numbers', code: '1..10 | Select-Object -First 3', expect: [1, 2, 3] },
    {
      title: 'Skip two, then take the last two',
      code: '1..10 | Select-Object -Skip 2 -Last 2',
      expect: [9, 10],
    },
    {
      title: 'A calculated property',
      code: "'Email','ann@corp.com' | ConvertFrom-Csv | Select-Object Email, @{ Name = 'Domain'; Expression = { $_.Email.Split('@')[1] } }",
      expect: [{ Email: 'ann@corp.com', Domain: 'corp.com' }],
    },
    {
      title: 'The values of one property, without duplicates',
      code: "'Role','admin','member','admin' | ConvertFrom-Csv | Select-Object -ExpandProperty Role -Unique",
      expect: ['admin', 'member'],
    },
  ],
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

export default SelectObject
