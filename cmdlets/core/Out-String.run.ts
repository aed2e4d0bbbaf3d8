// The code of Out-String (declared in Out-String.ts).
import { formatDefault, implement } from '../../src/engine/index.js'
import type { OutString } from './Out-String.js'
import { argumentsOf, inputObjects, showingDates } from './shared.js'

export const outString = implement<typeof OutString>({
  async *stream(records, ctx) {
    const args = argumentsOf<{ stream?: boolean; width?: number }>(ctx)
    const objects: unknown[] = []
    for await (const object of inputObjects(records, ctx)) objects.push(object)
    const lines = showingDates(ctx, () => formatDefault(objects, args.width ?? ctx.host.width ?? 120))
    if (args.stream) yield* lines
    else yield lines.length ? `${lines.join('\n')}\n` : ''
  },
})
