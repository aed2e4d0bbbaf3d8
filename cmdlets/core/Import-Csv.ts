// Import-Csv: streams the rows of a CSV file as objects (one property per column), so a bulk job
// can start on the first row of a 10,000-row file at once; broken rows are reported, not fatal.
import { defineCmdlet } from '../../src/engine/index.js'
import { DELIMITER_PARAMETER } from './csv.js'

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
  load: () => import('./Import-Csv.run.js'),
})

export default ImportCsv
