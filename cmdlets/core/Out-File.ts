// Out-File: saves pipeline output as text, formatted as the shell would show it. Strings are
// written as they arrive; objects are gathered so their table columns can be sized together.
import { defineCmdlet } from '../../src/engine/index.js'

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
  load: () => import('./Out-File.run.js'),
})

export default OutFile
