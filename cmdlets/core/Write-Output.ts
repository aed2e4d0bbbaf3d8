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
      mandatory: true,
      pipeline: 'byValue',
      // ValueFromRemainingArguments, as in PowerShell: `Write-Output a b` outputs both.
      remaining: true,
      description: 'The objects to output.',
    },
    noEnumerate: { type: 'switch', description: 'Outputs a list as one object.' },
  },
  examples: [
    { title: 'Output values', code: "Write-Output 'a', 'b'", expect: ['a', 'b'] },
    { title: 'Several arguments', code: 'Write-Output a b', expect: ['a', 'b'] },
    {
      title: 'A list as one object',
      code: 'Write-Output 1, 2 -NoEnumerate | Measure-Object | ForEach-Object Count',
      expect: [1],
    },
  ],
  load: () => import('./Write-Output.run.js'),
})

export default WriteOutput
