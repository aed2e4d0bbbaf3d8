// The code of Tee-Object (declared in Tee-Object.ts).
import { appendFile, writeFile } from 'node:fs/promises'
import { formatDefault, implement } from '../../src/engine/index.js'
import { argumentsOf, fileError, inputObjects, resolvePath, showingDates } from './shared.js'
import type { TeeObject } from './Tee-Object.js'

export const teeObject = implement<typeof TeeObject>({
  async *stream(records, ctx) {
    const args = argumentsOf<{ filePath?: string; append?: boolean; variable?: string }>(ctx)
    const seen: unknown[] = []
    try {
      for await (const object of inputObjects(records, ctx)) {
        seen.push(object)
        yield object
      }
    } finally {
      // Also on early stop downstream: what went through is what gets saved.
      if (args.variable !== undefined) ctx.session.setVariable(args.variable.replace(/^\$/, ''), seen)
      if (args.filePath !== undefined) {
        const path = resolvePath(args.filePath)
        const lines = showingDates(ctx, () => formatDefault(seen, ctx.host.width ?? 120))
        const text = lines.length ? `${lines.join('\n')}\n` : ''
        try {
          await (args.append ? appendFile(path, text, 'utf8') : writeFile(path, text, 'utf8'))
        } catch (error) {
          // eslint-disable-next-line no-unsafe-finally
          throw fileError(error, args.filePath, 'write')
        }
      }
    }
  },
})
