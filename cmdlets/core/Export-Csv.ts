// Export-Csv: writes objects to a CSV file as they arrive (nothing is held back), so a long job's
// results are on disk even if it is interrupted; -Append continues an existing file's columns.
import { defineCmdlet } from '../../src/engine/index.js'
import { CSV_WRITE_PARAMETERS } from './ConvertTo-Csv.js'

/** Export-Csv: objects to a CSV file. */
export const ExportCsv = defineCmdlet({
  name: 'Export-Csv',
  synopsis: 'Writes objects to a CSV file, one row per object.',
  description:
    'The columns are the properties of the first object (with -Append to a non-empty file: that ' +
    "file's header). Rows are written as the objects arrive. The file is UTF-8 without a BOM.",
  aliases: ['epcsv'],
  parameters: {
    path: {
      type: 'string',
      position: 0,
      mandatory: true,
      aliases: ['FilePath', 'LiteralPath'],
      completer: 'path',
      description: 'The file to write.',
    },
    append: { type: 'switch', description: 'Adds rows to the end of the file instead of replacing it.' },
    force: {
      type: 'switch',
      description:
        "With -Append: writes objects that lack some of the file's columns (their fields stay empty).",
    },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The objects to write.' },
    ...CSV_WRITE_PARAMETERS,
  },
  examples: [
    {
      title: 'Save rows to a file',
      code: "'Email','ann@corp.com' | ConvertFrom-Csv | Export-Csv ./out.csv",
      bindOnly: true,
    },
    {
      title: 'Add rows to an existing file',
      code: 'Import-Csv new.csv | Export-Csv ./all.csv -Append',
      bindOnly: true,
    },
  ],
  load: () => import('./Export-Csv.run.js'),
})

export default ExportCsv
