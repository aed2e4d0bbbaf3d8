// ConvertTo-Json: objects to JSON text. PowerShell's default -Depth of 2 is kept for familiarity,
// but truncation is never silent: when objects nest deeper, a warning says so and names -Depth.
import { defineCmdlet } from '../../src/engine/index.js'

/** ConvertTo-Json: objects to one JSON document. */
export const ConvertToJson = defineCmdlet({
  name: 'ConvertTo-Json',
  synopsis: 'Converts objects to JSON text.',
  description:
    'Several pipeline objects become one JSON array; a single object becomes a JSON object (use ' +
    '-AsArray for an array anyway). Objects nested deeper than -Depth (default 2) are written as ' +
    'their display text, and a warning says the output was truncated: raise -Depth to keep them.',
  parameters: {
    inputObject: { type: 'any', position: 0, pipeline: 'byValue', description: 'The objects to convert.' },
    depth: {
      type: 'int',
      default: 2,
      validateRange: [0, 100],
      description: 'How many levels of nested objects to include.',
    },
    compress: { type: 'switch', description: 'Writes one line without indentation.' },
    asArray: { type: 'switch', description: 'Always writes a JSON array, even for one object.' },
  },
  examples: [
    { title: 'Numbers as a JSON array', code: '1..3 | ConvertTo-Json -Compress', expect: ['[1,2,3]'] },
    {
      title: 'A row as a JSON object',
      code: "'Email,Role','ann@corp.com,admin' | ConvertFrom-Csv | ConvertTo-Json -Compress",
      expect: ['{"Email":"ann@corp.com","Role":"admin"}'],
    },
    {
      title: 'One object as an array',
      code: "'Email','ann@corp.com' | ConvertFrom-Csv | ConvertTo-Json -Compress -AsArray",
      expect: ['[{"Email":"ann@corp.com"}]'],
    },
  ],
  load: () => import('./ConvertTo-Json.run.js'),
})

export default ConvertToJson
