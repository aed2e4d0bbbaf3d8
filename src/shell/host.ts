// The engine's Host for the interactive shell: turns errors, warnings, progress and prompts into
// intents the Ink app draws. It holds no business logic, only a queue until the UI is attached.
import type { ConfirmChoice, ConfirmRequest, ErrorRecord, Host, ProgressRecord } from '../engine/index.js'
import { redact } from '../engine/index.js'

/** Something printed into the scroll-back. */
export type ScrollEntry =
  | { kind: 'echo'; prompt: string; text: string }
  | { kind: 'text'; lines: string[]; tone?: 'warning' | 'verbose' | 'whatIf' | 'muted' | 'hint' | 'error' }
  | { kind: 'output'; lines: string[] }
  | { kind: 'error'; record: ErrorRecord }

/** What the UI offers the host. */
export interface ShellUi {
  print(entry: ScrollEntry): void
  progress(record: ProgressRecord): void
  confirm(request: ConfirmRequest): Promise<ConfirmChoice>
  prompt(request: { message: string; hidden: boolean }): Promise<string>
  /** Clear-Host: clears the screen and the scroll-back; the input line is drawn again at the top. */
  clear(): void
  /** The running command waits for the server until `until` (epoch ms). */
  wait?(wait: { reason: string; until: number }): void
}

/** The interactive host: every call is forwarded to the attached UI. */
export class ShellHost implements Host {
  readonly name = 'ShellHost'
  readonly interactive = true
  private ui: ShellUi | undefined
  private readonly pending: ScrollEntry[] = []

  constructor(private readonly columns: () => number = () => process.stdout.columns || 80) {}

  get width(): number {
    return this.columns()
  }

  /** Connects the UI; entries printed before it mounted are flushed in order. */
  attach(ui: ShellUi | undefined): void {
    this.ui = ui
    if (ui) for (const entry of this.pending.splice(0)) ui.print(entry)
  }

  print(entry: ScrollEntry): void {
    if (this.ui) this.ui.print(entry)
    else this.pending.push(entry)
  }

  writeError(record: ErrorRecord): void {
    this.print({ kind: 'error', record })
  }
  writeWarning(message: string): void {
    this.print({ kind: 'text', lines: [`WARNING: ${redact(message)}`], tone: 'warning' })
  }
  writeVerbose(message: string): void {
    this.print({ kind: 'text', lines: [`VERBOSE: ${redact(message)}`], tone: 'verbose' })
  }
  writeDebug(message: string): void {
    this.print({ kind: 'text', lines: [`DEBUG: ${redact(message)}`], tone: 'verbose' })
  }
  writeInformation(message: string): void {
    this.print({ kind: 'text', lines: redact(message).split('\n') })
  }
  writeWhatIf(message: string): void {
    this.print({ kind: 'text', lines: [redact(message)], tone: 'whatIf' })
  }
  writeProgress(progress: ProgressRecord): void {
    this.ui?.progress(progress)
  }
  confirm(request: ConfirmRequest): Promise<ConfirmChoice> {
    if (!this.ui) return Promise.resolve('no')
    return this.ui.confirm(request)
  }
  readSecret(prompt: string): Promise<string> {
    if (!this.ui) return Promise.reject(new Error('The shell is not ready for input.'))
    return this.ui.prompt({ message: prompt, hidden: true })
  }
  clearScreen(): void {
    this.ui?.clear()
  }
  writeWait(wait: { reason: string; until: number }): void {
    this.ui?.wait?.(wait)
  }
  readLine(prompt: string): Promise<string> {
    if (!this.ui) return Promise.reject(new Error('The shell is not ready for input.'))
    return this.ui.prompt({ message: prompt, hidden: false })
  }
}
