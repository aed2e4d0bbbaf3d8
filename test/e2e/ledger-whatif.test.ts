// New-VcsUserInvitation -WhatIf at scale, as a user meets it (the one-shot `vcs` process against the
// emulator): one line per address, as PowerShell's ShouldProcess prints one per target, then one line
// with the request count; the requests themselves only under -Verbose; nothing is sent.
// (learn.microsoft.com/powershell/scripting/learn/deep-dives/everything-about-shouldprocess)
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../cli/helpers.js'
import { emails, freshEmulator, note, startCli, type Emulator } from './ledger-helpers.js'

let emulator: Emulator
let env: NodeJS.ProcessEnv
beforeEach(async () => {
  emulator = await freshEmulator()
  env = { VCS_SERVER: emulator.url, VCS_API_TOKEN: emulator.credentials.apiToken }
})
afterEach(() => emulator.close())

const POST = 'POST /csp/gateway/am/api/orgs/{orgId}/invitations'
const posts = () => emulator.stats().requests[POST] ?? 0

describe('New-VcsUserInvitation -WhatIf', () => {
  it('500 addresses: 500 lines naming each, then one line with the request count; nothing sent', async () => {
    const people = emails(500, 'dry.example')
    const result = await runCli(['New-VcsUserInvitation', '--what-if'], { env, stdin: people.join('\n') })
    expect(result.code, result.stderr).toBe(0)
    const lines = result.stderr.trim().split('\n')
    expect(lines.slice(0, -1).sort()).toEqual(
      people.map((email) => `What if: Inviting user "${email}"`).sort(),
    )
    expect(lines.at(-1)).toMatch(
      /^What if: 500 e-mail\(s\) would be invited in 5 request\(s\) \(POST \/csp\/gateway\/am\/api\/orgs\/[^ ]+\/invitations, at most 100 e-mails each\)\.$/,
    )
    expect(result.stderr).not.toMatch(/usernames|\{/)
    expect(result.stderr).not.toMatch(/^Summary:/m)
    expect(posts()).toBe(0)
    note('-WhatIf on 500 addresses', { exit: result.code, lines: lines.length, server: posts() })
  })

  it('an address already invited is said as such, not counted among those to invite', async () => {
    const result = await runCli(['New-VcsUserInvitation', '--what-if', '--batch-size', '2'], {
      env,
      stdin: ['grace.kim@demo.example', 'a@dry.example', 'b@dry.example', 'c@dry.example'].join('\n'),
    })
    const lines = result.stderr.trim().split('\n')
    expect(lines).toContain('What if: Inviting user "c@dry.example"')
    expect(lines.filter((line) => line.includes('grace.kim'))).toEqual([
      expect.stringMatching(/^WARNING: grace\.kim@demo\.example: already has a pending invitation/),
    ])
    expect(lines.at(-1)).toMatch(/^What if: 3 e-mail\(s\) would be invited in 2 request\(s\)/)
    expect(posts()).toBe(0)
  })

  it('a reader of stderr slower than the run still gets every line, the closing one included', async () => {
    // 20,000 lines are far more than a pipe holds: the rest wait in the process when it finishes.
    const people = emails(20_000, 'slow.example')
    const run = startCli(emulator, ['New-VcsUserInvitation', '--what-if'], { stdin: people.join('\n') })
    run.child.stderr!.pause()
    // Not read for a while (the scenario: a busy consumer), then read to the end. The run waits
    // for its reader rather than queue the lines in memory, and exits only once they are out.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    run.child.stderr!.resume()
    const result = await run.done
    expect(result.code).toBe(0)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(20_001)
    expect(lines.at(-1)).toMatch(/^What if: 20000 e-mail\(s\) would be invited in 200 request\(s\)/)
  })

  it('-Verbose also shows each request', async () => {
    const result = await runCli(
      ['New-VcsUserInvitation', '--email', 'a@dry.example', '--what-if', '--verbose'],
      {
        env,
      },
    )
    expect(result.stderr).toMatch(
      /VERBOSE: POST \/csp\/gateway\/am\/api\/orgs\/[^ ]+\/invitations \{"usernames":\["a@dry\.example"\]/,
    )
    expect(posts()).toBe(0)
  })
})
