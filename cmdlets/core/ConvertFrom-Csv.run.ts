// The code of ConvertFrom-Csv (declared in ConvertFrom-Csv.ts).
import { implement } from '../../src/engine/index.js'
import type { ConvertFromCsv } from './ConvertFrom-Csv.js'
import { checkDelimiter, readCsv } from './csv.js'
import { argumentsOf } from './shared.js'

export const convertFromCsv = implement<typeof ConvertFromCsv>({
  async *stream(records, ctx) {
    const args = argumentsOf<{ delimiter?: string; header?: string[] }>(ctx)
    const delimiter = checkDelimiter(args.delimiter, 'ConvertFrom-Csv')
    const { Readable } = await import('node:stream')
    async function* lines(): AsyncGenerator<string> {
      for await (const record of records) {
        for (const line of (record.inputObject as string[] | undefined) ?? []) yield `${line}\n`
      }
    }
    yield* readCsv(
      Readable.from(lines()),
      { delimiter, header: args.header, source: 'ConvertFrom-Csv input' },
      ctx,
    )
  },
})
