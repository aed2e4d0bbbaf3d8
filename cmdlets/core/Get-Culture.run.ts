// The code of Get-Culture (declared in Get-Culture.ts).
import { announceCulture, implement, UsageError, withTypeName } from '../../src/engine/index.js'
import type { GetCulture } from './Get-Culture.js'

const CULTURES: Record<string, { LCID: number; Name: string; DisplayName: string }> = {
  'en-us': { LCID: 1033, Name: 'en-US', DisplayName: 'English (United States)' },
  // Get-Culture.Tests.ps1: Get-Culture "" is the invariant culture.
  '': { LCID: 127, Name: '', DisplayName: 'Invariant Language (Invariant Country)' },
}

export const getCulture = implement<typeof GetCulture>({
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
