// ConvertTo-Json: objects to JSON text. PowerShell's default -Depth of 2 is kept for familiarity,
// but truncation is never silent: when objects nest deeper, a warning says so and names -Depth.
import { defineCmdlet, isRecord, propertyNames, toDisplayString, toPlain } from '../../src/engine/index.js'
import { argumentsOf } from './shared.js'

/** ConvertTo-Json: objects to one JSON document. */
export const ConvertToJson = defineCmdlet({
  name: 'ConvertTo-Json',
  synopsis: 'Converts objects to JSON text.',
  description:
    'Several pipeline objects become one JSON array; a single object becomes a JSON object (use ' +
    '-AsArray for an array anyway). Objects nested deeper than -Depth (default 2) are written as ' +
    'their display text, and a warning says the output was truncated: raise -Depth to keep them.',
  parameters: {
    inputObject: { type: 'any', position: 0, pipeline: 'byValue', description: 'The objects to convert.' },
    depth: {
      type: 'int',
      default: 2,
      validateRange: [0, 100],
      description: 'How many levels of nested objects to include.',
    },
    compress: { type: 'switch', description: 'Writes one line without indentation.' },
    asArray: { type: 'switch', description: 'Always writes a JSON array, even for one object.' },
  },
  examples: [
    { title: 'Numbers as a JSON array', code: '1..3 | ConvertTo-Json -Compress', expect: ['[1,2,3]'] },
    {
      title: 'A row as a JSON object',
      code: "'Email,Role','ann@corp.com,admin' | ConvertFrom-Csv | ConvertTo-Json -Compress",
      expect: ['{"Email":"ann@corp.com","Role":"admin"}'],
    },
    {
      title: 'One object as an array',
      code: "'Email','ann@corp.com' | ConvertFrom-Csv | ConvertTo-Json -Compress -AsArray",
      expect: ['[{"Email":"ann@corp.com"}]'],
    },
  ],
  async *stream(records, ctx) {
    const args = argumentsOf<{ depth?: number; compress?: boolean; asArray?: boolean }>(ctx)
    const objects: unknown[] = []
    for await (const record of records) if ('inputObject' in record) objects.push(record.inputObject)
    if (objects.length === 0) return
    // Pipeline objects are collected into one array (PowerShell's rule); an explicit -InputObject
    // list is written as an array. Either way each element starts at depth 0.
    const explicitList = !ctx.expectingInput && Array.isArray(objects[0])
    const elements = explicitList ? (objects[0] as unknown[]) : objects
    const asArray = explicitList || elements.length !== 1 || args.asArray === true
    const depth = args.depth ?? 2
    const limited = elements.map((element) => limitDepth(toPlain(element), depth))
    if (limited.some((result) => result.truncated)) {
      const needed = Math.max(...limited.map((result) => result.needed))
      ctx.writeWarning(
        `ConvertTo-Json: the output was truncated at depth ${depth}; deeper objects are written as text. Use -Depth ${needed} to keep everything.`,
      )
    }
    const values = limited.map((result) => result.value)
    yield JSON.stringify(asArray ? values : values[0], null, args.compress ? undefined : 2)
  },
})

/** Replaces objects nested deeper than `depth` by their display text, and says whether it had to. */
export function limitDepth(
  value: unknown,
  depth: number,
): { value: unknown; truncated: boolean; needed: number } {
  let truncated = false
  let needed = 0
  const visit = (node: unknown, level: number): unknown => {
    if (node === null || typeof node !== 'object') return node
    needed = Math.max(needed, level)
    if (level > depth) {
      truncated = true
      // Keep measuring so the warning can name the depth that keeps everything.
      visitDepth(node, level)
      return Array.isArray(node) ? node.map((item) => toDisplayString(item)).join(' ') : toDisplayString(node)
    }
    if (Array.isArray(node)) return node.map((item) => visit(item, level + 1))
    const out: Record<string, unknown> = {}
    for (const name of propertyNames(node))
      out[name] = visit((node as Record<string, unknown>)[name], level + 1)
    return out
  }
  const visitDepth = (node: unknown, level: number): void => {
    if (node === null || typeof node !== 'object') return
    needed = Math.max(needed, level)
    const children = Array.isArray(node) ? node : isRecord(node) ? Object.values(node) : []
    for (const child of children) visitDepth(child, level + 1)
  }
  return { value: visit(value, 0), truncated, needed }
}

export default ConvertToJson
