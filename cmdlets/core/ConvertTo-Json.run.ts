// The code of ConvertTo-Json (declared in ConvertTo-Json.ts).
import { implement, isRecord, propertyNames, toDisplayString, toPlain } from '../../src/engine/index.js'
import type { ConvertToJson } from './ConvertTo-Json.js'
import { argumentsOf } from './shared.js'

export const convertToJson = implement<typeof ConvertToJson>({
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
