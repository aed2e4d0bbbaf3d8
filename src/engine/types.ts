// The declarative shape of a cmdlet: what the binder, Get-Help, the CLI generator, the shell's
// completion and the docs generator all read. Behaviour lives in begin/process/end (or stream).
import type { CmdletContext } from './context.js'
import type { TypeView } from './format.js'

/** The parameter types the binder can coerce to. `switch` is a flag; `secret` is a string never logged. */
export type ParameterType =
  | 'string'
  | 'string[]'
  | 'int'
  | 'int[]'
  | 'number'
  | 'bool'
  | 'switch'
  | 'datetime'
  | 'secret'
  | 'scriptblock'
  | 'hashtable'
  | 'object'
  | 'object[]'
  | 'any'
  | 'any[]'

/** How a parameter takes pipeline input, as PowerShell's ValueFromPipeline(ByPropertyName). */
export type PipelineBinding = 'byValue' | 'byPropertyName' | 'both'

/**
 * Live completion values: the `property` of each object that running `cmdlet` (with `args`) emits,
 * fetched once per session by the shell and cached under `name`. Declared by the cmdlets that need
 * them (cmdlets/vcs/shared/completers.ts); the engine and the shell name no CSP source.
 */
export interface LiveValueSource {
  readonly name: string
  readonly cmdlet: string
  readonly property: string
  readonly args?: Readonly<Record<string, unknown>>
}

/** How the shell completes a parameter's value: a file path, a command name, a property name, or live values. */
export type Completer = 'path' | 'cmdlet' | 'property' | LiveValueSource

export interface ParameterDef {
  type: ParameterType
  description?: string
  /** Position for positional binding (0-based), as PowerShell's Position. */
  position?: number
  mandatory?: boolean
  aliases?: readonly string[]
  pipeline?: PipelineBinding
  /** Parameter sets this parameter belongs to; omitted = all sets. */
  sets?: readonly string[]
  /** The parameter accepts PowerShell wildcards (documentation and completion). */
  wildcards?: boolean
  /** ValidateSet: allowed values, case-insensitive; the bound value takes the declared spelling. */
  validateSet?: readonly string[]
  /** ValidatePattern: each value must match. `patternMessage` explains it in plain words. */
  validatePattern?: RegExp
  patternMessage?: string
  /** ValidateRange (inclusive). */
  validateRange?: readonly [number, number]
  /** Custom validation: return an error message, or undefined when valid. */
  validate?: (value: unknown) => string | undefined
  /** ValidateNotNullOrEmpty. */
  notEmpty?: boolean
  /** The type name objects must have to bind ByValue to an object parameter (e.g. 'VcsUser'). */
  objectType?: string | readonly string[]
  /** Default value, shown in help. */
  default?: unknown
  /** Where the shell takes completion values from (declared on the parameter). */
  completer?: Completer
  /** Hide from help and completion. */
  hidden?: boolean
  /** ValueFromRemainingArguments: positional values beyond the declared positions collect here. */
  remaining?: boolean
}

export type ParameterDefs = Record<string, ParameterDef>

export type ConfirmImpact = 'None' | 'Low' | 'Medium' | 'High'

export interface CmdletExample {
  title: string
  code: string
  /** What the example shows, in a sentence or two. */
  remarks?: string
  /**
   * Expected output, compared by the generic examples test: a JSON value that the pipeline's
   * output (converted with ConvertTo-Json semantics) must deep-equal, or `{ count: n }`.
   */
  expect?: unknown
  /** Run only to parse and bind (for examples that need a file or an interactive host). */
  bindOnly?: boolean
}

/**
 * The approved PowerShell verbs we use (Get-Verb lists many more): the one list that both the type of
 * a cmdlet name and defineCmdlet's check read.
 */
export const APPROVED_VERBS = [
  'Add',
  'Get',
  'Set',
  'New',
  'Remove',
  'Send',
  'Connect',
  'Disconnect',
  'Import',
  'Export',
  'ConvertTo',
  'ConvertFrom',
  'Select',
  'Sort',
  'Group',
  'Measure',
  'Where',
  'ForEach',
  'Tee',
  'Format',
  'Out',
  'Write',
  'Start',
  'Stop',
  'Invoke',
  'Test',
  'Clear',
  'Read',
  'Add',
  'Join',
  'Split',
  'Resolve',
  'Copy',
  'Compare',
  // Data verb: makes one place equal to another (Sync-VcsOrganization).
  'Sync',
] as const

export type ApprovedVerb = (typeof APPROVED_VERBS)[number]

/** Maps declared parameter types to TypeScript types for the library surface. */
export interface TypeMap {
  string: string
  'string[]': string[]
  int: number
  'int[]': number[]
  number: number
  bool: boolean
  switch: boolean
  datetime: Date
  secret: string
  scriptblock: ScriptBlockLike
  hashtable: Record<string, unknown>
  object: unknown
  'object[]': unknown[]
  any: unknown
  'any[]': unknown[]
}

/** The argument object a cmdlet receives, derived from its parameter definitions. */
export type ArgsOf<P extends ParameterDefs> = {
  [K in keyof P as P[K] extends { mandatory: true } ? K : never]: TypeMap[P[K]['type']]
} & {
  [K in keyof P as P[K] extends { mandatory: true } ? never : K]?: TypeMap[P[K]['type']]
}

/** What library callers may pass: each value may be given in any form the binder coerces. */
export type LibraryArgsOf<P extends ParameterDefs> = {
  [K in keyof P]?:
    | TypeMap[P[K]['type']]
    | (P[K]['type'] extends `${string}[]` ? TypeMap[P[K]['type']][number] : never)
    | (P[K]['type'] extends 'datetime' ? string | number : never)
} & CommonArgs

/** A script block from the language, or a plain function from JavaScript. */
export type ScriptBlockLike = ((input: any, ...args: unknown[]) => unknown) | ScriptBlock

/** Implemented by the language's script blocks; the engine only invokes them. */
export interface ScriptBlock {
  readonly isScriptBlock: true
  readonly text: string
  /** Runs the block with `$_` set to `input`; resolves to its output (one value, or an array). */
  invoke(input: unknown, ...args: unknown[]): Promise<unknown>
}

export type ActionPreference = 'Stop' | 'Continue' | 'SilentlyContinue' | 'Ignore' | 'Inquire'

/** Common parameters every cmdlet has (PowerShell's CommonParameters, the ones we support). */
export interface CommonArgs {
  errorAction?: ActionPreference
  warningAction?: ActionPreference
  errorVariable?: string
  verbose?: boolean
  debug?: boolean
  /** Only on cmdlets with `supportsShouldProcess`. */
  whatIf?: boolean
  confirm?: boolean
}

export const COMMON_PARAMETERS: ParameterDefs = {
  verbose: { type: 'switch', aliases: ['vb'], description: 'Writes verbose messages (secrets redacted).' },
  debug: { type: 'switch', aliases: ['db'], description: 'Writes debug messages (secrets redacted).' },
  errorAction: {
    type: 'string',
    aliases: ['ea'],
    validateSet: ['Stop', 'Continue', 'SilentlyContinue', 'Ignore', 'Inquire'],
    description: 'What to do on a non-terminating error.',
  },
  warningAction: {
    type: 'string',
    aliases: ['wa'],
    validateSet: ['Stop', 'Continue', 'SilentlyContinue', 'Ignore', 'Inquire'],
    description: 'What to do with warnings.',
  },
  errorVariable: {
    type: 'string',
    aliases: ['ev'],
    description: 'Name of a variable that collects the errors (prefix + to append).',
  },
}

export const SHOULD_PROCESS_PARAMETERS: ParameterDefs = {
  whatIf: { type: 'switch', aliases: ['wi'], description: 'Shows what would happen, without doing it.' },
  confirm: { type: 'switch', aliases: ['cf'], description: 'Asks before each change.' },
}

/** The bound arguments of one invocation of process(): declared parameters plus `$input`. */
export interface CmdletDefinition<
  P extends ParameterDefs = ParameterDefs,
  O = unknown,
> extends CmdletImplementation<P, O> {
  name: `${ApprovedVerb}-${string}`
  synopsis: string
  description?: string
  /** Output type name (a registered view), for Get-Help and formatting. */
  output?: string
  /**
   * The default views of the types this cmdlet emits, keyed by type name: declared as data here and
   * registered when the command registry is built (never as a side effect of importing a module).
   */
  views?: Readonly<Record<string, TypeView>>
  parameterSets?: Record<string, { default?: boolean }>
  parameters: P
  /** The cmdlet changes things: -WhatIf and -Confirm are added; call ctx.shouldProcess(). */
  supportsShouldProcess?: boolean
  confirmImpact?: ConfirmImpact
  examples: readonly CmdletExample[]
  /** Other names the shell and CLI accept (`where`, `select`, `%`). */
  aliases?: readonly string[]
  /** Notes for Get-Help -Full (e.g. how Expired is derived). */
  notes?: string
  /** The cmdlet needs a connection (the CLI connects from the environment first). */
  requiresConnection?: boolean

  /**
   * The module of the cmdlet's code, when the definition holds only its declaration: loaded the
   * first time the cmdlet runs, so that listing, help, completion and binding never load (or, in a
   * one-shot command, evaluate) the code of cmdlets a run does not use. The module exports the
   * implementation under the cmdlet's function name (`getRandom` for Get-Random), made with
   * implement(). Typed loosely on purpose: the module's own type refers back to this declaration.
   */
  load?: () => Promise<unknown>
}

/** What a cmdlet does; given in its definition or exported by the module its `load` imports. */
export interface CmdletImplementation<P extends ParameterDefs = ParameterDefs, O = unknown> {
  begin?: (args: ArgsOf<P>, ctx: CmdletContext) => void | Promise<void>
  /** Called once per pipeline record (or once, with no pipeline input); yields output records. */
  process?: (args: ArgsOf<P>, ctx: CmdletContext) => AsyncIterable<O> | Iterable<O> | Promise<void> | void
  end?: (args: ArgsOf<P>, ctx: CmdletContext) => AsyncIterable<O> | Iterable<O> | Promise<void> | void
  /**
   * Instead of process(): receives every bound record as one stream, for cmdlets that batch
   * (invitations), buffer (Sort-Object) or run requests concurrently.
   */
  stream?: (records: AsyncIterable<ArgsOf<P>>, ctx: CmdletContext) => AsyncIterable<O>
}

/** The implementation a declared cmdlet's module exports (see CmdletDefinition.load). */
export type ImplementationOf<C> = C extends Cmdlet<infer P, infer O> ? CmdletImplementation<P, O> : never

/** A defined cmdlet: its definition plus derived lookups. */
export interface Cmdlet<P extends ParameterDefs = ParameterDefs, O = unknown> extends CmdletDefinition<P, O> {
  readonly verb: string
  readonly noun: string
  /** Declared plus common (and ShouldProcess) parameters. */
  readonly allParameters: ParameterDefs
  /** camelCase name of the library function (`getVcsUser`). */
  readonly functionName: string
  readonly defaultSet: string
  readonly setNames: readonly string[]
  /** Phantom field carrying the output type for the library's typing. */
  readonly __output?: O
}

/** A cmdlet of any parameter and output types, as stored in registries and pipelines. */
export type AnyCmdlet = Cmdlet<any, any>
