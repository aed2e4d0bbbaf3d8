// CSV round trips: `--output csv` joins lists with "; ", so a list cell bound by property name to a
// list parameter is split again on its way in.
import { describe, expect, it } from 'vitest'
import { registry } from '../../cmdlets/index.js'
import { splitListCells } from '../../src/cli/oneshot.js'
import { runCli, withDemoEmulator } from './helpers.js'

let env: NodeJS.ProcessEnv
withDemoEmulator((_, startedEnv) => {
  env = startedEnv
})

describe('list cells', () => {
  const invite = registry.resolve('New-VcsUserInvitation')

  it('splits a "; "-joined cell bound to a list parameter, and nothing else', () => {
    expect(
      splitListCells(
        { Email: 'a@x.example', OrganizationRole: 'org_member; developer', Note: 'a; b' },
        invite,
      ),
    ).toEqual({ Email: 'a@x.example', OrganizationRole: ['org_member', 'developer'], Note: 'a; b' })
    const plain = { Email: 'a@x.example', OrganizationRole: 'org_member' }
    expect(splitListCells(plain, invite)).toBe(plain)
  })

  it('a CSV row with two roles in one cell invites with both', async () => {
    const csv = 'Email,OrganizationRole\nround.trip@csv.example,"org_member; developer"\n'
    const invited = await runCli(['New-VcsUserInvitation'], { env, stdin: csv })
    expect(invited.stderr).toBe('Summary: 1 invited.\n')
    expect(invited.code).toBe(0)
    const listed = await runCli(
      ['Get-VcsUserInvitation', '--email', 'round.trip@csv.example', '-o', 'json'],
      { env },
    )
    const [invitation] = JSON.parse(listed.stdout) as { OrganizationRoles: string[] }[]
    expect([...invitation.OrganizationRoles].sort()).toEqual(['developer', 'org_member'])
  })
})
