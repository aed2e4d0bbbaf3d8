// What Format-Table and Format-List share: turning -Property (names, wildcards, calculated
// properties) into plain rows the engine's formatters can lay out.
import { formatItems, type CmdletContext } from '../../src/engine/index.js'
import { expandWildcards, propertySpecs } from './shared.js'

/**
 * Projects objects onto the requested properties. Returns the rows and their column labels;
 * without -Property the objects are returned as they are, for the type's default view. Arrays are
 * formatted element by element and hashtables entry by entry (Name, Value), as in PowerShell.
 */
export async function projectForFormat(
  input: readonly unknown[],
  property: readonly unknown[] | undefined,
  command: string,
  ctx: CmdletContext,
): Promise<{ rows: unknown[]; labels?: string[] }> {
  const objects = input.flatMap((object) => [...formatItems(object)])
  if (!property || property.length === 0) return { rows: objects }
  const specs = propertySpecs(property, command)
  const labels: string[] = []
  const rows: unknown[] = []
  for (const object of objects) {
    const row: Record<string, unknown> = {}
    for (const spec of expandWildcards(specs, object)) {
      row[spec.label] = await spec.value(object, ctx)
      if (!labels.includes(spec.label)) labels.push(spec.label)
    }
    rows.push(row)
  }
  return { rows, labels }
}
