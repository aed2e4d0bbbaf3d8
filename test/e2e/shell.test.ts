// End-to-end: the interactive shell in a real terminal. tmux runs `vcs --demo`, we type as a user
// would (text with send-keys -l, Enter and Tab as keys) and read the screen with capture-pane.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const hasTmux = spawnSync('tmux', ['-V']).status === 0
if (!hasTmux && process.env.CI === 'true') throw new Error('tmux is required for the shell e2e tests in CI')

const session = `vcs-shell-e2e-${process.pid}-${Date.now()}`
const dir = mkdtempSync(join(tmpdir(), 'vcs-shell-e2e-'))
const historyFile = join(dir, 'history')
const exitFile = join(dir, 'exit-code')

// A private tmux server (-L), so the test never touches a user's sessions or another test's.
const socketName = `vcs-e2e-${process.pid}`
function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socketName, ...args], { encoding: 'utf8' })
}
/** The visible screen plus scroll-back, trailing blank lines dropped. */
function screen(): string {
  return tmux('capture-pane', '-p', '-J', '-t', session, '-S', '-500').trimEnd()
}
/** The last non-empty line on screen (where the prompt is). */
function lastLine(): string {
  return (
    screen()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .at(-1) ?? ''
  )
}
async function waitFor(what: string, test: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Screen:\n${screen()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
const type = (text: string) => tmux('send-keys', '-t', session, '-l', text)
const press = (...keys: string[]) => tmux('send-keys', '-t', session, ...keys)
/** Ctrl+U, then wait for an empty prompt: each test starts on a clean line even if the one before failed. */
async function clearLine(): Promise<void> {
  press('C-u')
  await waitFor('a cleared line', () => lastLine().trim() === 'vcs demo-org>')
}
/** Counts the prompts drawn so far, to wait for the next one after a command. */
const prompts = () =>
  screen()
    .split('\n')
    .filter((line) => line.startsWith('vcs demo-org>')).length

// Without tmux (and outside CI) the suite is skipped; its title says why.
describe.skipIf(!hasTmux)('vcs --demo in a real terminal (tmux; skipped when tmux is not installed)', () => {
  beforeAll(async () => {
    if (!existsSync(join(root, 'dist', 'cli.cjs'))) execFileSync('node', ['scripts/build.mjs'], { cwd: root })
    const command = process.env.VCS_E2E_COMMAND ?? `node ${join(root, 'dist', 'cli.cjs')} --demo`
    const env = `VCS_HISTORY_FILE=${historyFile} VCS_CREDENTIAL_STORE=memory NO_COLOR=1`
    // The shell's exit code is written to a file: tmux does not always record a dead pane's status.
    tmux(
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      '120',
      '-y',
      '40',
      `cd ${root} && env ${env} ${command}; echo $? > ${exitFile}`,
    )
    tmux('set-option', '-t', session, 'remain-on-exit', 'on')
    await waitFor('the first prompt', () => lastLine().startsWith('vcs demo-org>'), 30_000)
  })
  afterAll(() => {
    if (hasTmux) spawnSync('tmux', ['-L', socketName, 'kill-server'])
  })

  it('runs a pipeline and prints a table', async () => {
    const before = prompts()
    type("Get-VcsUser -Name 'A*' | Select-Object -First 3")
    press('Enter')
    await waitFor('the next prompt', () => prompts() > before && lastLine().startsWith('vcs demo-org>'))
    await waitFor('the table', () => /@/.test(screen().split('Select-Object -First 3').at(-1)!))
    const output = screen().split('Select-Object -First 3').at(-1)!
    expect(output).toMatch(/Email/)
    expect(output).toMatch(/@/)
    expect(output).not.toMatch(/error|not connected/i)
  })

  it('completes a cmdlet name with Tab typed ahead (one read) and lists several candidates', async () => {
    // Text and Tab in one write, as when keys arrive while the shell is busy: Tab must still complete.
    type('Get-VcsU\t')
    await waitFor('the completed name and the list', () => /Get-VcsUserInvitation/.test(screen()))
    expect(screen()).toMatch(/vcs demo-org> Get-VcsUser\s*$/m)
    // Any key other than Tab closes the list; Ctrl+U then clears the line.
    press('C-u')
    await waitFor('a cleared line', () => lastLine().trim() === 'vcs demo-org>')
  })

  it('cycles through the completion list with Tab and leaves no stale prompt or list on screen', async () => {
    await clearLine()
    const before = screen().split('\n').length
    type('Get-VcsUs')
    press('Tab')
    await waitFor('the list', () => /Get-VcsUserInvitation/.test(screen()))
    press('Tab')
    await new Promise((resolve) => setTimeout(resolve, 300))
    press('Tab')
    await waitFor('Get-VcsUserInvitation selected', () =>
      screen().includes('vcs demo-org> Get-VcsUserInvitation'),
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    const drawn = screen()
      .split('\n')
      .slice(before - 1)
    expect(
      drawn.filter((line) => line.startsWith('vcs demo-org> Get-VcsUs')),
      drawn.join('\n'),
    ).toHaveLength(1)
    expect(
      drawn.filter((line) => /^Get-VcsUser\s+Get-VcsUserInvitation/.test(line)),
      drawn.join('\n'),
    ).toHaveLength(1)
    await clearLine()
  })

  it('completes live values from the org (organization roles), cached for the session', async () => {
    await clearLine()
    type('Get-VcsUser -OrganizationRole org_')
    press('Tab')
    await waitFor('the role names of the demo org', () => {
      const below = screen().split('-OrganizationRole org_').at(-1)!
      return below.includes('org_admin') && below.includes('org_member')
    })
    press('C-u')
    await waitFor('a cleared line', () => lastLine().trim() === 'vcs demo-org>')
  })

  it('recalls the previous line with Up', async () => {
    await clearLine()
    press('Up')
    await waitFor('the recalled line', () =>
      lastLine().includes("Get-VcsUser -Name 'A*' | Select-Object -First 3"),
    )
    press('C-u')
    await waitFor('a cleared line', () => lastLine().trim() === 'vcs demo-org>')
  })

  it('shows the rows of the first page while later pages are still pending, and keeps them on Ctrl+C', async () => {
    const url = /emulator at (https?:\/\/[\w.:[\]-]+)/.exec(screen())?.[1]
    expect(url, 'the banner names the emulator URL').toBeDefined()
    const control = (method: string, path: string, body: object) =>
      fetch(`${url}/emulator/api/${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    // 634 users are four pages of 200; every request then takes 4 s, so pages 2-4 arrive long after page 1.
    expect((await control('POST', 'seed', { seed: 'demo', users: 600 })).ok).toBe(true)
    expect((await control('PUT', 'config', { latencyMs: 4000 })).ok).toBe(true)
    try {
      await clearLine()
      type('Get-VcsUser')
      press('Enter')
      const output = () => screen().split('vcs demo-org> Get-VcsUser').at(-1)!
      await waitFor('the first rows', () => /^Name +Email/m.test(output()))
      expect(output(), 'the pipeline is still running').toContain('Ctrl+C cancels')
      const rows = output()
        .split('\n')
        .filter((line) => /@/.test(line))
      expect(rows.length).toBeGreaterThan(0)
      press('C-c')
      await waitFor('the interruption notice', () => screen().includes('Interrupted (Ctrl+C)'), 10_000)
      await waitFor('the prompt again', () => lastLine().startsWith('vcs demo-org>'))
      const cancelledAfter = Number(/cancelled after (\d+) record/.exec(screen())?.[1])
      expect(cancelledAfter, 'stopped before the last pages came').toBeLessThan(634)
      expect(output(), 'the rows printed stay').toContain(rows[0])
    } finally {
      await control('PUT', 'config', { latencyMs: 0 })
      await control('POST', 'seed', { seed: 'demo' })
    }
  })

  it('cancels a slow pipeline with Ctrl+C and stays in the shell', async () => {
    const url = /emulator at (https?:\/\/[\w.:[\]-]+)/.exec(screen())?.[1]
    expect(url, 'the banner names the emulator URL').toBeDefined()
    const config = (latencyMs: number) =>
      fetch(`${url}/emulator/api/config`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ latencyMs }),
      })
    expect((await config(3000)).ok).toBe(true)
    try {
      type('Get-VcsGroup')
      press('Enter')
      await waitFor('the spinner', () => screen().includes('Ctrl+C cancels'))
      press('C-c')
      await waitFor('the interruption notice', () => screen().includes('Interrupted (Ctrl+C)'), 10_000)
      await waitFor('the prompt again', () => lastLine().startsWith('vcs demo-org>'))
    } finally {
      await config(0)
    }
  })

  it('leaves with exit, having written the history file (0600)', async () => {
    type('exit')
    press('Enter')
    await waitFor('the process to end', () => existsSync(exitFile) && readFileSync(exitFile, 'utf8') !== '')
    expect(readFileSync(exitFile, 'utf8').trim()).toBe('0')
    const history = readFileSync(historyFile, 'utf8')
    expect(history).toContain("Get-VcsUser -Name 'A*' | Select-Object -First 3")
    expect(statSync(historyFile).mode & 0o777).toBe(0o600)
  })
})
