// End-to-end: what the shell writes around a command's output, in a real terminal (tmux): server
// strings with terminal control characters reach the screen escaped in Write-Host, warnings and
// errors too (kubectl's CVE-2021-25743: data must not clear the screen or set the title); leaving
// leaves no second, stale prompt below the echo of `exit`; a throttled command says how long it waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasTmux, TmuxShell } from '../shell/tmux.js'

if (!hasTmux && process.env.CI === 'true') throw new Error('tmux is required for the shell e2e tests in CI')

describe.skipIf(!hasTmux)('output in a real terminal (tmux; skipped when tmux is not installed)', () => {
  const shell = new TmuxShell()
  beforeAll(() => shell.start())
  afterAll(() => shell.stop())

  it('shows control characters of a user’s name escaped in Write-Host, warnings and errors', async () => {
    await shell.run("'still here'")
    await shell.run(
      'New-VcsUserInvitation -Email esc@corp.example -OrganizationRole org_member | Out-Null; "inv=$((Get-VcsUserInvitation -Email esc@corp.example).Id)"',
    )
    expect(shell.screen()).toMatch(/^inv=[0-9a-f-]{36}$/m)
    const id = /^inv=([0-9a-f-]{36})$/m.exec(shell.screen())?.[1]
    // The invitee redeems it under a name made of escape sequences (clear screen; set the title).
    const redeemed = await shell.emulator('POST', `invitations/${id}`, {
      firstName: '\u001b[2J',
      lastName: '\u001b]0;pwned\u0007',
    })
    expect(redeemed.ok).toBe(true)
    await shell.run(
      'Get-VcsUser -Email esc@corp.example | ForEach-Object { Write-Host "host: $($_.Name)"; Write-Warning "warn: $($_.Name)"; Write-Error "err: $($_.Name)" }',
    )
    await shell.waitFor('the error line', () => /err: /.test(shell.screen()), 30_000)
    const screen = shell.screen()
    expect(screen).toContain('host: `e[2J `e]0;pwned`a')
    expect(screen).toContain('WARNING: warn: `e[2J `e]0;pwned`a')
    expect(screen).toMatch(/err: `e\[2J `e\]0;pwned`a/)
    expect(screen).toContain('still here')
    expect(shell.tmux('display-message', '-p', '-t', 'shell', '#{pane_title}')).not.toContain('pwned')
  })

  it('groups users by their role list: one group per distinct list, named {a, b}', async () => {
    await shell.clearLine()
    await shell.run('"users=$((Get-VcsUser).Count)"')
    const users = Number(/^users=(\d+)$/m.exec(shell.screen())?.[1])
    await shell.run('Get-VcsUser | Group-Object OrganizationRoles -NoElement')
    const screen = shell.screen()
    const table = screen.slice(screen.lastIndexOf('Group-Object OrganizationRoles'))
    // PowerShell groups by the value's text and names a collection {a, b} (GroupObjectCommand's
    // BuildName, PowerShell/PowerShell src/.../utility/Group-Object.cs): one group per role list.
    const groups = [...table.matchAll(/^ *(\d+) (\{[^}]*\})/gm)].map(([, count, name]) => ({
      count: +count,
      name,
    }))
    expect(groups.length).toBeGreaterThan(1)
    expect(groups.length).toBeLessThan(users)
    expect(new Set(groups.map((group) => group.name)).size).toBe(groups.length)
    expect(groups.reduce((sum, group) => sum + group.count, 0)).toBe(users)
    expect(groups.map((group) => group.name)).toContain('{org_member}')
    expect(groups.some((group) => /^\{\w+, \w+\}$/.test(group.name))).toBe(true)
  })

  it('shows the wait while the server throttles (429 with Retry-After), not a frozen spinner', async () => {
    await shell.clearLine()
    const limit = { requestsPerSecond: 0.25, burst: 1, retryAfter: true }
    expect((await shell.emulator('PUT', 'config', { rateLimit: limit })).ok).toBe(true)
    try {
      const before = shell.prompts()
      shell.type('1..3 | ForEach-Object { Get-VcsGroup | Out-Null }; "throttled-done"')
      shell.press('Enter')
      await shell.waitFor(
        'the wait shown',
        () => /waiting \d+ s: server rate limit — Ctrl\+C cancels/.test(shell.visible()),
        30_000,
      )
      await shell.waitFor(
        'the line to finish',
        () => shell.prompts() > before && /^throttled-done$/m.test(shell.screen()),
        60_000,
      )
    } finally {
      await shell.emulator('PUT', 'config', { rateLimit: null })
    }
    expect(shell.screen()).not.toMatch(/Too Many Requests|\b429\b.*rate/i)
  })

  it('leaves no stale prompt below the echo of exit', async () => {
    await shell.clearLine()
    shell.type('exit')
    shell.press('Enter')
    await shell.waitFor('the shell to end', () => shell.dead())
    const lines = shell.screen().split('\n')
    const echo = lines.indexOf('vcs demo-org> exit')
    expect(echo).toBeGreaterThan(0)
    // Ink's last frame stays on the terminal when it unmounts: it must not hold the prompt again.
    expect(lines.slice(echo + 1).filter((line) => line.startsWith('vcs demo-org>'))).toEqual([])
  })
})

describe.skipIf(!hasTmux)('help and leaving at 60 columns (tmux)', () => {
  // The shell is followed by a command of the pane's shell, so what comes after `exit` is visible.
  const shell = new TmuxShell({ width: 60, args: '--demo; echo after-exit' })
  beforeAll(() => shell.start())
  afterAll(() => shell.stop())

  it('wraps help text under its own indentation, never at the left edge', async () => {
    await shell.run('Get-Help Get-VcsUser')
    const screen = shell.screen().split('\n')
    const help = screen.slice(screen.lastIndexOf('vcs demo-org> Get-Help Get-VcsUser') + 1, -1)
    expect(help).toContain('DESCRIPTION')
    // capture-pane -J joins lines the terminal wrapped: any line wider than the pane was not wrapped
    // by help, and would continue at column 0.
    expect(help.filter((line) => line.length > 60)).toEqual([])
    // Headings at the left edge, everything else indented four spaces, continuations included.
    expect(
      help.filter((line) => line !== '' && !/^[A-Z][A-Z ]+$/.test(line) && !line.startsWith('    ')),
    ).toEqual([])
    expect(help.filter((line) => line.startsWith('    ')).length).toBeGreaterThan(10)
  })

  it('leaves nothing after the echo of exit, as pwsh does (no blank line)', async () => {
    await shell.clearLine()
    shell.type('exit')
    shell.press('Enter')
    await shell.waitFor('the shell to end', () => shell.dead())
    const lines = shell.screen().split('\n')
    const echo = lines.lastIndexOf('vcs demo-org> exit')
    expect(echo).toBeGreaterThan(0)
    expect(lines.slice(echo + 1).filter((line) => !/^Pane is dead/.test(line))).toEqual(['after-exit'])
  })
})
