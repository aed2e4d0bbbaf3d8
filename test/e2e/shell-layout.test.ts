// End-to-end: how output is laid out in a real terminal (tmux, 80 columns): the shell never breaks
// a line itself, so the terminal wraps a long one and joins it again when the window grows (copied
// ids and JSON stay whole), and a resize leaves no stale prompt or spinner behind; Format-Table
// -Wrap continues a long value on the next lines of its column instead of cutting it, and -AutoSize
// sizes a column to its content.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasTmux, TmuxShell } from '../shell/tmux.js'

if (!hasTmux && process.env.CI === 'true') throw new Error('tmux is required for the shell e2e tests in CI')

describe.skipIf(!hasTmux)('layout of output at 80 columns (tmux)', () => {
  const shell = new TmuxShell({ width: 80, height: 40 })
  beforeAll(() => shell.start())
  afterAll(() => shell.stop())

  /** The screen as the terminal shows it: wrapped lines are separate rows (no -J). */
  const rows = () => shell.tmux('capture-pane', '-p', '-t', 'shell', '-S', '-2000').trimEnd().split('\n')

  it('Format-Table -Wrap continues a long value on the next lines of its column; without it, cuts it', async () => {
    const columns = 'Get-VcsUser -Email ava.thompson@demo.example | Format-Table Id, Email, OrganizationRoles'
    await shell.run(columns)
    const cut = rows()
    const cutRow = cut.findLast((row) => row.startsWith('vmware.com:'))!
    expect(cutRow).toMatch(/…$/)
    expect(cutRow.length).toBeLessThanOrEqual(80)
    await shell.run(`${columns} -Wrap`)
    const wrapped = rows()
    const first = wrapped.findLastIndex((row) => row.startsWith('vmware.com:'))
    const column = cutRow.lastIndexOf(' ') + 1
    // The value continues under its column on the rows below, and reads whole again.
    const pieces = [wrapped[first], ...wrapped.slice(first + 1).filter((row) => row.startsWith(' '))]
      .map((row) => row.slice(column).trim())
      .filter((piece) => piece !== '' && !piece.startsWith('vcs '))
    expect(pieces.join('')).toBe('{org_owner}')
    expect(pieces.length).toBeGreaterThan(1)
    expect(wrapped.slice(first).every((row) => row.length <= 80)).toBe(true)
  })

  it('Format-Table -AutoSize sizes a column to its content, also one a view gives a fixed width', async () => {
    // A hashtable's Name column is 30 cells wide (PowerShell's DictionaryEntry view) unless -AutoSize.
    await shell.run("@{ bee = 'two' } | Format-Table")
    expect(rows()).toContain('bee                            two')
    await shell.run("@{ bee = 'two' } | Format-Table -AutoSize")
    expect(rows().slice(-4, -1)).toEqual(['Name Value', '---- -----', 'bee  two'])
  })

  // Last: the tests before it format for the width the shell was started with.
  it('leaves long lines to the terminal, which wraps them and joins them again when the window widens', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `w${i + 1}`).join('-')
    await shell.run(`(1..40 | ForEach-Object { "w$_" }) -join '-'`)
    // Wrapped by the terminal, not by the shell: tmux joins a wrapped line back (-J) into one.
    expect(shell.screen().split('\n')).toContain(long)
    expect(rows()).not.toContain(long)
    expect(rows().some((row) => long.startsWith(row) && row.length === 80)).toBe(true)
    const prompts = shell.prompts()
    shell.tmux('resize-window', '-t', 'shell', '-x', '200')
    await shell.waitFor('the line reflowed on one row', () => rows().includes(long))
    // No second prompt or spinner drawn by the resize stays in the scroll-back.
    shell.tmux('resize-window', '-t', 'shell', '-x', '80')
    await shell.waitFor('the narrow window again', () => !rows().includes(long))
    expect(shell.prompts()).toBe(prompts)
    expect(shell.screen()).not.toContain('Ctrl+C cancels')
    await shell.run("'after-resize'")
    expect(shell.screen()).toMatch(/^after-resize$/m)
  })
})
