// `vcs <Verb-Noun> --help`: which flags are required (in every parameter set, or only in one), and
// the `--confirm false` form scripts use.
import { describe, expect, it } from 'vitest'
import { registry } from '../../cmdlets/index.js'
import { cmdletHelp } from '../../src/cli/help.js'

/** The flag rows of a cmdlet's help, by their long flag. */
function flagRow(cmdlet: string, flag: string): string {
  const row = cmdletHelp(registry.resolve(cmdlet))
    .split('\n')
    .find((line) => line.trimStart().split(/[ ,]/).includes(flag) || line.includes(`, ${flag}`))
  expect(row, flag).toBeDefined()
  return row!
}

describe('vcs <Cmdlet> --help', () => {
  it('tags a flag required only in its own parameter set', () => {
    expect(flagRow('Get-VcsUserInvitation', '--invitation-id')).toMatch(/\[required in set ById, /)
    expect(flagRow('Remove-VcsUser', '--email')).toMatch(/\[required in set ByEmail, /)
    expect(flagRow('Get-VcsUserInvitation', '--name')).not.toMatch(/required/)
  })

  it('tags a flag every parameter set needs as required, and names the shorter list of sets', () => {
    expect(flagRow('Export-Csv', '--path')).toMatch(/\[required[,\]]/)
    expect(flagRow('Where-Object', '--property')).toMatch(/\[required except in set ScriptBlock[,\]]/)
  })

  it('shows --confirm with the false that scripts give it', () => {
    expect(flagRow('Remove-VcsUser', '--confirm')).toMatch(/--cf, --confirm \[false\]\s+.*--confirm false/)
  })
})
