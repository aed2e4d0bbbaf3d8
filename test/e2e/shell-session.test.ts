// End-to-end: what the shell does around the line being edited, in a real terminal (tmux): keys
// typed while a command runs, clearing the screen, and history recall and search as PSReadLine
// does them (HistoryNoDuplicates; bash's "failed" marker for a search that finds nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasTmux, TmuxShell } from '../shell/tmux.js'

if (!hasTmux && process.env.CI === 'true') throw new Error('tmux is required for the shell e2e tests in CI')

describe.skipIf(!hasTmux)(
  'the shell session in a real terminal (tmux; skipped when tmux is not installed)',
  () => {
    const shell = new TmuxShell()
    beforeAll(() => shell.start())
    afterAll(() => shell.stop())

    /** Runs `body` while every CSP request takes `ms`. */
    async function slow(ms: number, body: () => Promise<void>): Promise<void> {
      expect((await shell.emulator('PUT', 'config', { latencyMs: ms })).ok).toBe(true)
      try {
        await body()
      } finally {
        await shell.emulator('PUT', 'config', { latencyMs: 0 })
      }
    }

    it('keeps keys typed while a command runs and replays them at the next prompt', async () => {
      await shell.clearLine()
      await slow(3000, async () => {
        shell.type('Get-VcsGroup')
        shell.press('Enter')
        await shell.waitFor('the spinner', () => shell.screen().includes('Ctrl+C cancels'))
        shell.type('Get-VcsOrgx')
        shell.press('BSpace')
        shell.type('anizationRole')
        // Shown dimmed under the spinner while the line runs, so the person sees the keys were kept.
        await shell.waitFor('the typed-ahead preview', () =>
          shell.screen().includes('» Get-VcsOrganizationRole'),
        )
        await shell.waitFor('the next prompt', () => !shell.screen().includes('Ctrl+C cancels'), 30_000)
      })
      await shell.waitForLine('Get-VcsOrganizationRole')
      await shell.clearLine()
    })

    it('runs a line typed ahead with its Enter after the one before it', async () => {
      await shell.clearLine()
      await slow(1500, async () => {
        shell.type('Get-VcsGroup')
        shell.press('Enter')
        await shell.waitFor('the spinner', () => shell.screen().includes('Ctrl+C cancels'))
        shell.type("Write-Output 'typed-ahead'")
        shell.press('Enter')
        await shell.waitFor('the typed-ahead line ran', () => /^typed-ahead$/m.test(shell.screen()), 30_000)
      })
      const screen = shell.screen()
      expect(screen.indexOf("vcs demo-org> Write-Output 'typed-ahead'")).toBeGreaterThan(
        screen.lastIndexOf('vcs demo-org> Get-VcsGroup'),
      )
    })

    it('Ctrl+C still cancels at once, and drops what was typed ahead', async () => {
      await shell.clearLine()
      await slow(3000, async () => {
        shell.type('Get-VcsGroup')
        shell.press('Enter')
        await shell.waitFor('the spinner', () => shell.screen().includes('Ctrl+C cancels'))
        shell.type('abc')
        shell.press('C-c')
        await shell.waitFor(
          'the interruption notice',
          () => shell.screen().includes('Interrupted (Ctrl+C)'),
          2_500,
        )
      })
      await shell.waitForLine('')
    })

    it('Ctrl+L clears the screen and keeps the line being typed', async () => {
      await shell.clearLine()
      await shell.run("Write-Output 'before-clear'")
      shell.type('Get-VcsUs')
      shell.press('C-l')
      await shell.waitFor('a cleared screen', () => !shell.visible().includes('before-clear'))
      expect(shell.visible().split('\n')[0]).toBe('vcs demo-org> Get-VcsUs')
      shell.press('Tab')
      await shell.waitFor('completion still works', () => shell.visible().includes('Get-VcsUserInvitation'))
      await shell.clearLine()
    })

    it.each(['Clear-Host', 'cls', 'clear'])('%s clears the screen and the scroll-back', async (command) => {
      await shell.clearLine()
      await shell.run("Write-Output 'before-clear'")
      shell.type(command)
      shell.press('Enter')
      await shell.waitFor('a cleared screen and scroll-back', () => !shell.screen().includes('before-clear'))
      await shell.waitFor('the prompt at the top', () => shell.visible().split('\n')[0] === 'vcs demo-org>')
      expect(shell.visible()).not.toMatch(/not recognized|error/i)
    })

    it('Up recalls each command once (HistoryNoDuplicates), never the same line twice in a row', async () => {
      await shell.clearLine()
      for (const line of [
        "Write-Output 'h1'",
        "Write-Output 'h2'",
        "Write-Output 'h1'",
        "Write-Output 'h2'",
        "Write-Output 'h2'",
      ])
        await shell.run(line)
      shell.press('Up')
      await shell.waitForLine("Write-Output 'h2'")
      shell.press('Up')
      await shell.waitForLine("Write-Output 'h1'")
      shell.press('Up')
      await shell.waitFor('an older, different command', () => !/'h[12]'/.test(shell.lastLine()))
      shell.press('Down')
      await shell.waitForLine("Write-Output 'h1'")
      await shell.clearLine()
    })

    it('Ctrl+R finds each command once, says when it fails, and Ctrl+S searches forward', async () => {
      await shell.clearLine()
      shell.press('C-r')
      shell.type("'h")
      await shell.waitFor(
        'the newest match',
        () => shell.lastLine() === "(reverse-i-search)''h': Write-Output 'h2'",
      )
      shell.press('C-r')
      await shell.waitFor(
        'the older match',
        () => shell.lastLine() === "(reverse-i-search)''h': Write-Output 'h1'",
      )
      // There are older `'h` lines, but they are duplicates of the two shown: the search fails.
      shell.press('C-r')
      await shell.waitFor('the failing marker', () =>
        shell.lastLine().startsWith("(failed reverse-i-search)''h': Write-Output 'h1'"),
      )
      shell.press('C-s')
      await shell.waitFor('the forward match', () => shell.lastLine() === "(i-search)''h': Write-Output 'h2'")
      shell.type('zz')
      await shell.waitFor('a failing query', () => shell.lastLine().startsWith("(failed i-search)''hzz':"))
      shell.press('C-g')
      await shell.waitForLine('')
    })

    it('leaves a history file without consecutive duplicates', async () => {
      await shell.clearLine()
      shell.type('exit')
      shell.press('Enter')
      await shell.waitFor('the shell to end', () => shell.dead())
      const { readFileSync } = await import('node:fs')
      const lines = readFileSync(shell.historyFile, 'utf8').trimEnd().split('\n')
      expect(lines.filter((line, i) => line === lines[i - 1])).toEqual([])
    })
  },
)

// `vcs --demo` draws its first prompt, then starts the emulator (src/cli/demo.ts): a line typed at
// that first prompt waits for the emulator and its connection, then runs against it.
describe.skipIf(!hasTmux)('vcs --demo: a line typed at the very first prompt (tmux)', () => {
  const shell = new TmuxShell()
  beforeAll(() => shell.start('vcs '))
  afterAll(() => shell.stop())

  it('runs once the demo is connected, with no error', async () => {
    shell.type('Get-VcsUser -Email ava.thompson@demo.example | Format-Table Id, Email')
    shell.press('Enter')
    const row = /^(?!vcs ).*ava\.thompson@demo\.example/m
    await shell.waitFor('the row', () => row.test(shell.screen()), 30_000)
    await shell.waitFor('the connected prompt', () => shell.lastLine().startsWith('vcs demo-org>'))
    expect(shell.screen()).not.toMatch(/not connected to a CSP|Error/i)
  })
})

describe.skipIf(!hasTmux)('a newcomer starting vcs without --demo (tmux)', () => {
  const shell = new TmuxShell({ args: '', env: `HOME=${process.env.HOME}/.nonexistent-vcs-e2e` })
  beforeAll(() => shell.start('vcs (not connected)>'))
  afterAll(() => shell.stop())

  it('sees a hint of what to type above the first prompt', () => {
    const screen = shell.screen()
    expect(screen).toMatch(/Not connected\. Type Connect-Vcs to sign in/)
    expect(screen).toContain('vcs --demo')
    expect(screen.indexOf('Not connected.')).toBeLessThan(screen.indexOf('vcs (not connected)>'))
  })
})

// dist/cli.cjs sends `vcs` and `vcs --demo` straight to the full app; any other command line goes to
// the one-shot app first, which hands a shell over once it has parsed the line (src/cli/app.ts).
describe.skipIf(!hasTmux)(
  'vcs --no-color on a terminal: the one-shot app hands the shell over (tmux)',
  () => {
    const shell = new TmuxShell({ args: '--no-color', env: `HOME=${process.env.HOME}/.nonexistent-vcs-e2e` })
    beforeAll(() => shell.start('vcs (not connected)>'))
    afterAll(() => shell.stop())

    it('opens the shell once, which runs a line', async () => {
      await shell.run('1 + 1', 'vcs (not connected)> ')
      const screen = shell.screen()
      expect(screen.match(/Not connected\. Type Connect-Vcs/g)).toHaveLength(1)
      expect(screen.split('\n')).toContain('2')
    })
  },
)
