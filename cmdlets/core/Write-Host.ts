// Write-Host: shows text to the person at the terminal without sending it down the pipeline
// (it goes to the host's information stream, which scripts see on stderr).
import { defineCmdlet } from '../../src/engine/index.js'

const COLORS = [
  'Black',
  'DarkBlue',
  'DarkGreen',
  'DarkCyan',
  'DarkRed',
  'DarkMagenta',
  'DarkYellow',
  'Gray',
  'DarkGray',
  'Blue',
  'Green',
  'Cyan',
  'Red',
  'Magenta',
  'Yellow',
  'White',
] as const

/** Write-Host: text for the user, not for the pipeline. */
export const WriteHost = defineCmdlet({
  name: 'Write-Host',
  synopsis: 'Shows text to the user without adding it to the pipeline output.',
  description:
    'The objects are joined with -Separator and written to the host (the shell shows them; scripts ' +
    'and one-shot runs write them to stderr, so stdout stays clean for data). Colours are accepted; ' +
    'hosts that cannot show them ignore them.',
  parameters: {
    object: { type: 'any[]', position: 0, pipeline: 'byValue', description: 'What to show.' },
    separator: { type: 'string', default: ' ', description: 'Put between the objects.' },
    noNewline: { type: 'switch', description: 'Accepted for compatibility; each call is one line.' },
    foregroundColor: { type: 'string', validateSet: COLORS, description: 'Text colour.' },
    backgroundColor: { type: 'string', validateSet: COLORS, description: 'Background colour.' },
  },
  examples: [{ title: 'A message for the user', code: "Write-Host 'Invitations sent:', 3", expect: [] }],
  load: () => import('./Write-Host.run.js'),
})

export default WriteHost
