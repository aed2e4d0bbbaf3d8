// The code of ConvertFrom-Json (declared in ConvertFrom-Json.ts).
import { jsonDate } from '../../src/engine/dates.js'
import { implement, UsageError, withTypeName } from '../../src/engine/index.js'
import type { ConvertFromJson } from './ConvertFrom-Json.js'
import { argumentsOf } from './shared.js'

export const convertFromJson = implement<typeof ConvertFromJson>({
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
