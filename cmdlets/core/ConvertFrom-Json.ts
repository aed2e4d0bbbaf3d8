// ConvertFrom-Json: parses JSON text from the pipeline into objects; a JSON array is enumerated
// into the pipeline unless -NoEnumerate.
import { defineCmdlet } from '../../src/engine/index.js'

/** ConvertFrom-Json: JSON text to objects. */
export const ConvertFromJson = defineCmdlet({
  name: 'ConvertFrom-Json',
  synopsis: 'Converts JSON text to objects.',
  description:
    'The strings from the pipeline are joined with line breaks and parsed as one JSON document ' +
    '(so the lines of a file can be piped in). A JSON array outputs its elements one by one.',
  parameters: {
    inputObject: {
      type: 'string',
      position: 0,
      mandatory: true,
      pipeline: 'byValue',
      description: 'The JSON text (or one line of it).',
    },
    noEnumerate: { type: 'switch', description: 'Outputs a JSON array as one object.' },
    asHashtable: { type: 'switch', description: 'JSON objects become hashtables (keys as given, any case).' },
  },
  examples: [
    {
      title: 'An object',
      code: '\'{"Email":"ann@corp.com"}\' | ConvertFrom-Json',
      expect: [{ Email: 'ann@corp.com' }],
    },
    {
      title: 'An array is enumerated',
      code: "'[1,2,3]' | ConvertFrom-Json | Measure-Object -Sum | ForEach-Object Sum",
      expect: [6],
    },
    {
      title: 'A hashtable, to test for keys',
      code: "('{\"a\":1}' | ConvertFrom-Json -AsHashtable).ContainsKey('a')",
      expect: [true],
    },
  ],
  load: () => import('./ConvertFrom-Json.run.js'),
})

export default ConvertFromJson
