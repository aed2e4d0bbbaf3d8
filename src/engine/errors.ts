// One error family for the whole product: every failure a user can see is a VcsError with a stable
// code, a PowerShell error category, an optional target and a one-line hint, and maps to one exit code.

/** PowerShell's ErrorCategory names that we use. */
export type ErrorCategory =
  | 'InvalidArgument'
  | 'InvalidData'
  | 'InvalidOperation'
  | 'InvalidResult'
  | 'ObjectNotFound'
  | 'ResourceExists'
  | 'PermissionDenied'
  | 'AuthenticationError'
  | 'SecurityError'
  | 'ConnectionError'
  | 'LimitsExceeded'
  | 'OperationStopped'
  | 'OperationTimeout'
  | 'ParserError'
  | 'NotImplemented'
  | 'ReadError'
  | 'WriteError'
  | 'NotSpecified'

/**
 * Stable codes a script can test for (`$Error[0].Code`, `err.code`), grouped by the class that
 * carries them: each code belongs to exactly one class, and each class has one exit code (jose's
 * model), so the code alone says how a run that ends on it exits.
 */
export const ERROR_CODES = {
  /** UsageError, exit 2: refused before any change was requested. */
  usage: [
    'ParseError',
    'CommandNotFound',
    'ParameterNotFound',
    'ParameterAmbiguous',
    'ParameterSetAmbiguous',
    'ParameterSetNotResolved',
    'MissingMandatoryParameter',
    'InvalidParameterValue',
    'InputNotBound',
    'ValidationFailed',
    'ConfirmationRequired',
  ],
  /** AuthError, exit 3. */
  auth: ['NotConnected', 'AuthenticationFailed', 'Forbidden', 'CredentialStoreUnavailable'],
  /** ThrottledError, exit 4. */
  throttled: ['Throttled'],
  /** PartialFailureError, exit 5. */
  partial: ['PartialFailure'],
  /** DriftError, exit 6: a check found the organization differing from its desired state. */
  drift: ['Drift'],
  /** InterruptedError, exit 130. */
  interrupted: ['Interrupted'],
  /** RemoteError, exit 1: the server answered no, or could not be reached; a request went out. */
  remote: ['NotFound', 'Conflict', 'BadRequest', 'ServerError', 'NetworkError', 'Timeout'],
  /** RuntimeError, exit 1: anything else at run time. */
  runtime: ['FileError', 'RuntimeError', 'UserThrown'],
} as const

export type UsageCode = (typeof ERROR_CODES.usage)[number]
export type AuthCode = (typeof ERROR_CODES.auth)[number]
export type RemoteCode = (typeof ERROR_CODES.remote)[number]
export type RuntimeCode = (typeof ERROR_CODES.runtime)[number]
/** A closed union of every code. */
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES][number]

/** Process exit codes, one per error class; listed in the README. */
export const ExitCode = {
  Success: 0,
  Failure: 1,
  Usage: 2,
  Auth: 3,
  Throttled: 4,
  PartialFailure: 5,
  /** `Compare-VcsOrganization -Check`: the organization differs from the desired state. */
  Drift: 6,
  Interrupted: 130,
  /** Ended by SIGHUP (the terminal went away): 128 + 1, as shells report it. */
  HangUp: 129,
  /** Ended by SIGTERM (a CI timeout, systemd, kill): 128 + 15. */
  Terminated: 143,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** Where in a script an error arose; filled by the language layer. */
export interface SourcePosition {
  line: number
  column: number
  /** Length of the offending token, for the caret. */
  length?: number
  /** The full source line, shown with a caret under the column. */
  lineText?: string
  file?: string
}

export interface VcsErrorOptions {
  category?: ErrorCategory
  target?: unknown
  hint?: string
  cause?: unknown
  position?: SourcePosition
  /** HTTP status or similar detail from the boundary that converted the error. */
  status?: number
}

/**
 * Base class of every error the product raises on purpose. Raise one of its subclasses, which fix
 * the codes it may carry and its exit code; `instanceof VcsError` catches them all.
 */
export abstract class VcsError extends Error {
  readonly code: ErrorCode
  category: ErrorCategory
  target?: unknown
  hint?: string
  position?: SourcePosition
  status?: number
  /** The exit code the CLI uses when this error ends a run: the class's, one per class. */
  abstract readonly exitCode: ExitCode

  protected constructor(code: ErrorCode, message: string, options: VcsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.category = options.category ?? 'NotSpecified'
    this.target = options.target
    this.hint = options.hint
    this.position = options.position
    this.status = options.status
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      category: this.category,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.status ? { status: this.status } : {}),
      ...(this.position ? { line: this.position.line, column: this.position.column } : {}),
    }
  }
}

/** Bad command line, parse error, binding or validation failure: nothing was sent. Exit 2. */
export class UsageError extends VcsError {
  override readonly exitCode = ExitCode.Usage
  declare readonly code: UsageCode
  constructor(code: UsageCode, message: string, options: VcsErrorOptions = {}) {
    super(code, message, { category: 'InvalidArgument', ...options })
  }
}

/** Not connected, bad credentials, forbidden, no usable credential store. Exit 3. */
export class AuthError extends VcsError {
  override readonly exitCode = ExitCode.Auth
  declare readonly code: AuthCode
  constructor(code: AuthCode, message: string, options: VcsErrorOptions = {}) {
    super(code, message, { category: 'AuthenticationError', ...options })
  }
}

/** The server kept answering 429 beyond the retry budget. Exit 4. */
export class ThrottledError extends VcsError {
  override readonly exitCode = ExitCode.Throttled
  declare readonly code: 'Throttled'
  constructor(message: string, options: VcsErrorOptions = {}) {
    super('Throttled', message, { category: 'LimitsExceeded', ...options })
  }
}

/**
 * Some records failed while others succeeded (non-terminating errors were written). Exit 5. An
 * awaited library pipeline rejects with it when errors were written under `errorAction: 'Continue'`
 * (or SilentlyContinue): `errors` are the failures (each `target` names its input), `records` the
 * output that did succeed.
 */
export class PartialFailureError<T = unknown> extends VcsError {
  override readonly exitCode = ExitCode.PartialFailure
  declare readonly code: 'PartialFailure'
  /** The non-terminating errors, oldest first. */
  readonly errors: readonly VcsError[]
  /** The records output before the run ended (empty when the pipeline was iterated, not awaited). */
  records: T[]
  constructor(
    message: string,
    options: VcsErrorOptions & { errors?: readonly VcsError[]; records?: T[] } = {},
  ) {
    super('PartialFailure', message, { category: 'InvalidResult', ...options })
    this.errors = options.errors ?? []
    this.records = options.records ?? []
  }
}

/**
 * A check found drift: the organization differs from its desired state (`Compare-VcsOrganization
 * -Check`, for a nightly job). Thrown after the plan was output, so the run says what differs. Exit 6.
 */
export class DriftError extends VcsError {
  override readonly exitCode = ExitCode.Drift
  declare readonly code: 'Drift'
  constructor(message: string, options: VcsErrorOptions = {}) {
    super('Drift', message, { category: 'InvalidResult', ...options })
  }
}

/** Signals that end a run as Ctrl+C does, each with its own exit code. */
const SIGNAL_EXIT_CODES = {
  SIGINT: ExitCode.Interrupted,
  SIGHUP: ExitCode.HangUp,
  SIGTERM: ExitCode.Terminated,
}
export type StopSignal = keyof typeof SIGNAL_EXIT_CODES

/** The run was cancelled (Ctrl+C, SIGINT, an aborted signal). Exit 130; 129 for SIGHUP, 143 for SIGTERM. */
export class InterruptedError extends VcsError {
  override readonly exitCode: ExitCode
  declare readonly code: 'Interrupted'
  /** The process signal that stopped the run, when one did. */
  readonly signal?: StopSignal
  constructor(
    message = 'The operation was interrupted.',
    options: VcsErrorOptions & { signal?: StopSignal } = {},
  ) {
    // A cancel caused by a signal keeps that signal's exit code wherever it is rethrown.
    const signal =
      options.signal ?? (options.cause instanceof InterruptedError ? options.cause.signal : undefined)
    super('Interrupted', message, { category: 'OperationStopped', ...options })
    this.signal = signal
    this.exitCode = signal ? SIGNAL_EXIT_CODES[signal] : ExitCode.Interrupted
  }
}

/**
 * The server answered no (not found, conflict, a 400 it refused, a 5xx) or could not be reached: a
 * request went out, so this is never exit 2. Exit 1.
 */
export class RemoteError extends VcsError {
  override readonly exitCode = ExitCode.Failure
  declare readonly code: RemoteCode
  constructor(code: RemoteCode, message: string, options: VcsErrorOptions = {}) {
    super(code, message, { category: 'ConnectionError', ...options })
  }
}

/** Anything else raised on purpose at run time (a missing file, a failed script `throw`). Exit 1. */
export class RuntimeError extends VcsError {
  override readonly exitCode = ExitCode.Failure
  declare readonly code: RuntimeCode
  constructor(code: RuntimeCode, message: string, options: VcsErrorOptions = {}) {
    super(code, message, { category: 'InvalidOperation', ...options })
  }
}

/** Converts anything thrown into a VcsError; a non-VcsError is a bug and keeps its cause. */
export function toVcsError(error: unknown): VcsError {
  if (error instanceof VcsError) return error
  if (isAbortError(error)) return new InterruptedError(undefined, { cause: error })
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    // Never the bare JavaScript text: say what the script did.
    return new RuntimeError('RuntimeError', 'The script is nested too deeply to run: the stack ran out.', {
      cause: error,
      hint: 'Split long expressions and deep nesting into several statements.',
    })
  }
  const message = error instanceof Error ? error.message : String(error)
  return new RuntimeError('RuntimeError', message, { cause: error })
}

export function isAbortError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR')
  )
}

/** One line for a human: message, then the hint when there is one. Never a stack trace. */
export function formatErrorLine(error: unknown): string {
  const vcsError = toVcsError(error)
  const where = vcsError.position
    ? ` (line ${vcsError.position.line}, column ${vcsError.position.column})`
    : ''
  const hint = vcsError.hint ? ` Hint: ${vcsError.hint}` : ''
  return `${vcsError.message.replace(/\s*\n\s*/g, ' ')}${where}${hint}`
}

/** The source line with a caret under the offending token, for diagnostics. */
export function formatCaret(position: SourcePosition): string | undefined {
  if (position.lineText === undefined) return undefined
  const pad = ' '.repeat(Math.max(0, position.column - 1))
  return `${position.lineText}\n${pad}${'^'.repeat(Math.max(1, position.length ?? 1))}`
}
