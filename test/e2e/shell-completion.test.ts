// End-to-end: completion in a real terminal (tmux), keys typed as a person types them. Members on
// `$var.` and property names after a pipe as PowerShell's TabExpansion2 offers them (from the live
// value, or from the [OutputType] of the stage before); values after a comma, after `-Param:`, in
// the middle of a word, `~/` paths, invitation ids; e-mails beyond the completion cache, searched
// on the server.
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasTmux, TmuxShell } from '../shell/tmux.js'
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js'

if (!hasTmux && process.env.CI === 'true') throw new Error('tmux is required for the shell e2e tests in CI')

describe.skipIf(!hasTmux)('completion in a real terminal (tmux; skipped when tmux is not installed)', () => {
  const home = join(tmpdir(), `vcs-e2e-home-${process.pid}`)
  const shell = new TmuxShell({ env: `HOME=${home}` })
  beforeAll(async () => {
    mkdirSync(home, { recursive: true })
    writeFileSync(join(home, 'people-to-invite.csv'), 'Email\nann@corp.example\n')
    await shell.start()
  })
  afterAll(() => shell.stop())

  /** Types `text`, presses Tab, and waits for the line to read `expected`. */
  async function tab(text: string, expected: string): Promise<void> {
    await shell.clearLine()
    shell.type(text)
    shell.press('Tab')
    await shell.waitForLine(expected)
  }

  it('completes the members of a variable’s value after $var.', async () => {
    await shell.run('$u = Get-VcsUser | Select-Object -First 1')
    await tab('$u.Ema', '$u.Email')
    shell.type('.ToUpperI')
    shell.press('Tab')
    await shell.waitForLine('$u.Email.ToUpperInvariant(')
    await shell.clearLine()
    shell.type('$u.')
    shell.press('Tab')
    await shell.waitFor(
      'the member list',
      () => /OrganizationRoles/.test(shell.visible()) && /GetType\(\)/.test(shell.visible()),
    )
    expect(shell.visible()).not.toMatch(/\$ErrorActionPreference/)
  })

  it('completes the members of a variable assigned earlier on the line, from its command’s output type', async () => {
    await tab('$w = Get-VcsUserInvitation; $w.Sta', '$w = Get-VcsUserInvitation; $w.Status')
  })

  it.each([
    ['Get-VcsUser | Select-Object Organ', 'Get-VcsUser | Select-Object OrganizationRoles'],
    ['Get-VcsUser | Select-Object -ExpandProperty Ema', 'Get-VcsUser | Select-Object -ExpandProperty Email'],
    ['Get-VcsUser | Sort-Object -Property LastN', 'Get-VcsUser | Sort-Object -Property LastName'],
    ['Get-VcsUser | Where-Object FirstN', 'Get-VcsUser | Where-Object FirstName'],
    ['Get-VcsUser | Group-Object Doma', 'Get-VcsUser | Group-Object Domain'],
    ['Get-VcsGroup | Format-Table UsersC', 'Get-VcsGroup | Format-Table UsersCount'],
    ['Get-VcsUser | Where-Object { $_.Usern', 'Get-VcsUser | Where-Object { $_.Username'],
    ['Get-Help Get-VcsUser -Parameter OrganizationR', 'Get-Help Get-VcsUser -Parameter OrganizationRole'],
    ['Get-VcsGroup | Measure-Object UsersC', 'Get-VcsGroup | Measure-Object UsersCount'],
    ['Get-VcsUser | ForEach-Object Ema', 'Get-VcsUser | ForEach-Object Email'],
  ])('completes property names: %s', async (typed, expected) => {
    await tab(typed, expected)
  })

  it.each([
    [
      'after a comma',
      'Get-VcsUserInvitation -Status Available, Ex',
      'Get-VcsUserInvitation -Status Available, Expired',
    ],
    ['after -Param:', 'Get-VcsUserInvitation -Status:Redee', 'Get-VcsUserInvitation -Status:Redeemed'],
    ['a ~/ path', 'Import-Csv ~/people-to', 'Import-Csv ~/people-to-invite.csv'],
    ['a user name (quoted: it has a space)', 'Get-VcsUser -Name Adri', "Get-VcsUser -Name 'Adrian Kowalski'"],
  ])('completes values %s', async (_what, typed, expected) => {
    await tab(typed, expected)
  })

  it('completes in the middle of a word and replaces all of it', async () => {
    await shell.clearLine()
    shell.type('Get-VcsOrganiXX | Measure-Object')
    shell.press('Home')
    for (let i = 0; i < 'Get-VcsOrgani'.length; i++) shell.press('Right')
    shell.press('Tab')
    await shell.waitForLine('Get-VcsOrganizationRole | Measure-Object')
  })

  it('completes invitation ids', async () => {
    await shell.clearLine()
    await shell.run('$id = (Get-VcsUserInvitation -Status Available | Select-Object -First 1).Id; "id=$id"')
    await shell.waitFor('the invitation id', () => /^id=[0-9a-f-]{36}$/m.test(shell.screen()), 30_000)
    const id = /^id=([0-9a-f-]{36})$/m.exec(shell.screen())?.[1]
    expect(id).toBeDefined()
    await tab(`Remove-VcsUserInvitation -Id ${id!.slice(0, 13)}`, `Remove-VcsUserInvitation -Id ${id}`)
    await shell.clearLine()
  })
})

describe.skipIf(!hasTmux)('e-mail completion in an org larger than the completion cache (tmux)', () => {
  let emulator: RunningEmulator
  let shell: TmuxShell
  const prompt = () => /^vcs [\w-]+> /.exec(shell.lastLine())?.[0] ?? 'vcs '
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true, seed: 'empty', users: 2500 })
    shell = new TmuxShell({
      args: '',
      env: `VCS_SERVER=${emulator.url} VCS_API_TOKEN=${emulator.credentials.apiToken}`,
    })
    await shell.start('vcs ')
  }, 60_000)
  afterAll(async () => {
    shell?.stop()
    await emulator?.close()
  })

  it('finds an e-mail the cache does not hold through a server search for the typed prefix', async () => {
    const before = shell.prompts('vcs ')
    shell.type('"last=$((Get-VcsUser | Select-Object -Last 1).Email)"')
    shell.press('Enter')
    await shell.waitFor(
      'the last user',
      () => shell.prompts('vcs ') > before && /^last=\S+@/m.test(shell.screen()),
      60_000,
    )
    const email = /^last=(\S+@\S+)$/m.exec(shell.screen())![1]
    const typed = `Get-VcsUser -Email ${email.slice(0, email.indexOf('@') + 1)}`
    shell.type(typed)
    shell.press('Tab')
    await shell.waitFor(
      `the line completed to ${email}`,
      () => shell.lastLine() === `${prompt()}Get-VcsUser -Email ${email}`,
      30_000,
    )
  }, 120_000)

  it('lets the next key cancel a slow server search: the line keeps what was typed', async () => {
    shell.press('End', 'End', 'C-u')
    await shell.waitFor('an empty line', () => /^vcs [\w-]+>\s*$/.test(shell.lastLine()), 10_000)
    const empty = `${shell.lastLine().trimEnd()} `
    const before = shell.prompts('vcs ')
    shell.type('"other=$((Get-VcsUser | Select-Object -Last 2 | Select-Object -First 1).Email)"')
    shell.press('Enter')
    await shell.waitFor(
      'the other user',
      () => shell.prompts('vcs ') > before && /^other=\S+@/m.test(shell.screen()),
      60_000,
    )
    const email = /^other=(\S+@\S+)$/m.exec(shell.screen())![1]
    // The search now takes 2 s to answer; a key typed meanwhile must win over its late answer.
    await fetch(`${emulator.url}/emulator/api/config`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 2000 }),
    })
    try {
      const typed = `Get-VcsUser -Email ${email.slice(0, email.indexOf('@') + 1)}`
      shell.type(typed)
      shell.press('Tab')
      await shell.waitFor('the search notice', () => shell.screen().includes('searching for'), 10_000)
      shell.type('Z')
      await shell.waitForLine(`${typed}Z`, empty)
      // Past the search's answer (2 s latency), the line is still what was typed, not the e-mail.
      await new Promise((resolve) => setTimeout(resolve, 3500))
      expect(shell.lastLine()).toBe(`${empty}${typed}Z`)
    } finally {
      await fetch(`${emulator.url}/emulator/api/config`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ latencyMs: 0 }),
      })
    }
  }, 120_000)
})
