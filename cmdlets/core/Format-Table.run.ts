// The code of Format-Table (declared in Format-Table.ts).
import { formatTable as formatTableLines, implement } from '../../src/engine/index.js'
import { projectForFormat } from './format-shared.js'
import type { FormatTable } from './Format-Table.js'
import { argumentsOf, inputObjects, showingDates } from './shared.js'

export const formatTable = implement<typeof FormatTable>({
  async *stream(records, ctx) {
    const args = argumentsOf<{
      property?: unknown[]
      hideTableHeaders?: boolean
      autoSize?: boolean
      wrap?: boolean
    }>(ctx)
    const objects: unknown[] = []
    for await (const object of inputObjects(records, ctx)) objects.push(object)
    if (objects.length === 0) return
    const { rows, labels } = await projectForFormat(objects, args.property, 'Format-Table', ctx)
    yield* showingDates(ctx, () =>
      formatTableLines(rows, {
        width: ctx.host.width ?? 120,
        properties: labels,
        hideHeaders: args.hideTableHeaders,
        autoSize: args.autoSize,
        wrap: args.wrap,
      }),
    )
  },
})
