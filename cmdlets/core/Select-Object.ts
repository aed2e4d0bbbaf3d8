// Select-Object: picks properties (including calculated ones) and slices the stream. -First stops
// upstream as soon as it has enough, so a paged listing upstream fetches no more pages.
import { defineCmdlet } from '../../src/engine/index.js'

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
  load: () => import('./Select-Object.run.js'),
})

export default SelectObject
