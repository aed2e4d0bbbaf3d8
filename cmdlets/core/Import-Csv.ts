// Import-Csv: streams the rows of a CSV file as objects (one property per column), so a bulk job
// can start on the first row of a 10,000-row file at once; broken rows are reported, not fatal.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { defineCmdlet, readingInput, RuntimeError } from '../../src/engine/index.js'
import { checkDelimiter, readCsv, DELIMITER_PARAMETER } from './csv.js'
import { fileError, resolvePath } from './shared.js'

/** Import-Csv: reads a CSV file into objects. */
export const ImportCsv = defineCmdlet({
  name: 'Import-Csv',
  synopsis: 'Reads a CSV file and outputs one object per row.',
  description:
    'The first line names the columns (unless -Header gives them); every value is text. A UTF-8 BOM, ' +
    'CRLF line ends, quoted fields with commas or line breaks and blank lines are handled. A row with ' +
    'an unclosed quote or the wrong number of fields is reported as an error naming its line, and ' +
    'the other rows still flow. Columns named like parameters bind by property name: an Email column ' +
    'feeds -Email of the next command.',
  aliases: ['ipcsv'],
  parameters: {
    path: {
      type: 'string',
      position: 0,
      mandatory: true,
      aliases: ['FullName', 'LiteralPath'],
      pipeline: 'both',
      completer: 'path',
      description: 'The CSV file to read (file names can be piped in).',
    },
    delimiter: DELIMITER_PARAMETER,
    header: { type: 'string[]', description: 'Column names to use; the first line is then data.' },
  },
  examples: [
    { title: 'Read a file', code: 'Import-Csv ./people.csv', bindOnly: true },
    {
      title: 'Invite everyone in a file (the Email column binds to -Email)',
      code: "Import-Csv ./people.csv | Where-Object Email -like '*@corp.com' | Select-Object -First 10",
      bindOnly: true,
    },
    {
      title: 'Semicolon-separated, with column names given',
      code: "Import-Csv data.csv -Delimiter ';' -Header Email, Role",
      bindOnly: true,
    },
  ],
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

export default ImportCsv
