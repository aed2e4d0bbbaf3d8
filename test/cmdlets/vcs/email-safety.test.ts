// Invitee e-mails that do not show what they are: control, zero-width and bidi characters are
// refused before anything is sent; a domain mixing scripts (Cyrillic "ех" + Latin "ample", the
// homoglyph case of UTS #39) is warned about with its punycode form, the form mail systems use.
import { describe, expect, it } from 'vitest'
import { emailDomainWarning, unsafeEmailReason } from '../../../cmdlets/vcs/shared/email.js'
import { newVcsUserInvitation } from '../../../src/library/vcs.js'
import { resetStats, stats, useEmulator } from './emulator.js'

const bed = useEmulator()

describe('invitee e-mails', () => {
  it.each([
    ['ann\u200b@example.com', 'invisible'],
    ['ann@exa\u202emple.com', 'changes text direction'],
    ['ann\u0007@example.com', 'control character'],
  ])('refuses %j before any request', async (email, why) => {
    await resetStats(bed)
    await expect(newVcsUserInvitation({ email: [email] }).in(bed.session)).rejects.toThrow(
      new RegExp(`is not a valid e-mail address: it contains .*${why}`),
    )
    expect((await stats(bed)).requests).toEqual({})
  })

  it('warns about a mixed-script domain and shows its punycode', () => {
    expect(emailDomainWarning('owner@\u0435\u0445ample.com')).toBe(
      'The domain of owner@\u0435\u0445ample.com mixes Cyrillic and Latin letters, which can imitate another domain; it is xn--ample-ywe6i.com as mail systems see it.',
    )
  })

  it('shows an IDN domain in punycode without calling it mixed', () => {
    expect(emailDomainWarning('anna@bücher.example')).toBe(
      'The domain of anna@bücher.example is xn--bcher-kva.example as mail systems see it.',
    )
    expect(emailDomainWarning('ann@example.com')).toBeUndefined()
    expect(unsafeEmailReason('ann@example.com')).toBeUndefined()
  })
})
