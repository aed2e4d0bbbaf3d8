// ConvertFrom-Json: parses JSON text from the pipeline into objects; a JSON array is enumerated
// into the pipeline unless -NoEnumerate.
import { defineCmdlet, UsageError, withTypeName } from '../../src/engine/index.js'
import { jsonDate } from '../../src/engine/dates.js'
import { argumentsOf } from './shared.js'

/** ConvertFrom-Json: JSON text to objects. */
export const ConvertFromJson = defineCmdlet({
  name: 'ConvertFrom-Json',
  synopsis: 'Converts JSON text to objects.',
  description:
    'The strings from the pipeline are joined with line breaks and parsed as one JSON document ' +
    '(so the lines of a file can be piped in). A JSON array outputs its elements one by one.',
  parameters: {
    inputObject: {
      type: 'string',
      position: 0,
      mandatory: true,
      pipeline: 'byValue',
      description: 'The JSON text (or one line of it).',
    },
    noEnumerate: { type: 'switch', description: 'Outputs a JSON array as one object.' },
    asHashtable: { type: 'switch', description: 'JSON objects become hashtables (keys as given, any case).' },
  },
  examples: [
    {
      title: 'An object',
      code: '\'{"Email":"ann@corp.com"}\' | ConvertFrom-Json',
      expect: [{ Email: 'ann@corp.com' }],
    },
    {
      title: 'An array is enumerated',
      code: "'[1,2,3]' | ConvertFrom-Json | Measure-Object -Sum | ForEach-Object Sum",
      expect: [6],
    },
    {
      title: 'A hashtable, to test for keys',
      code: "('{\"a\":1}' | ConvertFrom-Json -AsHashtable).ContainsKey('a')",
      expect: [true],
    },
  ],
  async *stream(records, ctx) {
    const args = argumentsOf<{ noEnumerate?: boolean; asHashtable?: boolean }>(ctx)
    const lines: string[] = []
    for await (const record of records)
      if (typeof record.inputObject === 'string') lines.push(record.inputObject)
    const text = lines.join('\n')
    if (text.trim() === '') return
    let value: unknown
    try {
      // ISO 8601 date-time strings become dates, as PowerShell 7's ConvertFrom-Json makes them DateTime.
      value = JSON.parse(text, (_key, item: unknown) =>
        typeof item === 'string' ? (jsonDate(item) ?? item) : item,
      )
    } catch (error) {
      throw new UsageError(
        'InvalidParameterValue',
        `ConvertFrom-Json: the input is not valid JSON: ${(error as Error).message}.`,
        {
          category: 'InvalidData',
          hint: 'Pipe the whole document (Get-Content file.json | ConvertFrom-Json).',
        },
      )
    }
    if (args.asHashtable) value = toHashtables(value)
    if (Array.isArray(value) && !args.noEnumerate) yield* value
    else yield value
  },
})

/** -AsHashtable: every JSON object a Hashtable, as the language's `@{}` is (a tagged record). */
function toHashtables(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toHashtables)
  if (value === null || typeof value !== 'object') return value
  const table = withTypeName('Hashtable', {} as Record<string, unknown>)
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(table, key, {
      value: toHashtables(item),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return table
}

export default ConvertFromJson
