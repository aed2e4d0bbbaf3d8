// Write-Warning: a warning for the user, shown (or silenced by -WarningAction) like the cmdlets' own.
import { defineCmdlet } from '../../src/engine/index.js'

/** Write-Warning: writes a warning message. */
export const WriteWarning = defineCmdlet({
  name: 'Write-Warning',
  synopsis: 'Writes a warning message.',
  description:
    'Shown as "WARNING: ..."; -WarningAction SilentlyContinue hides it, Stop turns it into an error.',
  parameters: {
    message: {
      type: 'string',
      position: 0,
      mandatory: true,
      pipeline: 'byValue',
      description: 'The warning text.',
    },
  },
  examples: [{ title: 'Warn and go on', code: "Write-Warning 'No users matched.'", expect: [] }],
  load: () => import('./Write-Warning.run.js'),
})

export default WriteWarning
