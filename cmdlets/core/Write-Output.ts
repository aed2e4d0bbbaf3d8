// Write-Output: sends values down the pipeline; what a bare expression does in a script.
import { defineCmdlet } from '../../src/engine/index.js'

/** Write-Output: outputs its arguments. */
export const WriteOutput = defineCmdlet({
  name: 'Write-Output',
  synopsis: 'Sends objects down the pipeline.',
  description: 'A list is enumerated (each element is a separate object) unless -NoEnumerate.',
  aliases: ['echo', 'write'],
  parameters: {
    inputObject: {
      type: 'any',
      position: 0,
      mandatory: true,
      pipeline: 'byValue',
      description: 'The objects to output.',
    },
    noEnumerate: { type: 'switch', description: 'Outputs a list as one object.' },
  },
  examples: [
    { title: 'Output values', code: "Write-Output 'a', 'b'", expect: ['a', 'b'] },
    {
      title: 'A list as one object',
      code: 'Write-Output 1, 2 -NoEnumerate | Measure-Object | ForEach-Object Count',
      expect: [1],
    },
  ],
  *process(args) {
    if (Array.isArray(args.inputObject) && !args.noEnumerate) yield* args.inputObject
    else yield args.inputObject
  },
})

export default WriteOutput
