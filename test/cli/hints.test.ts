// Hints of the one-shot CLI speak its own syntax: --what-if, `vcs X --help`, --force only where the
// cmdlet has it, and no guess from another first letter (`-y` never suggests --notify-users).
import { describe, expect, it } from 'vitest'
import { registry } from '../../cmdlets/index.js'
import { UsageError } from '../../src/engine/errors.js'
import { inOneShotWords } from '../../src/cli/oneshot.js'
import { runCli } from './helpers.js'

describe('one-shot hints in CLI syntax', () => {
  it.each([
    [
      ['Remove-VcsUser', '-y'],
      /has no flag -y\. Hint: To change without asking, add --confirm false \(or --force\), or --what-if to preview\.$/,
    ],
    [['Remove-VcsUser', '--yes'], /has no flag --yes\. Hint: To change without asking, add --confirm false/],
    [
      ['Remove-VcsUser', '--email', 'a@x.example', '--what-iff'],
      /has no flag --what-iff\. Hint: Did you mean --what-if\?$/,
    ],
    [['Get-VcsUser', '--what-if'], /Get-VcsUser has no flag --what-if\. Hint: See: vcs Get-VcsUser --help$/],
    [
      ['New-VcsUserInvitation', '--email', 'a@x.example', '--bogus'],
      /Hint: See: vcs New-VcsUserInvitation --help$/,
    ],
  ])('%j', async (args, message) => {
    const result = await runCli(args)
    expect(result.code).toBe(2)
    expect(result.stderr.trim()).toMatch(message)
    expect(result.stderr).not.toMatch(/notify-users|NotifyUsers|Get-Help|-WhatIf/)
  })

  it('offers --force only on cmdlets that have it', () => {
    const confirm = () =>
      new UsageError('ConfirmationRequired', 'needs confirmation', {
        hint: 'Add -Confirm:$false (or -Force) to proceed, or -WhatIf to preview.',
      })
    const invite = registry.resolve('New-VcsUserInvitation')
    expect('force' in invite.allParameters).toBe(false)
    expect((inOneShotWords(confirm(), invite) as UsageError).hint).toBe(
      'Add --confirm false to proceed, or --what-if to preview.',
    )
    expect((inOneShotWords(confirm(), registry.resolve('Remove-VcsUser')) as UsageError).hint).toBe(
      'Add --confirm false (or --force) to proceed, or --what-if to preview.',
    )
  })
})
