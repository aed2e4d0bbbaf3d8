// ConvertFrom-Csv: parses CSV text from the pipeline (lines or whole blocks) into objects, with the
// same rules and error reporting as Import-Csv.
import { defineCmdlet } from '../../src/engine/index.js'
import { DELIMITER_PARAMETER } from './csv.js'

/** ConvertFrom-Csv: CSV text to objects. */
export const ConvertFromCsv = defineCmdlet({
  name: 'ConvertFrom-Csv',
  synopsis: 'Converts CSV text to objects, one per row.',
  description:
    'Reads the strings from the pipeline (or -InputObject) as the lines of one CSV document: the ' +
    'first line names the columns unless -Header gives them.',
  parameters: {
    inputObject: {
      type: 'string[]',
      position: 0,
      mandatory: true,
      pipeline: 'byValue',
      description: 'CSV lines (or blocks of lines).',
    },
    delimiter: DELIMITER_PARAMETER,
    header: { type: 'string[]', description: 'Column names to use; the first line is then data.' },
  },
  examples: [
    {
      title: 'Objects from CSV lines',
      code: "'Email,Role','ann@corp.com,admin' | ConvertFrom-Csv",
      expect: [{ Email: 'ann@corp.com', Role: 'admin' }],
    },
    {
      title: 'Quoted fields and given column names',
      code: "'\"Smith, Ann\";1' | ConvertFrom-Csv -Delimiter ';' -Header Name, Id",
      expect: [{ Name: 'Smith, Ann', Id: '1' }],
    },
  ],
  load: () => import('./ConvertFrom-Csv.run.js'),
})

export default ConvertFromCsv
