// Write-Progress: a progress bar the shell draws (and scripts do not), from an activity and a percentage.
import { defineCmdlet } from '../../src/engine/index.js'

/** Write-Progress: reports progress of a long task. */
export const WriteProgress = defineCmdlet({
  name: 'Write-Progress',
  synopsis: 'Shows the progress of a long-running task.',
  description:
    'The shell draws a bar; -Completed removes it. Silent when $ProgressPreference is SilentlyContinue.',
  parameters: {
    activity: { type: 'string', position: 0, description: 'What is being done.' },
    status: { type: 'string', position: 1, description: 'The current state.' },
    id: { type: 'int', position: 2, description: 'Tells several bars apart.' },
    percentComplete: { type: 'int', validateRange: [-1, 100], description: 'How far along, 0 to 100.' },
    currentOperation: { type: 'string', description: 'The item being worked on.' },
    completed: { type: 'switch', description: 'Removes the bar.' },
  },
  examples: [
    {
      title: 'Progress through a list',
      code: "1..3 | ForEach-Object { Write-Progress -Activity 'Inviting' -PercentComplete ($_ * 33) }",
      expect: [],
    },
  ],
  load: () => import('./Write-Progress.run.js'),
})

export default WriteProgress
