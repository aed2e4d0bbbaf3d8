// A real terminal for the shell's end-to-end tests: a private tmux server runs `vcs --demo`; tests
// type as a person does (text with send-keys -l, keys by name) and read the screen back.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const root = join(import.meta.dirname, '..', '..')
export const hasTmux = spawnSync('tmux', ['-V']).status === 0

/** One shell in one tmux pane. */
export class TmuxShell {
  readonly dir = mkdtempSync(join(tmpdir(), 'vcs-shell-e2e-'))
  readonly historyFile = join(this.dir, 'history')
  private readonly socket = `vcs-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
  private readonly session = 'shell'

  constructor(
    private readonly options: { width?: number; height?: number; args?: string; env?: string } = {},
  ) {}

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' })
  }

  /** Starts the shell and waits for its first prompt. */
  async start(prompt = 'vcs demo-org>'): Promise<void> {
    if (!existsSync(join(root, 'dist', 'cli.cjs'))) execFileSync('node', ['scripts/build.mjs'], { cwd: root })
    const command = `node ${join(root, 'dist', 'cli.cjs')} ${this.options.args ?? '--demo'}`
    const env = `-u VCS_SERVER -u VCS_API_TOKEN -u VCS_API_TOKEN_FILE VCS_HISTORY_FILE=${this.historyFile} VCS_CREDENTIAL_STORE=memory NO_COLOR=1 ${this.options.env ?? ''}`
    const size = ['-x', String(this.options.width ?? 120), '-y', String(this.options.height ?? 40)]
    this.tmux('new-session', '-d', '-s', this.session, ...size, `cd ${root} && env ${env} ${command}`)
    this.tmux('set-option', '-t', this.session, 'remain-on-exit', 'on')
    await this.waitFor('the first prompt', () => this.lastLine().startsWith(prompt), 30_000)
  }

  stop(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'])
  }

  /** The visible screen plus scroll-back, trailing blank lines dropped. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-t', this.session, '-S', '-2000').trimEnd()
  }

  /** Only what is on screen now (no scroll-back). */
  visible(): string {
    return this.tmux('capture-pane', '-p', '-t', this.session).trimEnd()
  }

  /** The scroll-back lines above the screen. */
  historySize(): number {
    return Number(this.tmux('display-message', '-p', '-t', this.session, '#{history_size}').trim())
  }

  /** True once the program in the pane has exited (the pane stays, remain-on-exit). */
  dead(): boolean {
    return this.tmux('display-message', '-p', '-t', this.session, '#{pane_dead}').trim() === '1'
  }

  /** The last non-empty line on screen (where the prompt is). */
  lastLine(): string {
    return (
      this.screen()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .at(-1) ?? ''
    )
  }

  async waitFor(what: string, test: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Screen:\n${this.screen()}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  /** Waits until the line being edited (after the prompt) reads `text`. */
  async waitForLine(text: string, prompt = 'vcs demo-org> '): Promise<void> {
    await this.waitFor(
      `the line ${JSON.stringify(text)}`,
      () => this.lastLine() === `${prompt}${text}`.trimEnd(),
    )
  }

  /** Types text as keystrokes, one character at a time. */
  type(text: string): void {
    this.tmux('send-keys', '-t', this.session, '-l', text)
  }

  /** Presses keys by tmux name (Enter, Left, C-r, M-d, DC...). */
  press(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.session, ...keys)
  }

  /** Sends bytes a terminal sends for keys tmux has no name for (Ctrl+Backspace is ^H, 08). */
  sendBytes(...hex: string[]): void {
    this.tmux('send-keys', '-t', this.session, '-H', ...hex)
  }

  /** The number of prompts drawn so far, to wait for the next one after a command. */
  prompts(prompt = 'vcs demo-org>'): number {
    return this.screen()
      .split('\n')
      .filter((line) => line.startsWith(prompt)).length
  }

  /**
   * Runs a line and waits for the empty prompt after it. A prompt alone proves nothing: until the
   * shell has read the typed keys the old empty prompt is still the last line, and right after the
   * echo Ink draws its previous frame again (the prompt holding the line) before the spinner
   * replaces it. So: wait for the line on screen, press Enter, wait for an empty prompt below it.
   */
  async run(line: string, prompt = 'vcs demo-org> '): Promise<void> {
    this.type(line)
    // The live area wraps a long line at the pane's width (dropping the space it breaks at): compare
    // what follows the last prompt without white space.
    const bare = (text: string) => text.replace(/\s+/g, '')
    await this.waitFor(`${line} to be typed`, () => {
      const screen = this.screen()
      return bare(screen.slice(screen.lastIndexOf(prompt.trimEnd()))).endsWith(bare(line))
    })
    this.press('Enter')
    await this.waitFor(`${line} to finish`, () => this.lastLine() === prompt.trimEnd())
  }

  /** Ctrl+U, then wait for an empty prompt. */
  async clearLine(): Promise<void> {
    this.press('End', 'End', 'C-u')
    await this.waitForLine('')
  }

  /** The emulator's control API, from the URL in the demo banner. */
  async emulator(method: string, path: string, body: object): Promise<Response> {
    const url = /emulator at (https?:\/\/[\w.:[\]-]+)/.exec(this.screen())?.[1]
    if (!url) throw new Error('the banner names no emulator URL')
    return fetch(`${url}/emulator/api/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  }
}
