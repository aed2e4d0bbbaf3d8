// Out-File: saves pipeline output as text, formatted as the shell would show it. Strings are
// written as they arrive; objects are gathered so their table columns can be sized together.
import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { defineCmdlet, formatDefault } from '../../src/engine/index.js'
import { argumentsOf, fileError, inputObjects, resolvePath, showingDates } from './shared.js'

/** Out-File: pipeline output to a text file. */
export const OutFile = defineCmdlet({
  name: 'Out-File',
  synopsis: 'Writes pipeline output to a text file.',
  description:
    'Strings are written one per line; objects are formatted as a table or list, as on screen. The ' +
    'file is UTF-8 without a BOM; -Append adds to the end.',
  parameters: {
    filePath: {
      type: 'string',
      position: 0,
      mandatory: true,
      aliases: ['Path'],
      completer: 'path',
      description: 'The file to write.',
    },
    append: { type: 'switch', description: 'Adds to the end of the file instead of replacing it.' },
    encoding: {
      type: 'string',
      validateSet: ['utf8', 'utf8NoBOM'],
      default: 'utf8',
      description: 'Only UTF-8 (without a BOM) is written.',
    },
    width: {
      type: 'int',
      validateRange: [10, 10000],
      description: 'Line width for tables (default: the terminal).',
    },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'What to write.' },
  },
  examples: [
    {
      title: 'Save a report',
      code: "'Email','ann@corp.com' | ConvertFrom-Csv | Out-File ./report.txt",
      bindOnly: true,
    },
    { title: 'Append lines to a log', code: "'done' | Out-File ./job.log -Append", bindOnly: true },
  ],
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

export default OutFile
