// The code of ConvertTo-Csv (declared in ConvertTo-Csv.ts).
import { implement } from '../../src/engine/index.js'
import type { ConvertToCsv } from './ConvertTo-Csv.js'
import { CsvDifferences } from './csv-differences.js'
import { checkDelimiter, createCsvWriter, type QuoteMode } from './csv.js'
import { argumentsOf, inputObjects } from './shared.js'

export const convertToCsv = implement<typeof ConvertToCsv>({
  async *stream(records, ctx) {
    const args = argumentsOf<{
      delimiter?: string
      noHeader?: boolean
      useQuotes?: QuoteMode
      noFormulaEscaping?: boolean
    }>(ctx)
    const delimiter = checkDelimiter(args.delimiter, 'ConvertTo-Csv')
    const writer = await createCsvWriter(delimiter, args.useQuotes ?? 'Always', !args.noFormulaEscaping)
    const differences = new CsvDifferences(ctx)
    let first = true
    for await (const object of inputObjects(records, ctx)) {
      if (first && !args.noHeader) yield writer.header(object)
      first = false
      const row = writer.row(object)
      differences.check(object, writer.columns)
      yield row
    }
  },
})
