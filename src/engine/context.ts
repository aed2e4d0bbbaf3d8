// The session (variables, preferences, $Error, host, extension slots such as the connection) and the
// per-invocation context a cmdlet sees. The session travels in AsyncLocalStorage so that deep code
// (the HTTP client) finds its connection without threading it through every call.
import type { CommandRegistry } from './registry.js'
import { AsyncLocalStorage } from 'node:async_hooks'
import { InterruptedError, toVcsError, UsageError, type VcsError } from './errors.js'
import type { ActionPreference, AnyCmdlet as Cmdlet, ConfirmImpact, ScriptBlockLike } from './types.js'
import { redact } from './redact.js'

/** One error as PowerShell keeps it in $Error: the error, whether it stopped the pipeline, and where. */
export class ErrorRecord {
  constructor(
    readonly error: VcsError,
    readonly terminating: boolean,
    readonly command?: string,
    readonly target?: unknown,
  ) {}
  get Message(): string {
    return this.error.message
  }
  get Code(): string {
    return this.error.code
  }
  get Category(): string {
    return this.error.category
  }
  get Hint(): string | undefined {
    return this.error.hint
  }
  get TargetObject(): unknown {
    return this.target
  }
  toString(): string {
    return this.error.message
  }
}

export type ConfirmChoice = 'yes' | 'yesToAll' | 'no' | 'noToAll'

export interface ConfirmRequest {
  caption: string
  message: string
  action: string
  target: string
  /** What would be sent, for hosts that show it. */
  detail?: unknown
}

/** A progress update, with rate and ETA computed by the engine. */
export interface ProgressRecord {
  id: number
  activity: string
  status?: string
  completed: number
  total?: number
  failed?: number
  /** Records per second since the activity started. */
  rate?: number
  /** Seconds left at the current rate, when the total is known. */
  etaSeconds?: number
  done?: boolean
}

/** What the engine asks of whoever runs it: the shell draws, scripts print to stderr or stay quiet. */
export interface Host {
  readonly name: string
  /** True when a person can answer prompts. Scripts and one-shot runs are never interactive. */
  readonly interactive: boolean
  /** Terminal width for formatting, when known. */
  readonly width?: number
  writeError(record: ErrorRecord): void
  writeWarning(message: string): void
  writeVerbose(message: string): void
  writeDebug(message: string): void
  writeInformation(message: string): void
  writeWhatIf(message: string): void
  writeProgress(progress: ProgressRecord): void
  confirm(request: ConfirmRequest): Promise<ConfirmChoice>
  /** Hidden input; absent in non-interactive hosts. */
  readSecret?(prompt: string): Promise<string>
  /** Ordinary input (Read-Host); absent in non-interactive hosts. */
  readLine?(prompt: string): Promise<string>
  /** Clear-Host: clears the screen; absent where there is no screen (scripts, the library). */
  clearScreen?(): void
  /**
   * The running command waits until `until` (epoch ms) because the server asked it to (a 429's
   * Retry-After, or backoff): an interactive host says so ("waiting 3 s: server rate limit") instead
   * of a bare spinner. Absent where nobody watches.
   */
  writeWait?(wait: { reason: string; until: number }): void
  /**
   * Resolves once the lines written so far have been taken by whoever reads them (undefined when
   * nothing is waiting). A command that writes a line per target at scale (-WhatIf over a million
   * rows) waits on it, so that lines a slow reader has not taken yet do not pile up in memory.
   */
  drained?(): Promise<void> | undefined
}

/** A host for scripts and the library: warnings and errors to stderr, never a prompt. */
export class ScriptHost implements Host {
  readonly name = 'ScriptHost'
  readonly interactive = false
  constructor(
    private readonly stderr: { write(text: string): unknown } = process.stderr,
    readonly width: number | undefined = process.stdout.columns,
  ) {}
  writeError(record: ErrorRecord): void {
    this.stderr.write(`${redact(`${record.command ? `${record.command}: ` : ''}${record.error.message}`)}\n`)
  }
  writeWarning(message: string): void {
    this.stderr.write(`WARNING: ${redact(message)}\n`)
  }
  writeVerbose(message: string): void {
    this.stderr.write(`VERBOSE: ${redact(message)}\n`)
  }
  writeDebug(message: string): void {
    this.stderr.write(`DEBUG: ${redact(message)}\n`)
  }
  writeInformation(message: string): void {
    this.stderr.write(`${redact(message)}\n`)
  }
  writeWhatIf(message: string): void {
    this.stderr.write(`${redact(message)}\n`)
  }
  drained(): Promise<void> | undefined {
    const stream = this.stderr as Partial<NodeJS.WritableStream> & { writableNeedDrain?: boolean }
    if (!stream.writableNeedDrain || !stream.once) return undefined
    return new Promise((resolve) => stream.once!('drain', () => resolve()))
  }
  writeProgress(_progress: ProgressRecord): void {}
  async confirm(request: ConfirmRequest): Promise<ConfirmChoice> {
    throw new UsageError(
      'ConfirmationRequired',
      `Confirmation is needed to ${request.action} "${request.target}".`,
    )
  }
}

/** A host that records everything, for tests and for capturing output. */
export class RecordingHost implements Host {
  readonly name = 'RecordingHost'
  readonly errors: ErrorRecord[] = []
  readonly warnings: string[] = []
  readonly verbose: string[] = []
  readonly information: string[] = []
  readonly whatIf: string[] = []
  readonly progress: ProgressRecord[] = []
  readonly confirmations: ConfirmRequest[] = []
  constructor(
    readonly interactive = false,
    private readonly answers: ConfirmChoice[] = [],
    readonly width = 120,
  ) {}
  writeError(record: ErrorRecord): void {
    this.errors.push(record)
  }
  writeWarning(message: string): void {
    this.warnings.push(redact(message))
  }
  writeVerbose(message: string): void {
    this.verbose.push(redact(message))
  }
  writeDebug(message: string): void {
    this.verbose.push(redact(message))
  }
  writeInformation(message: string): void {
    this.information.push(redact(message))
  }
  writeWhatIf(message: string): void {
    this.whatIf.push(redact(message))
  }
  writeProgress(progress: ProgressRecord): void {
    this.progress.push(progress)
  }
  async confirm(request: ConfirmRequest): Promise<ConfirmChoice> {
    this.confirmations.push(request)
    return this.answers.shift() ?? 'no'
  }
}

export interface SessionOptions {
  host?: Host
  /** 'Stop' for the library (first error throws), 'Continue' for the shell. */
  errorActionPreference?: ActionPreference
  variables?: Record<string, unknown>
}

/** Variables, preferences, $Error and extension slots for one library user, shell or script run. */
export class Session {
  host: Host
  /** Case-insensitive variable table (keys lower-cased). */
  readonly variables = new Map<string, unknown>()
  /** $Error: newest first, capped like PowerShell's $MaximumErrorCount. */
  readonly errors: ErrorRecord[] = []
  /**
   * Called once per pipeline after every stage bound and before any runs: the CLI connects from the
   * environment here, so a bad parameter or a parse error sends no request at all.
   */
  beforeRun?: (cmdlets: readonly Cmdlet[]) => Promise<void>
  /**
   * Jobs that, once cancelled, let their requests in flight answer before they end (bulk jobs keeping
   * their ledger true): whoever cancels waits for them, and for nothing else.
   */
  readonly windingDown = new Set<object>()
  /** Aborts the running pipeline (Ctrl+C). Replaced for each run by whoever runs it. */
  abortController = new AbortController()
  private readonly slots = new Map<symbol, unknown>()

  constructor(options: SessionOptions = {}) {
    this.host = options.host ?? new ScriptHost()
    this.setVariable('ErrorActionPreference', options.errorActionPreference ?? 'Stop')
    this.setVariable('ConfirmPreference', 'High')
    this.setVariable('WhatIfPreference', false)
    this.setVariable('VerbosePreference', 'SilentlyContinue')
    this.setVariable('DebugPreference', 'SilentlyContinue')
    this.setVariable('WarningPreference', 'Continue')
    this.setVariable('ProgressPreference', 'Continue')
    this.setVariable('true', true)
    this.setVariable('false', false)
    this.setVariable('null', null)
    for (const [name, value] of Object.entries(options.variables ?? {})) this.setVariable(name, value)
  }

  get signal(): AbortSignal {
    return this.abortController.signal
  }

  getVariable(name: string): unknown {
    if (name.toLowerCase() === 'error') return this.errors
    return this.variables.get(name.toLowerCase())
  }
  hasVariable(name: string): boolean {
    return name.toLowerCase() === 'error' || this.variables.has(name.toLowerCase())
  }
  setVariable(name: string, value: unknown): void {
    this.variables.set(name.toLowerCase(), value)
  }

  preference(
    name:
      | 'ErrorActionPreference'
      | 'WarningPreference'
      | 'VerbosePreference'
      | 'DebugPreference'
      | 'ProgressPreference',
  ): ActionPreference {
    return String(this.scopedVariable(name) ?? 'Continue') as ActionPreference
  }
  confirmPreference(): ConfirmImpact {
    return String(this.scopedVariable('ConfirmPreference') ?? 'High') as ConfirmImpact
  }

  /**
   * Reads variables where the running pipeline is (a function's `-Verbose` sets its own
   * $VerbosePreference); the language sets it before each pipeline. Unset: the session's variables.
   */
  scopeLookup?: (name: string) => unknown

  /** A variable as seen where the running pipeline is (the session's, outside the language). */
  scopedVariable(name: string): unknown {
    return this.scopeLookup ? this.scopeLookup(name) : this.getVariable(name)
  }

  /** Extension slots: the auth layer keeps its connections here, the shell its caches. */
  slot<T>(key: symbol, create: () => T): T {
    if (!this.slots.has(key)) this.slots.set(key, create())
    return this.slots.get(key) as T
  }
  setSlot(key: symbol, value: unknown): void {
    this.slots.set(key, value)
  }

  /** Errors recorded since the session began, never capped: `$?` compares it before and after a statement. */
  errorsRecorded = 0

  recordError(record: ErrorRecord): void {
    this.errorsRecorded++
    this.errors.unshift(record)
    if (this.errors.length > 256) this.errors.length = 256
  }

  /** A fresh abort controller for a new run; returns its signal. */
  beginRun(): AbortSignal {
    if (this.abortController.signal.aborted) this.abortController = new AbortController()
    return this.abortController.signal
  }
}

const storage = new AsyncLocalStorage<Session>()
let defaultSession: Session | undefined
/** The session of this process's own runs (the CLI's, the shell's), set by setProcessSession. */
let processSession: Session | undefined

/** The library's default session: stops on the first error, never prompts. */
export function getDefaultSession(): Session {
  defaultSession ??= new Session()
  return defaultSession
}

export function setDefaultSession(session: Session): void {
  defaultSession = session
}

/**
 * Makes `session` the one code outside any pipeline sees: the CLI and the shell run every line in one
 * session, so currentSession() answers it without a store (see runInSession).
 */
export function setProcessSession(session: Session | undefined): void {
  processSession = session
}

/** The session code outside any pipeline sees: the process's (CLI, shell), else the library's default. */
function ambientSession(): Session {
  return processSession ?? getDefaultSession()
}

/** The session of the code running now (the pipeline's), else the ambient one. */
export function currentSession(): Session {
  return storage.getStore() ?? ambientSession()
}

/**
 * Runs `fn` so that currentSession() answers `session` in it and in everything it awaits. Running the
 * ambient session where no other is set needs no store, as currentSession() already answers it:
 * Node 20's AsyncLocalStorage turns on a promise hook for every promise of the process from its first
 * run() on, which costs a one-shot command some 9 ms and every awaited record a little. Another
 * session, or the ambient one inside another, is stored as before.
 */
export function runInSession<T>(session: Session, fn: () => T): T {
  if (storage.getStore() === undefined && session === ambientSession()) return fn()
  return storage.run(session, fn)
}

/** What a cmdlet sees while it runs. */
export interface CmdletContext {
  readonly session: Session
  readonly cmdlet: Cmdlet
  readonly host: Host
  readonly signal: AbortSignal
  /** Parameters the caller gave explicitly (not defaults, not pipeline-bound). */
  readonly boundParameters: ReadonlySet<string>
  /** True when this stage receives pipeline input. */
  readonly expectingInput: boolean
  /**
   * The command's own bound arguments (named and positional, defaults applied), before any pipeline
   * record: what a stream() cmdlet reads its options from. Given by the engine on every call, so no
   * cmdlet keeps arguments in module state.
   */
  readonly arguments: Readonly<Record<string, unknown>>
  /** True under -WhatIf (or $WhatIfPreference): shouldProcess() answers false and nothing is sent. */
  readonly whatIf: boolean
  /** The command list this cmdlet was registered in (Get-Command and Get-Help read it). */
  readonly commands: CommandRegistry
  /** Writes a non-terminating error; with -ErrorAction Stop it throws instead. */
  writeError(error: unknown, target?: unknown): void
  writeWarning(message: string): void
  writeVerbose(message: string): void
  writeDebug(message: string): void
  writeInformation(message: string): void
  /** ShouldProcess: false under -WhatIf (after printing what would happen) or when declined. */
  shouldProcess(target: string, action?: string, detail?: unknown): Promise<boolean>
  /** Starts a progress activity; update it as records complete. */
  startProgress(activity: string, total?: number): ProgressTracker
  /** Runs a script block or function with `$_` = input. */
  invoke(block: ScriptBlockLike, input: unknown, ...args: unknown[]): Promise<unknown>
  /** Throws InterruptedError when the run was cancelled. */
  throwIfAborted(): void
}

let progressIds = 0

/** Rate and ETA bookkeeping for one progress activity. */
export class ProgressTracker {
  readonly id = ++progressIds
  completed = 0
  failed = 0
  private readonly startedAt = Date.now()
  private lastEmit = 0
  private lastStatus?: string
  constructor(
    private readonly host: Host,
    readonly activity: string,
    public total: number | undefined,
    private readonly enabled: boolean,
  ) {}
  /** Adds finished records; emits at most ~10 updates a second. */
  tick(done = 1, failed = 0, status?: string): void {
    this.completed += done
    this.failed += failed
    const now = Date.now()
    // A new status (a wait beginning or ending) shows at once; counts at most ~10 times a second.
    const changed = status !== this.lastStatus
    this.lastStatus = status
    if (changed || now - this.lastEmit >= 100 || (this.total !== undefined && this.completed >= this.total)) {
      this.lastEmit = now
      this.emit(false, status)
    }
  }
  finish(status?: string): void {
    this.emit(true, status)
  }
  private emit(done: boolean, status?: string): void {
    if (!this.enabled) return
    const seconds = Math.max(0.001, (Date.now() - this.startedAt) / 1000)
    const rate = this.completed / seconds
    const etaSeconds =
      this.total !== undefined && rate > 0 ? Math.max(0, (this.total - this.completed) / rate) : undefined
    this.host.writeProgress({
      id: this.id,
      activity: this.activity,
      status,
      completed: this.completed,
      total: this.total,
      failed: this.failed,
      rate,
      etaSeconds,
      done,
    })
  }
}

/** Raises InterruptedError for an aborted signal. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new InterruptedError(undefined, { cause: signal.reason })
}

export { toVcsError }
