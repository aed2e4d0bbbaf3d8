// End-to-end: tables and text in the interactive shell on an 80-column terminal (tmux runs
// `vcs --demo`; we type and read the screen back): identifying columns stay whole, CJK names keep
// columns aligned, and control characters in data are shown escaped instead of being obeyed.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const hasTmux = spawnSync('tmux', ['-V']).status === 0
if (!hasTmux && process.env.CI === 'true') throw new Error('tmux is required for the shell e2e tests in CI')

const session = `vcs-tables-e2e-${process.pid}-${Date.now()}`
const dir = mkdtempSync(join(tmpdir(), 'vcs-tables-e2e-'))
// A private tmux server (-L), so the test never touches a user's sessions or another test's.
const socketName = `vcs-tables-e2e-${process.pid}`
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socketName, ...args], { encoding: 'utf8' })
/** The visible screen plus scroll-back, lines as the terminal shows them (not joined). */
const screen = () => tmux('capture-pane', '-p', '-t', session, '-S', '-500').trimEnd()
const prompts = () =>
  screen()
    .split('\n')
    .filter((line) => line.startsWith('vcs demo-org>')).length

async function waitFor(what: string, test: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Screen:\n${screen()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Types a line as a person would, presses Enter, and returns what it printed. */
async function run(line: string): Promise<string[]> {
  const before = prompts()
  tmux('send-keys', '-t', session, '-l', line)
  tmux('send-keys', '-t', session, 'Enter')
  // Done when a fresh, empty prompt is the last line: the echoed line also starts with the prompt, and
  // for a moment after Enter the old prompt (still holding the line) is on screen beside it.
  // The screen must also stay the same for a moment: right after Enter, before the command's
  // spinner is drawn, an empty prompt can show for a frame.
  const settled = () => prompts() > before && screen().split('\n').at(-1)?.trimEnd() === 'vcs demo-org>'
  for (;;) {
    await waitFor('the next prompt', settled)
    const seen = screen()
    await new Promise((resolve) => setTimeout(resolve, 400))
    if (screen() === seen && settled()) break
  }
  const lines = screen().split('\n')
  const prompt = lines.findLastIndex((l) => l.startsWith('vcs demo-org>') && l.includes(line.slice(0, 20)))
  // The typed line may wrap on the terminal: the output starts after the line where it ends.
  const end = lines.findIndex((l, i) => i >= prompt && l.endsWith(line.slice(-10)))
  return lines.slice(end + 1).filter((l) => !l.startsWith('vcs demo-org>'))
}

describe.skipIf(!hasTmux)(
  'tables and text on an 80-column terminal (tmux; skipped when tmux is not installed)',
  () => {
    beforeAll(async () => {
      if (!existsSync(join(root, 'dist', 'cli.cjs')))
        execFileSync('node', ['scripts/build.mjs'], { cwd: root })
      const env = `VCS_HISTORY_FILE=${join(dir, 'history')} VCS_CREDENTIAL_STORE=memory NO_COLOR=1`
      const command = `node ${join(root, 'dist', 'cli.cjs')} --demo`
      tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '50', `cd ${root} && env ${env} ${command}`)
      await waitFor('the first prompt', () => prompts() > 0, 30_000)
    })
    afterAll(() => {
      if (hasTmux) spawnSync('tmux', ['-L', socketName, 'kill-server'])
    })

    it('keeps Email and Id whole and leaves out less important columns', async () => {
      const lines = await run('Get-VcsUserInvitation | Select-Object -First 3')
      expect(lines[0]).toMatch(/^Email +Status +Id$/)
      const rows = lines.slice(2, 5)
      expect(rows).toHaveLength(3)
      for (const row of rows) {
        expect(row).toMatch(
          /^\S+@\S+\.example +\w+ +[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
        )
        expect(row.length).toBeLessThanOrEqual(80)
      }
    })

    it('keeps columns aligned by terminal cells with CJK names', async () => {
      const lines = await run(
        "[pscustomobject]@{ Name = '山田太郎'; Id = 1 }, [pscustomobject]@{ Name = 'Ann'; Id = 22 }",
      )
      expect(lines.slice(0, 4)).toEqual(['Name     Id', '----     --', '山田太郎  1', 'Ann      22'])
    })

    it('shows control characters in data escaped: the screen is not cleared, the title not set', async () => {
      const marker = (await run("'still here'"))[0]
      expect(marker).toBe('still here')
      expect(await run('"a`e[2Jb`e]0;pwned`a"')).toEqual(['a`e[2Jb`e]0;pwned`a'])
      const lines = await run('[pscustomobject]@{ Name = "x`e[31my"; N = 1 }')
      expect(lines.slice(0, 3)).toEqual(['Name     N', '----     -', 'x`e[31my 1'])
      expect(screen()).toContain('still here')
      expect(tmux('display-message', '-p', '-t', session, '#{pane_title}')).not.toContain('pwned')
    })
  },
)
