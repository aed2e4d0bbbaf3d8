// Out-String: renders pipeline output as the text the shell would show, as one string (or one
// string per line with -Stream), for building messages and mail bodies.
import { defineCmdlet } from '../../src/engine/index.js'

/** Out-String: pipeline output to text. */
export const OutString = defineCmdlet({
  name: 'Out-String',
  synopsis: 'Converts pipeline output to the text the shell would display.',
  parameters: {
    stream: { type: 'switch', description: 'Outputs one string per line instead of one string.' },
    width: {
      type: 'int',
      validateRange: [10, 10000],
      description: 'Line width for tables (default: the terminal).',
    },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'What to render.' },
  },
  examples: [
    { title: 'Numbers as one text', code: '1..3 | Out-String', expect: ['1\n2\n3\n'] },
    {
      title: 'A table, line by line',
      code: "'Name,Role','ann,admin' | ConvertFrom-Csv | Out-String -Stream",
      expect: ['Name Role', '---- ----', 'ann  admin'],
    },
  ],
  load: () => import('./Out-String.run.js'),
})

export default OutString
