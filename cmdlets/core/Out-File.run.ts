// The code of Out-File (declared in Out-File.ts).
import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { formatDefault, implement } from '../../src/engine/index.js'
import type { OutFile } from './Out-File.js'
import { argumentsOf, fileError, inputObjects, resolvePath, showingDates } from './shared.js'

export const outFile = implement<typeof OutFile>({
  // Writes a file and outputs nothing; stream() is still a generator, as the engine expects.
  // eslint-disable-next-line require-yield
  async *stream(records, ctx) {
    const args = argumentsOf<{ filePath: string; append?: boolean; width?: number }>(ctx)
    const width = args.width ?? ctx.host.width ?? 120
    const file: WriteStream = createWriteStream(resolvePath(args.filePath), {
      flags: args.append ? 'a' : 'w',
      encoding: 'utf8',
    })
    let failure: unknown
    file.on('error', (error) => (failure ??= error))
    const write = async (lines: string[]) => {
      if (failure) throw failure
      if (lines.length > 0 && !file.write(`${lines.join('\n')}\n`)) await once(file, 'drain')
    }
    const pending: unknown[] = []
    try {
      await Promise.race([once(file, 'open'), once(file, 'error').then(([error]) => Promise.reject(error))])
      for await (const object of inputObjects(records, ctx)) {
        if (typeof object === 'string') {
          await write(showingDates(ctx, () => formatDefault(pending.splice(0), width)))
          await write([object])
        } else {
          pending.push(object)
        }
      }
      await write(showingDates(ctx, () => formatDefault(pending, width)))
      await new Promise<void>((done) => file.end(() => done()))
      if (failure) throw failure
    } catch (error) {
      file.destroy()
      throw fileError(error, args.filePath, 'write')
    }
  },
})
