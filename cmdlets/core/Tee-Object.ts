// Tee-Object: passes objects on unchanged while also saving them to a file (formatted as text) or a
// variable, so a pipeline can be inspected later without running it twice.
import { defineCmdlet } from '../../src/engine/index.js'

/** Tee-Object: copies the pipeline to a file or a variable. */
export const TeeObject = defineCmdlet({
  name: 'Tee-Object',
  synopsis: 'Saves the pipeline objects to a file or a variable and passes them on.',
  description:
    'With -FilePath, writes the objects as the shell would display them (a table or list) when the ' +
    'pipeline ends; -Append adds to the file. With -Variable, stores the objects in that variable ' +
    '(name without $). Either way, the objects continue down the pipeline unchanged.',
  aliases: ['tee'],
  parameterSets: { File: { default: true }, Variable: {} },
  parameters: {
    filePath: {
      type: 'string',
      position: 0,
      mandatory: true,
      sets: ['File'],
      aliases: ['Path'],
      completer: 'path',
      description: 'The file to write.',
    },
    append: { type: 'switch', sets: ['File'], description: 'Appends to the file instead of replacing it.' },
    variable: {
      type: 'string',
      mandatory: true,
      sets: ['Variable'],
      description: 'The variable to set (no $).',
    },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The object to save and pass on.' },
  },
  examples: [
    {
      title: 'Keep a copy in a variable',
      code: '1..3 | Tee-Object -Variable numbers | Measure-Object | ForEach-Object Count',
      expect: [3],
    },
    {
      title: 'Save a listing while showing it',
      code: "'a','b' | Tee-Object -FilePath seen.txt",
      bindOnly: true,
    },
  ],
  load: () => import('./Tee-Object.run.js'),
})

export default TeeObject
