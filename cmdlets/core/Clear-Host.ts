// Clear-Host (aliases cls, clear): asks the host to clear the screen. The shell clears it and draws
// the prompt at the top; a one-shot run clears only a terminal; scripts and the library have no
// screen, so nothing happens there (as in PowerShell, where Clear-Host is a no-op without a console).
import { defineCmdlet } from '../../src/engine/index.js'

/** Clear-Host: clears the terminal. */
export const ClearHost = defineCmdlet({
  name: 'Clear-Host',
  aliases: ['cls', 'clear'],
  synopsis: 'Clears the screen.',
  description:
    'In the shell the screen and its scroll-back are cleared and the prompt is drawn at the top, ' +
    'keeping what was typed. A one-shot command clears the terminal only when its output is one; ' +
    'piped or redirected, it writes nothing.',
  parameters: {},
  examples: [{ title: 'Clear the screen', code: 'Clear-Host', expect: [] }],
  load: () => import('./Clear-Host.run.js'),
})

export default ClearHost
