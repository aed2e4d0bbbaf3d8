// Get-Culture: the culture vcs-shell formats in. Numbers and dates are always en-US here (a deliberate
// difference, src/engine/differences.ts), so that is the answer, and a run on a machine whose
// locale is another is told once that PowerShell would use that one.
import {
  announceCulture,
  defineCmdlet,
  registerView,
  UsageError,
  withTypeName,
} from '../../src/engine/index.js'

const CULTURES: Record<string, { LCID: number; Name: string; DisplayName: string }> = {
  'en-us': { LCID: 1033, Name: 'en-US', DisplayName: 'English (United States)' },
  // Get-Culture.Tests.ps1: Get-Culture "" is the invariant culture.
  '': { LCID: 127, Name: '', DisplayName: 'Invariant Language (Invariant Country)' },
}

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
  *process(args, ctx) {
    if (args.name === undefined) announceCulture(ctx.session, ctx)
    for (const name of args.name ?? ['en-US']) {
      const culture = CULTURES[name.toLowerCase()]
      if (!culture) {
        throw new UsageError('InvalidParameterValue', `Get-Culture: vcs-shell has no culture '${name}'.`, {
          hint: 'It formats in en-US; "" is the invariant culture.',
        })
      }
      yield withTypeName('CultureInfo', { ...culture, EnglishName: culture.DisplayName })
    }
  },
})

export default GetCulture
