// End-to-end: PSReadLine's editing keys in the shell, in a real terminal (tmux), typed as a person
// types them. The reference for every key is about_PSReadLine_Functions (its Windows and Emacs
// modes' common ground) and PSReadLine's source (Words.cs, KillYank.cs, Options.cs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasTmux, TmuxShell } from '../shell/tmux.js'

if (!hasTmux && process.env.CI === 'true') throw new Error('tmux is required for the shell e2e tests in CI')

describe.skipIf(!hasTmux)(
  'editing keys in a real terminal (tmux; skipped when tmux is not installed)',
  () => {
    const shell = new TmuxShell()
    beforeAll(() => shell.start())
    afterAll(() => shell.stop())

    it('Delete deletes forward, Backspace backward', async () => {
      await shell.clearLine()
      shell.type('abcdef')
      shell.press('Left', 'Left', 'DC')
      await shell.waitForLine('abcdf')
      shell.press('BSpace')
      await shell.waitForLine('abcf')
    })

    it('moves and deletes whole emoji and accented letters, and places the cursor after wide characters', async () => {
      await shell.clearLine()
      // A ZWJ family (one cluster of five code points), e + combining acute, a CJK character (two cells).
      shell.type("'a👨‍👩‍👧é漢b'")
      shell.press('Left', 'Left', 'Left')
      shell.type('X')
      await shell.waitForLine("'a👨‍👩‍👧éX漢b'")
      shell.press('Left', 'BSpace')
      await shell.waitForLine("'a👨‍👩‍👧X漢b'")
      shell.press('BSpace')
      await shell.waitForLine("'aX漢b'")
      // What was edited is saved whole: no half characters in the output or the history file.
      shell.press('Enter')
      await shell.waitFor('the echo of the string', () => shell.screen().split('\n').includes('aX漢b'))
      expect(shell.screen()).not.toContain('\ufffd')
    })

    it('Home and End go to the start and end of the line, then of the whole input', async () => {
      await shell.clearLine()
      shell.type('if ($true) {')
      shell.press('Enter')
      shell.type('  1')
      await shell.waitFor('the continuation line', () => shell.lastLine() === '>>   1')
      shell.press('Home')
      shell.type('A')
      await shell.waitFor('A at the start of the second line', () => shell.lastLine() === '>> A  1')
      shell.press('Home', 'Home')
      shell.type('B')
      await shell.waitFor('B at the start of the input', () =>
        shell.screen().includes('vcs demo-org> Bif ($true) {'),
      )
      shell.press('End', 'End')
      shell.type('C')
      await shell.waitFor('C at the end of the input', () => shell.lastLine() === '>> A  1C')
      await shell.clearLine()
    })

    it('Up and Down move between the lines of a multi-line command before recalling history', async () => {
      await shell.clearLine()
      shell.type('if ($true) {')
      shell.press('Enter')
      shell.type('  22')
      shell.press('Enter')
      shell.type('}')
      shell.press('Up')
      shell.type('X')
      // The column is kept: the cursor was after `}` (column 1), so X lands after one space.
      await shell.waitFor('X typed on the middle line', () => shell.screen().includes('>>  X 22'))
      shell.press('Up')
      shell.type('Y')
      await shell.waitFor('Y typed on the first line', () =>
        shell.screen().includes('vcs demo-org> ifY ($true) {'),
      )
      shell.press('Down', 'Down')
      shell.type('Z')
      await shell.waitFor('Z typed on the last line', () => shell.lastLine() === '>> }Z')
      await shell.clearLine()
    })

    it('word motion and word kills follow PowerShell word delimiters (Ctrl+Left, Alt+D, Ctrl+Delete, Ctrl+Backspace)', async () => {
      await shell.clearLine()
      shell.type('Get-VcsUser -Name Ann')
      shell.press('C-Left', 'C-Left')
      shell.type('X')
      // `-` is a word delimiter: the second Ctrl+Left stops at `Name`, not at `-Name`.
      await shell.waitForLine('Get-VcsUser -XName Ann')
      await shell.clearLine()
      shell.type('Get-VcsUser -Name Ann')
      shell.press('Home', 'M-d')
      await shell.waitForLine('-VcsUser -Name Ann')
      shell.press('C-DC')
      await shell.waitForLine(' -Name Ann')
      shell.press('End')
      // Most terminals send ^H for Ctrl+Backspace (Backspace itself sends DEL); tmux has no key name for it.
      shell.sendBytes('08')
      await shell.waitForLine(' -Name ')
      shell.sendBytes('08')
      await shell.waitForLine(' -')
    })

    it('consecutive kills accumulate in the kill ring, and Ctrl+Y yanks them back whole', async () => {
      await shell.clearLine()
      shell.type('Write-Output one two three')
      shell.press('C-w', 'C-w')
      await shell.waitForLine('Write-Output one ')
      shell.press('C-y')
      await shell.waitForLine('Write-Output one two three')
      // A move between two kills starts a new entry; Alt+Y then cycles to the older one.
      shell.press('C-w', 'Left', 'C-w', 'C-y')
      await shell.waitForLine('Write-Output one two ')
      shell.press('M-y')
      await shell.waitForLine('Write-Output one three ')
    })

    it('undoes edits with Ctrl+_ and Ctrl+Z', async () => {
      await shell.clearLine()
      shell.type('Get-VcsGroup')
      shell.press('C-w')
      await shell.waitForLine('')
      shell.press('C-_')
      await shell.waitForLine('Get-VcsGroup')
      shell.press('BSpace', 'BSpace')
      await shell.waitForLine('Get-VcsGro')
      shell.press('C-z', 'C-z')
      await shell.waitForLine('Get-VcsGroup')
    })

    it('Alt+. inserts the last argument of the previous command, and again the one before', async () => {
      await shell.clearLine()
      await shell.run("Write-Output 'first-arg'")
      await shell.run("Write-Output 'second-arg'")
      shell.type('Write-Output ')
      shell.press('M-.')
      await shell.waitForLine("Write-Output 'second-arg'")
      shell.press('M-.')
      await shell.waitForLine("Write-Output 'first-arg'")
      await shell.clearLine()
    })
  },
)
