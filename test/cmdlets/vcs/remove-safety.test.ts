// Remove-VcsUser's selection and safety rules, as a user meets them: the one-shot `vcs` process
// against the emulator, with the emulator's counters and membership checked afterwards.
// PowerShell semantics: ShouldProcess(target) asks per target with Yes / Yes to All / No / No to All,
// and ShouldProcess(description, warning, caption) prints only the description after "What if: "
// (learn.microsoft.com/powershell/scripting/learn/deep-dives/everything-about-shouldprocess).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../cli/helpers.js'
import { freshEmulator, type Emulator } from '../../e2e/ledger-helpers.js'

let emulator: Emulator
let env: NodeJS.ProcessEnv
beforeEach(async () => {
  emulator = await freshEmulator()
  env = { VCS_SERVER: emulator.url, VCS_API_TOKEN: emulator.credentials.apiToken }
})
afterEach(() => emulator.close())

const DELETE_USERS = 'DELETE /csp/gateway/am/api/v2/orgs/{orgId}/users'
const deletes = () => emulator.stats().requests[DELETE_USERS] ?? 0

async function members(): Promise<string[]> {
  const result = await runCli(['Get-VcsUser', '--output', 'json'], { env })
  return (JSON.parse(result.stdout) as Array<{ Email: string }>).map((user) => user.Email)
}

describe('Remove-VcsUser given strings', () => {
  it('--user <e-mail> binds by e-mail: that user is removed, no "undefined" id is sent', async () => {
    const result = await runCli(['Remove-VcsUser', '--user', 'chloe.martin@demo.example', '--force'], { env })
    expect(result.stderr).toBe('Summary: 1 removed.\n')
    expect(result.code).toBe(0)
    expect(await members()).not.toContain('chloe.martin@demo.example')
    expect(deletes()).toBe(1)
  })

  it('--user a@b (nobody) is reported as not found, and nothing is deleted', async () => {
    const result = await runCli(['Remove-VcsUser', '--user', 'a@b', '--force'], { env })
    expect(result.stderr).toContain("No user with the e-mail 'a@b' is in the organization.")
    expect(result.stderr).not.toMatch(/undefined/)
    expect(result.code).toBe(1)
    expect(deletes()).toBe(0)
  })

  it.each([
    ['an empty string', ['--user', '']],
    ['the text undefined', ['--user', 'undefined']],
    ['an empty id', ['--id', ' ']],
  ])('%s is a usage error before anything is sent: exit 2', async (_name, args) => {
    const result = await runCli(['Remove-VcsUser', ...args, '--force'], { env })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/Cannot bind -(User|Id)/)
    expect(deletes()).toBe(0)
  })

  it('a row without Id or Email in a script is a usage error: nothing sent', async () => {
    const result = await runCli(
      ['-c', "[pscustomobject]@{ Note = 'x' } | Remove-VcsUser -User { $_ } -Force"],
      {
        env,
      },
    )
    expect(result.code).not.toBe(0)
    expect(deletes()).toBe(0)
  })
})

describe('no self-lockout', () => {
  it('the connected user is not removed without -Force, and the error says why', async () => {
    const result = await runCli(
      [
        'Remove-VcsUser',
        '--email',
        'ava.thompson@demo.example,chloe.martin@demo.example',
        '--confirm',
        'false',
      ],
      { env },
    )
    expect(result.stderr).toContain(
      'Not removing Ava Thompson <ava.thompson@demo.example>: that is the connected user',
    )
    expect(result.stderr).toContain('Add -Force')
    expect(result.stderr).toContain('Summary: 1 removed, 1 failed.')
    expect(result.code).toBe(5)
    const left = await members()
    expect(left).toContain('ava.thompson@demo.example')
    expect(left).not.toContain('chloe.martin@demo.example')
  })

  it('Get-VcsUser -Name A* | Remove-VcsUser -Confirm:$false keeps the connected owner', async () => {
    const result = await runCli(['-c', "Get-VcsUser -Name 'A*' | Remove-VcsUser -Confirm:$false"], { env })
    expect(result.code).toBe(5)
    const left = await members()
    expect(left).toContain('ava.thompson@demo.example')
    // And the session still works afterwards: the token's user is still a member.
    expect((await runCli(['Get-VcsUser', '--name', 'Ava*'], { env })).code).toBe(0)
  })
})

describe('dry runs and confirmation per target', () => {
  it('-WhatIf prints one line per user, then one line with the request count; nothing is sent', async () => {
    const result = await runCli(['-c', "Get-VcsUser -Email '*@demo.example' | Remove-VcsUser -WhatIf"], {
      env,
    })
    expect(result.code).toBe(0)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toContain('What if: Removing user "Chloe Martin <chloe.martin@demo.example>"')
    expect(lines.at(-1)).toMatch(/^What if: \d+ user\(s\) would be removed in 2 request\(s\) \(DELETE /)
    // The connected user is named as kept, not as removed.
    expect(lines.filter((line) => line.includes('ava.thompson@'))).toEqual([
      expect.stringMatching(/^What if: Not removing Ava Thompson .*that is the connected user/),
    ])
    expect(lines.every((line) => line.startsWith('What if: '))).toBe(true)
    expect(result.stderr).not.toMatch(/"ids"|\{/)
    expect(deletes()).toBe(0)
  })

  it('-WhatIf -Verbose also shows the requests', async () => {
    const result = await runCli(
      ['Remove-VcsUser', '--email', 'chloe.martin@demo.example', '--what-if', '--verbose'],
      { env },
    )
    expect(result.stderr).toMatch(
      /VERBOSE: DELETE \/csp\/gateway\/am\/api\/v2\/orgs\/[^ ]+\/users \{"ids":\["[^"]+"\],"notifyUsers":false\}/,
    )
    // The closing line comes last, after the requests.
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(
      /^What if: 1 user\(s\) would be removed in 1 request/,
    )
    expect(deletes()).toBe(0)
  })
})
