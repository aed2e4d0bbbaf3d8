// Get-Culture: the culture vcs-shell formats in. Numbers and dates are always en-US here (a deliberate
// difference, src/engine/differences.ts), so that is the answer, and a run on a machine whose
// locale is another is told once that PowerShell would use that one.
import { defineCmdlet, registerView } from '../../src/engine/index.js'

// PowerShell's view of CultureInfo (LCID, Name, DisplayName).
registerView('CultureInfo', {
  table: [
    { label: 'LCID', value: 'LCID', align: 'right', priority: 2 },
    { label: 'Name', value: 'Name', priority: 1 },
    { label: 'DisplayName', value: 'DisplayName', priority: 3 },
  ],
})

/** Get-Culture: the culture used for numbers and dates (en-US). */
export const GetCulture = defineCmdlet({
  name: 'Get-Culture',
  synopsis: 'Gets the culture vcs-shell formats numbers and dates in (en-US).',
  description:
    'vcs-shell always formats in en-US (and "$date" in the invariant culture), whatever the ' +
    "machine's locale; where PowerShell would use another culture, a warning says so once. " +
    '-Name gives en-US or, for "", the invariant culture.',
  parameters: {
    name: { type: 'string[]', position: 0, description: 'en-US, or "" for the invariant culture.' },
  },
  examples: [{ title: 'The culture', code: '(Get-Culture).Name', expect: ['en-US'] }],
  load: () => import('./Get-Culture.run.js'),
})

export default GetCulture
