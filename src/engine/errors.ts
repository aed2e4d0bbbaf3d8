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

/** Stable codes a script can test for (`$Error[0].Code`, `err.code`). A closed union. */
export type ErrorCode =
  | 'ParseError'
  | 'CommandNotFound'
  | 'ParameterNotFound'
  | 'ParameterAmbiguous'
  | 'ParameterSetAmbiguous'
  | 'ParameterSetNotResolved'
  | 'MissingMandatoryParameter'
  | 'InvalidParameterValue'
  | 'InputNotBound'
  | 'ValidationFailed'
  | 'ConfirmationRequired'
  | 'NotConnected'
  | 'AuthenticationFailed'
  | 'Forbidden'
  | 'CredentialStoreUnavailable'
  | 'NotFound'
  | 'Conflict'
  | 'Throttled'
  | 'ServerError'
  | 'NetworkError'
  | 'Timeout'
  | 'PartialFailure'
  | 'Interrupted'
  | 'FileError'
  | 'RuntimeError'
  | 'UserThrown'

/** Process exit codes, one per error class; listed in the README. */
export const ExitCode = {
  Success: 0,
  Failure: 1,
  Usage: 2,
  Auth: 3,
  Throttled: 4,
  PartialFailure: 5,
  Interrupted: 130,
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

/** Base class of every error the product raises on purpose. */
export class VcsError extends Error {
  readonly code: ErrorCode
  category: ErrorCategory
  target?: unknown
  hint?: string
  position?: SourcePosition
  status?: number
  /** The exit code the CLI uses when this error ends a run. */
  readonly exitCode: ExitCode = ExitCode.Failure

  constructor(code: ErrorCode, message: string, options: VcsErrorOptions = {}) {
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
  constructor(code: ErrorCode, message: string, options: VcsErrorOptions = {}) {
    super(code, message, { category: 'InvalidArgument', ...options })
  }
}

/** Not connected, bad credentials, forbidden, no usable credential store. Exit 3. */
export class AuthError extends VcsError {
  override readonly exitCode = ExitCode.Auth
  constructor(code: ErrorCode, message: string, options: VcsErrorOptions = {}) {
    super(code, message, { category: 'AuthenticationError', ...options })
  }
}

/** The server kept answering 429 beyond the retry budget. Exit 4. */
export class ThrottledError extends VcsError {
  override readonly exitCode = ExitCode.Throttled
  constructor(message: string, options: VcsErrorOptions = {}) {
    super('Throttled', message, { category: 'LimitsExceeded', ...options })
  }
}

/** Some records failed while others succeeded (non-terminating errors were written). Exit 5. */
export class PartialFailureError extends VcsError {
  override readonly exitCode = ExitCode.PartialFailure
  constructor(message: string, options: VcsErrorOptions = {}) {
    super('PartialFailure', message, { category: 'InvalidResult', ...options })
  }
}

/** The run was cancelled (Ctrl+C, SIGINT, an aborted signal). Exit 130. */
export class InterruptedError extends VcsError {
  override readonly exitCode = ExitCode.Interrupted
  constructor(message = 'The operation was interrupted.', options: VcsErrorOptions = {}) {
    super('Interrupted', message, { category: 'OperationStopped', ...options })
  }
}

/** A server or network failure that is not the user's input. Exit 1. */
export class RemoteError extends VcsError {
  constructor(code: ErrorCode, message: string, options: VcsErrorOptions = {}) {
    super(code, message, { category: 'ConnectionError', ...options })
  }
}

/** Anything else raised on purpose at run time (a missing file, a failed script `throw`). Exit 1. */
export class RuntimeError extends VcsError {
  constructor(code: ErrorCode, message: string, options: VcsErrorOptions = {}) {
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

/** The exit code for an error that ended a run. */
export function exitCodeOf(error: unknown): ExitCode {
  return toVcsError(error).exitCode
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
