// ConvertTo-Csv: turns objects into CSV lines (header from the first object), streaming, with
// PowerShell 7's quoting by default.
import { defineCmdlet } from '../../src/engine/index.js'
import { DELIMITER_PARAMETER } from './csv.js'

/** Options shared with Export-Csv. */
export const CSV_WRITE_PARAMETERS = {
  delimiter: DELIMITER_PARAMETER,
  noTypeInformation: {
    type: 'switch',
    aliases: ['NTI'],
    description: 'Accepted for compatibility; no #TYPE line is ever written.',
  },
  noHeader: { type: 'switch', description: 'Leaves out the header line.' },
  useQuotes: {
    type: 'string',
    validateSet: ['Always', 'AsNeeded'],
    default: 'Always',
    description: 'Always quote fields (PowerShell 7 default), or only those that need it.',
  },
  noFormulaEscaping: {
    type: 'switch',
    description:
      "Writes cells that start with =, +, -, @, a tab or a carriage return as they are; by default they get a ' in front, so a spreadsheet does not run them as formulas (Import-Csv removes it).",
  },
} as const

/** ConvertTo-Csv: objects to CSV lines. */
export const ConvertToCsv = defineCmdlet({
  name: 'ConvertTo-Csv',
  synopsis: 'Converts objects to CSV lines.',
  description:
    'The columns are the properties of the first object; later objects missing a column get an ' +
    'empty field, and extra properties are left out. Dates are written as ISO 8601, lists joined ' +
    'with "; ".',
  parameters: {
    inputObject: { type: 'any', position: 0, pipeline: 'byValue', description: 'The objects to convert.' },
    ...CSV_WRITE_PARAMETERS,
  },
  examples: [
    {
      title: 'Round-trip through CSV',
      code: "'Email,Role','ann@corp.com,admin' | ConvertFrom-Csv | ConvertTo-Csv",
      expect: ['"Email","Role"', '"ann@corp.com","admin"'],
    },
    {
      title: 'Quote only where needed, semicolon-separated',
      code: "'Name','Smith; Ann' | ConvertFrom-Csv | ConvertTo-Csv -UseQuotes AsNeeded -Delimiter ';' -NoHeader",
      expect: ['"Smith; Ann"'],
    },
  ],
  load: () => import('./ConvertTo-Csv.run.js'),
})

export default ConvertToCsv
