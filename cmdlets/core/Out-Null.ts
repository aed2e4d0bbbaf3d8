// Out-Null: discards output, so a command runs for its effect without printing anything.
import { defineCmdlet } from '../../src/engine/index.js'

/** Out-Null: swallows its input. */
export const OutNull = defineCmdlet({
  name: 'Out-Null',
  synopsis: 'Discards the pipeline output.',
  description: 'The commands before it still run completely; nothing is displayed.',
  parameters: {
    inputObject: { type: 'any', pipeline: 'byValue', description: 'What to discard.' },
  },
  examples: [{ title: 'Run, show nothing', code: '1..3 | Out-Null', expect: [] }],
  load: () => import('./Out-Null.run.js'),
})

export default OutNull
