// The code of Format-List (declared in Format-List.ts).
import { formatList as formatListLines, implement } from '../../src/engine/index.js'
import type { FormatList } from './Format-List.js'
import { projectForFormat } from './format-shared.js'
import { argumentsOf, inputObjects, showingDates } from './shared.js'

export const formatList = implement<typeof FormatList>({
  async *stream(records, ctx) {
    const args = argumentsOf<{ property?: unknown[] }>(ctx)
    const objects: unknown[] = []
    for await (const object of inputObjects(records, ctx)) objects.push(object)
    const { rows, labels } = await projectForFormat(objects, args.property, 'Format-List', ctx)
    yield* showingDates(ctx, () =>
      formatListLines(rows, { width: ctx.host.width ?? 120, properties: labels }),
    )
  },
})
