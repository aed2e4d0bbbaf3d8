// The code of Import-Csv (declared in Import-Csv.ts).
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { implement, readingInput, RuntimeError } from '../../src/engine/index.js'
import { checkDelimiter, readCsv } from './csv.js'
import type { ImportCsv } from './Import-Csv.js'
import { fileError, resolvePath } from './shared.js'

export const importCsv = implement<typeof ImportCsv>({
  async *process(args, ctx) {
    const delimiter = checkDelimiter(args.delimiter, 'Import-Csv')
    const path = resolvePath(args.path)
    // Check first, so a missing file is one clear line rather than a stream error.
    try {
      const info = await stat(path)
      if (info.isDirectory()) {
        throw new RuntimeError('FileError', `Cannot read '${args.path}': it is a folder, not a file.`, {
          category: 'ReadError',
          target: args.path,
        })
      }
    } catch (error) {
      if (error instanceof RuntimeError) throw error
      throw fileError(error, args.path, 'read')
    }
    // Read as the pipeline asks for rows: a run cut short says the rest of the file was not read.
    const ended = readingInput(ctx.session, `'${args.path}'`)
    yield* readCsv(createReadStream(path), { delimiter, header: args.header, source: args.path }, ctx)
    ended()
  },
})
