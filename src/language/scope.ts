// Variables and the execution frame, with PowerShell's scope rules. Scopes chain to the session (the
// global scope): script files and script blocks called with `&` get a child scope, reads fall back
// outward, and an assignment always sets the variable in the current scope (creating a local that
// hides an outer one), so `$x = 1; & { $x = 2 }; $x` is 1. Dot-sourced blocks (ForEach-Object's and
// Where-Object's) and catch blocks are transparent: their assignments are the caller's.
//
// One deliberate difference: preference variables ($ErrorActionPreference, ...) are written where
// they exist (usually the session), because cmdlets read them from the session; in PowerShell a
// script's `$ErrorActionPreference = 'Stop'` is its own and ends with it. Hitting it warns once.
import type { Session } from '../engine/context.js'
import { announceDifference } from '../engine/differences.js'
import { RuntimeError, type VcsError as VcsErrorType } from '../engine/errors.js'
import type { CommandRegistry } from '../engine/registry.js'
import type { SourceText } from './diagnostics.js'
import { InputEnumerator } from './dotnet.js'

const READ_ONLY = new Set(['true', 'false'])

/** Type constraints of the session's (global) variables, which outlive each run's scopes. */
const SESSION_CONSTRAINTS = new WeakMap<Session, Map<string, (value: unknown) => unknown>>()

function sessionConstraints(session: Session): Map<string, (value: unknown) => unknown> {
  let table = SESSION_CONSTRAINTS.get(session)
  if (!table) SESSION_CONSTRAINTS.set(session, (table = new Map()))
  return table
}

export class Scope {
  private variables?: Map<string, unknown>
  /** `$_` / `$PSItem` when this scope is a script block invoked with input. */
  private underscore?: { value: unknown }
  /** `$args` when this scope is a script or script block. */
  private argumentList?: unknown[]
  /** A catch block's or dot-sourced block's scope: it only holds `$_`; variables are the enclosing scope's. */
  private transparent = false
  /** The top scope of a script or shell line (`$script:`). */
  private isScript = false
  /** The top scope of an Interpreter run (not of a script file it calls). */
  private isRunTop = false
  /** Type constraints of this scope's variables (`[int]$x = 1`). */
  private constraints?: Map<string, (value: unknown) => unknown>
  /** Functions defined in this scope (the session's root scope keeps them in the session). */
  private functions?: Map<string, FunctionDefinition>

  constructor(
    readonly session: Session,
    readonly parent?: Scope,
    args?: unknown[],
  ) {
    this.argumentList = args
  }

  /** A child scope; `input` sets `$_` and `$PSItem`, `args` sets `$args`. */
  child(options: { input?: { value: unknown }; args?: unknown[]; transparent?: boolean } = {}): Scope {
    const scope = new Scope(this.session, this, options.args)
    scope.underscore = options.input
    scope.transparent = options.transparent ?? false
    return scope
  }

  /** Defines a function where new variables of this scope would go. */
  defineFunction(definition: FunctionDefinition): void {
    const scope = this.definingScope()
    const table = scope.parent ? (scope.functions ??= new Map()) : sessionFunctions(this.session)
    table.set(definition.name.toLowerCase(), definition)
  }

  /** The function of that name visible from this scope. */
  findFunction(name: string): FunctionDefinition | undefined {
    const lower = name.toLowerCase()
    if (!this.parent) return sessionFunctions(this.session).get(lower)
    return this.functions?.get(lower) ?? this.parent.findFunction(name)
  }

  /** Every function visible from this scope, inner definitions first. */
  visibleFunctions(seen = new Map<string, FunctionDefinition>()): FunctionDefinition[] {
    const table = this.parent ? this.functions : sessionFunctions(this.session)
    for (const [key, value] of table ?? []) if (!seen.has(key)) seen.set(key, value)
    return this.parent ? this.parent.visibleFunctions(seen) : [...seen.values()]
  }

  /** The value of a variable (any case), or undefined when there is none. */
  get(name: string): unknown {
    const lower = name.toLowerCase()
    if (lower === '_' || lower === 'psitem') {
      const underscore = this.findUnderscore()
      if (underscore) return underscore.value
    } else if (lower === 'args') {
      const args = this.findArguments()
      if (args) return args
    }
    const owner = this.owner(lower)
    return owner ? owner.get(lower) : this.session.getVariable(lower)
  }

  /** Assigns a variable: where it already exists, else in this scope. */
  set(name: string, value: unknown): void {
    const lower = name.toLowerCase()
    if (READ_ONLY.has(lower)) {
      throw new RuntimeError(
        'RuntimeError',
        `Cannot overwrite variable ${name} because it is read-only or constant.`,
      )
    }
    if (lower === 'null') return
    if (lower === 'error') {
      throw new RuntimeError(
        'RuntimeError',
        'Cannot overwrite variable Error: it is the list of errors ($Error).',
      )
    }
    if (lower === '_' || lower === 'psitem') {
      const underscore = this.findUnderscore()
      if (underscore) {
        underscore.value = value
        return
      }
    }
    const defining = this.definingScope()
    if (lower.endsWith('preference')) {
      const owner = this.owner(lower)
      if (owner) owner.set(lower, value)
      else if (this.session.hasVariable(lower) || !defining.parent) {
        this.session.setVariable(lower, value)
        // Inside a function, script block or called script PowerShell would make it local (a run's
        // own top scope ends with the run, so there nobody can tell).
        if (defining.parent && !defining.isRunTop) announceDifference(this.session, 'preferenceScope')
      } else defining.setLocal(lower, value)
      return
    }
    if (!defining.parent) this.session.setVariable(lower, value)
    else defining.setLocal(lower, value)
  }

  /**
   * `[int]$x = 5` makes `$x` type-constrained: later assignments in the same scope convert (about_Variables).
   * The constraint lives with the variable, in the scope an assignment here writes to.
   */
  constrain(name: string, convert: (value: unknown) => unknown): void {
    const defining = this.definingScope()
    const table = defining.parent ? (defining.constraints ??= new Map()) : sessionConstraints(this.session)
    table.set(name.toLowerCase(), convert)
  }

  /** The conversion an assignment to `name` here goes through, if the variable is type-constrained. */
  constraintOf(name: string): ((value: unknown) => unknown) | undefined {
    const defining = this.definingScope()
    const table = defining.parent ? defining.constraints : SESSION_CONSTRAINTS.get(this.session)
    return table?.get(name.toLowerCase())
  }

  /** The variable in the current scope only (compound assignment does not look outward). */
  getLocal(name: string): unknown {
    const lower = name.toLowerCase()
    const defining = this.definingScope()
    if (!defining.parent) return this.session.getVariable(lower)
    return defining.variables?.get(lower)
  }

  /** `$script:x`: the scope of the script (or shell line) being run. */
  scriptScope(): Scope {
    return this.isScript || !this.parent ? this : this.parent.scriptScope()
  }

  /** Marks the top scope of a script (a run's, or a called script file's), which `$script:` names. */
  markScript(runTop = false): this {
    this.isScript = true
    this.isRunTop = runTop
    return this
  }

  private findUnderscore(): { value: unknown } | undefined {
    return this.underscore ?? this.parent?.findUnderscore()
  }

  private findArguments(): unknown[] | undefined {
    return this.argumentList ?? this.parent?.findArguments()
  }

  /** The variable table of the nearest scope that defines `lower`. */
  private owner(lower: string): Map<string, unknown> | undefined {
    return this.variables?.has(lower) ? this.variables : this.parent?.owner(lower)
  }

  /** Where a new variable goes: this scope, or the enclosing one for a catch block's scope. */
  private definingScope(): Scope {
    return this.transparent && this.parent ? this.parent.definingScope() : this
  }

  /** Sets `$args` for this scope. */
  setArguments(values: unknown[]): void {
    this.argumentList = values
  }

  /** Defines a variable in this scope, shadowing any outer one (parameters, loop variables). */
  setLocal(name: string, value: unknown): void {
    this.variables ??= new Map()
    this.variables.set(name.toLowerCase(), value)
  }
}

/** A defined function, as the scope keeps it; the language's functions.ts gives it meaning. */
export interface FunctionDefinition {
  readonly name: string
}

const FUNCTIONS = Symbol('vcs-shell.functions')

/** The functions defined at the session's top level (they outlive one shell line). */
function sessionFunctions(session: Session): Map<string, FunctionDefinition> {
  return session.slot(FUNCTIONS, () => new Map<string, FunctionDefinition>())
}

/** State shared by everything one Interpreter runs. */
export interface Runtime {
  readonly registry: CommandRegistry
  readonly session: Session
  readonly statementErrors: VcsErrorType[]
  /** Set by `exit n`. */
  exitCode?: number
  /** Nested script block invocations, to refuse runaway recursion. */
  callDepth: number
  /** `$?`: whether the last statement succeeded. */
  lastSuccess: boolean
  /** Set when a native command of the current statement exited with a non-zero code. */
  nativeFailed?: boolean
}

/** Where a piece of code runs: its scope, its source (for positions) and whether a try encloses it. */
export interface Frame {
  readonly runtime: Runtime
  readonly scope: Scope
  readonly source: SourceText
  /** Greater than zero inside `try { }`: errors go to the catch instead of being reported. */
  readonly tryDepth: number
}

export function childFrame(frame: Frame, scope: Scope, tryDepth = frame.tryDepth): Frame {
  return { runtime: frame.runtime, scope, source: frame.source, tryDepth }
}

// ---- control flow ------------------------------------------------------------------------------

/** `return`, `break` and `continue` unwind as these (never seen outside the language). */
export class FlowSignal {
  constructor(
    readonly keyword: 'return' | 'break' | 'continue',
    /** `break outer`: the label of the loop meant (compared case-insensitively). */
    readonly label?: string,
  ) {}

  /** True when this break/continue is meant for the loop labelled `label` (or the innermost one). */
  targets(label: string | undefined): boolean {
    return !this.label || (label !== undefined && label.toLowerCase() === this.label.toLowerCase())
  }
}

/** `exit n`: ends the whole run with an exit code. A VcsError so that it passes through cmdlets unchanged. */
export class ScriptExit extends RuntimeError {
  constructor(readonly scriptExitCode: number) {
    super('RuntimeError', `The script exited with code ${scriptExitCode}.`, { category: 'OperationStopped' })
  }
}

/** Errors that end the script rather than the statement: `throw`, and errors under 'Stop'. */
const scriptTerminating = new WeakSet<object>()

export function markScriptTerminating<T extends object>(error: T): T {
  scriptTerminating.add(error)
  return error
}

export function isScriptTerminating(error: unknown): boolean {
  return typeof error === 'object' && error !== null && scriptTerminating.has(error)
}

// ---- output ------------------------------------------------------------------------------------

/**
 * What a value writes to the output stream: an array's items, `$input`'s remaining items, nothing
 * for "no value" (undefined).
 */
export function enumerateOutput(value: unknown): unknown[] {
  if (value === undefined) return []
  if (value instanceof InputEnumerator) return value.drain()
  return Array.isArray(value) ? value : [value]
}

/** A pipeline's output as a value: none is undefined ($null), one is itself, several an array. */
export function collapse(values: unknown[]): unknown {
  return values.length === 0 ? undefined : values.length === 1 ? values[0] : values
}
