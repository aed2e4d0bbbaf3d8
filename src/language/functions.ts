// Functions and filters (about_Functions, about_Functions_Advanced): a definition becomes a command
// like any cmdlet. The engine's binder does named, positional, prefix, alias and switch binding and
// the common parameters of advanced functions, with the same errors as for cmdlets; the language then
// converts to the declared types, validates, fills defaults, and binds pipeline input per record
// (ValueFromPipeline, then ValueFromPipelineByPropertyName) before the process block runs.
import { ALL_SETS } from '../engine/binder.js'
import { COMMON_PARAMETERS, SHOULD_PROCESS_PARAMETERS } from '../engine/types.js'
import type { AnyCmdlet, ParameterDef, ParameterDefs } from '../engine/types.js'
import type { CmdletContext } from '../engine/context.js'
import { RuntimeError, UsageError } from '../engine/errors.js'
import { findPropertyName, isRecord } from '../engine/objects.js'
import type {
  AttributeNode,
  Block,
  Expression,
  FunctionStatement,
  ParameterDeclaration,
  Statement,
} from './ast.js'
import { parseCommentHelp, type CommentHelp } from './comment-help.js'
import type { SourceText } from './diagnostics.js'
import { evalAsync, evalSync, isSync } from './expressions.js'
import { InputEnumerator } from './dotnet.js'
import { validate } from './params.js'
import { FlowSignal, type Frame, type FunctionDefinition } from './scope.js'
import { execStatements } from './statements.js'
import { convertTo, newHashtable, toNumber, toText, typeValue } from './types.js'

/** Deeper recursion than this is refused, as PowerShell refuses call depth overflow. */
const MAX_CALL_DEPTH = 100

/** The hidden parameters that carry pipeline input and leftover arguments through the engine. */
const INPUT = '__PipelineInput'
const REST = '__RemainingArguments'

interface DeclaredParameter {
  node: ParameterDeclaration
  key: string
  isSwitch: boolean
  mandatory: boolean
  byValue: boolean
  byPropertyName: boolean
  aliases: string[]
}

/** A function as defined by a `function`/`filter` statement that ran. */
export class FunctionInfo implements FunctionDefinition {
  readonly parameters: DeclaredParameter[]
  /** The command Get-Command and Get-Help show: the declared parameters with their help. */
  readonly command: AnyCmdlet
  /** The command the engine binds: no pipeline parameters but the hidden input, no mandatory pipeline ones. */
  private readonly bindingCommand: AnyCmdlet
  readonly help?: CommentHelp
  readonly advanced: boolean

  constructor(
    readonly node: FunctionStatement,
    readonly source: SourceText,
    definingFrame: Frame,
  ) {
    this.help = node.help ? parseCommentHelp(node.help) : undefined
    const param = node.body.param
    this.advanced =
      (param?.attributes ?? []).some((attribute) => /^cmdletbinding$/i.test(attribute.name)) ||
      (param?.parameters ?? []).some((p) => p.attributes.some((a) => /^parameter$/i.test(a.name)))
    const binding = attribute(param?.attributes ?? [], 'CmdletBinding')
    const options = binding ? namedValues(binding, definingFrame) : {}
    this.parameters = (param?.parameters ?? []).map((declaration) => describe(declaration, definingFrame))
    const explicitPositions = this.parameters.some((p) =>
      p.node.attributes.some((a) => hasNamed(a, 'position')),
    )
    const defs: ParameterDefs = {}
    const bindingDefs: ParameterDefs = {}
    const sets = new Set<string>()
    let implicit = 0
    for (const parameter of this.parameters) {
      const settings = namedValues(attribute(parameter.node.attributes, 'Parameter'), definingFrame)
      const set = settings.parametersetname === undefined ? undefined : toText(settings.parametersetname)
      if (set && set !== ALL_SETS) sets.add(set)
      let position: number | undefined
      if (settings.position !== undefined) position = toNumber(settings.position)
      else if (!explicitPositions && !parameter.isSwitch && options.positionalbinding !== false)
        position = implicit++
      const def: ParameterDef = {
        type: parameter.isSwitch ? 'switch' : 'any',
        position,
        aliases: parameter.aliases,
        sets: set ? [set] : undefined,
        description: this.help?.parameters[parameter.key.toLowerCase()],
      }
      defs[parameter.key] = {
        ...def,
        mandatory: parameter.mandatory || undefined,
        pipeline:
          parameter.byValue && parameter.byPropertyName
            ? 'both'
            : parameter.byValue
              ? 'byValue'
              : parameter.byPropertyName
                ? 'byPropertyName'
                : undefined,
        validateSet: constantList(parameter.node.attributes, 'ValidateSet'),
      }
      bindingDefs[parameter.key] = {
        ...def,
        mandatory: parameter.mandatory && !parameter.byValue && !parameter.byPropertyName ? true : undefined,
      }
    }
    bindingDefs[INPUT] = { type: 'any', pipeline: 'byValue', hidden: true }
    if (!this.advanced) bindingDefs[REST] = { type: 'any[]', remaining: true, hidden: true }
    const setNames = sets.size > 0 ? [...sets] : [ALL_SETS]
    const defaultSet =
      options.defaultparametersetname !== undefined && sets.has(toText(options.defaultparametersetname))
        ? toText(options.defaultparametersetname)
        : setNames[0]
    const shouldProcess = options.supportsshouldprocess === true
    const common = this.advanced
      ? { ...(shouldProcess ? SHOULD_PROCESS_PARAMETERS : {}), ...COMMON_PARAMETERS }
      : {}
    const dash = node.name.indexOf('-')
    const base = {
      name: node.name,
      verb: dash > 0 ? node.name.slice(0, dash) : '',
      noun: dash > 0 ? node.name.slice(dash + 1) : node.name,
      synopsis: this.help?.synopsis ?? '',
      description: this.help?.description,
      notes: this.help?.notes,
      // An .EXAMPLE's first line is the code, the rest its remarks (about_Comment_Based_Help).
      examples: (this.help?.examples ?? []).map((text, index) => {
        const [code, ...remarks] = text.replace(/^PS> ?/, '').split('\n')
        return { title: `Example ${index + 1}`, code, remarks: remarks.join(' ').trim() || undefined }
      }),
      functionName: node.name,
      defaultSet,
      setNames,
      supportsShouldProcess: shouldProcess,
      commandType: 'Function',
      parameterSets: sets.size > 0 ? Object.fromEntries(setNames.map((name) => [name, {}])) : undefined,
    }
    this.command = Object.freeze({
      ...base,
      parameters: defs,
      allParameters: { ...defs, ...common },
    }) as never
    this.bindingCommand = Object.freeze({
      ...base,
      parameters: bindingDefs,
      allParameters: { ...bindingDefs, ...common },
    }) as never
  }

  get name(): string {
    return this.node.name
  }

  /** A command object for one call from `caller`: the engine binds and streams it like a cmdlet. */
  callable(caller: Frame): AnyCmdlet {
    let base: Record<string, unknown> = {}
    return {
      ...this.bindingCommand,
      begin: (args: Record<string, unknown>) => {
        base = args
      },
      stream: (records: AsyncIterable<Record<string, unknown>>, ctx: CmdletContext) =>
        this.run(caller, base, records, ctx),
    } as AnyCmdlet
  }

  private async *run(
    caller: Frame,
    base: Record<string, unknown>,
    records: AsyncIterable<Record<string, unknown>>,
    ctx: CmdletContext,
  ): AsyncGenerator<unknown> {
    const { runtime } = caller
    if (runtime.callDepth >= MAX_CALL_DEPTH) {
      throw new RuntimeError('RuntimeError', 'The script failed due to call depth overflow.', {
        category: 'LimitsExceeded',
      })
    }
    const input = { value: undefined as unknown }
    const scope = caller.scope.child({ input, args: [] })
    const frame: Frame = { runtime, scope, source: this.source, tryDepth: caller.tryDepth }
    const { begin, process, end } = this.blocks()
    runtime.callDepth++
    try {
      await this.bind(base, frame, ctx, ctx.expectingInput ? 'deferred' : undefined)
      // $input is an enumerator (about_Automatic_Variables): empty in begin, the current record in
      // process, and in end all the input when there is no process block (ScriptCommandProcessor).
      scope.setLocal('input', new InputEnumerator([]))
      if (begin) yield* runBlock(begin, frame)
      const collected: unknown[] = []
      if (ctx.expectingInput) {
        for await (const args of records) {
          const record = args[INPUT]
          if (!process) collected.push(record)
          await this.bind(args, frame, ctx, { value: record })
          input.value = record
          if (process) {
            scope.setLocal('input', new InputEnumerator([record]))
            yield* runBlock(process, frame)
          }
        }
      } else if (process) {
        scope.setLocal('input', new InputEnumerator([]))
        yield* runBlock(process, frame)
      }
      // Without a process block the input is all in $input for the end block (about_Automatic_Variables).
      scope.setLocal('input', new InputEnumerator(collected))
      if (end) yield* runBlock(end, frame)
    } finally {
      runtime.callDepth--
    }
  }

  private blocks(): { begin?: Block; process?: Block; end?: Block } {
    const { body } = this.node
    if (body.blocks) return body.blocks
    const block: Block = { kind: 'Block', statements: body.statements, start: body.start, end: body.end }
    return this.node.filter ? { process: block } : { end: block }
  }

  /**
   * Defines every parameter in the function's scope: the bound value converted and validated, else
   * the pipeline record's value or property, else the default. `deferred`: before the first record,
   * pipeline parameters are not yet required.
   */
  private async bind(
    args: Record<string, unknown>,
    frame: Frame,
    ctx: CmdletContext,
    record: { value: unknown } | 'deferred' | undefined,
  ): Promise<void> {
    const owner = this.node.name
    const bound = newHashtable()
    for (const parameter of this.parameters) {
      const name = parameter.node.name
      let value: unknown
      let given = false
      if (args[parameter.key] !== undefined && ctx.boundParameters.has(parameter.key)) {
        value = args[parameter.key]
        given = true
      } else if (
        record !== undefined &&
        record !== 'deferred' &&
        (parameter.byValue || parameter.byPropertyName)
      ) {
        const found = pipelineValue(parameter, record.value)
        if (found) {
          value = found.value
          given = true
        }
      }
      if (given) {
        value = convertParameter(parameter, value, owner, frame)
        bound[name] = value
      } else if (parameter.mandatory && record !== 'deferred') {
        throw new UsageError('MissingMandatoryParameter', `${owner} needs -${name}.`, {
          hint: `Pass it as -${name} <value>.`,
        })
      } else if (parameter.node.defaultValue) {
        value = await evalDefault(parameter.node.defaultValue, frame)
        if (parameter.node.type) value = convertParameter(parameter, value, owner, frame, false)
      } else if (parameter.isSwitch) {
        value = false
      } else {
        value = parameter.node.type ? typeDefault(parameter.node.type.name) : null
      }
      frame.scope.setLocal(name, value)
    }
    // Common parameters of advanced functions set the function's own preferences.
    if (ctx.boundParameters.has('verbose'))
      frame.scope.setLocal('VerbosePreference', args.verbose ? 'Continue' : 'SilentlyContinue')
    if (ctx.boundParameters.has('debug'))
      frame.scope.setLocal('DebugPreference', args.debug ? 'Continue' : 'SilentlyContinue')
    if (ctx.boundParameters.has('errorAction'))
      frame.scope.setLocal('ErrorActionPreference', args.errorAction)
    if (ctx.boundParameters.has('warningAction'))
      frame.scope.setLocal('WarningPreference', args.warningAction)
    if (ctx.boundParameters.has('whatIf')) frame.scope.setLocal('WhatIfPreference', args.whatIf === true)
    frame.scope.setLocal('PSBoundParameters', bound)
    frame.scope.setLocal('PSCmdlet', { ParameterSetName: ctx.cmdlet.defaultSet })
    frame.scope.setArguments(Array.isArray(args[REST]) ? [...(args[REST] as unknown[])] : [])
  }
}

/** Runs one named block; `return` ends it (its output so far stays), as in PowerShell. */
async function* runBlock(block: Block, frame: Frame): AsyncGenerator<unknown> {
  try {
    yield* execStatements(block.statements, frame)
  } catch (error) {
    // break/continue outside a loop end the function too.
    if (!(error instanceof FlowSignal)) throw error
  }
}

/** The parameter attributes this subset understands; any other is refused, never ignored. */
const KNOWN_ATTRIBUTES = new Set([
  'parameter',
  'alias',
  'validateset',
  'validaterange',
  'validatepattern',
  'validatenotnullorempty',
  'validatenotnull',
  'allownull',
  'allowemptystring',
  'allowemptycollection',
])

function describe(node: ParameterDeclaration, frame: Frame): DeclaredParameter {
  for (const attribute of node.attributes) {
    if (!KNOWN_ATTRIBUTES.has(attribute.name.toLowerCase())) {
      throw new RuntimeError(
        'RuntimeError',
        `The attribute [${attribute.name}()] on -${node.name} is not supported in vcs-shell scripts.`,
        { position: frame.source.position(attribute), category: 'NotImplemented' },
      )
    }
  }
  const settings = namedValues(attribute(node.attributes, 'Parameter'), frame)
  const aliasAttribute = attribute(node.attributes, 'Alias')
  const aliases = aliasAttribute
    ? aliasAttribute.positional.flatMap((expression) => {
        const value = constant(expression, frame)
        return (Array.isArray(value) ? value : [value]).map(toText)
      })
    : []
  const typeName = node.type?.name.toLowerCase().replace(/^system\.management\.automation\./, '')
  return {
    node,
    key: node.name,
    isSwitch: typeName === 'switch' || typeName === 'switchparameter',
    mandatory: settings.mandatory === true,
    byValue: settings.valuefrompipeline === true,
    byPropertyName: settings.valuefrompipelinebypropertyname === true,
    aliases,
  }
}

function attribute(attributes: readonly AttributeNode[], name: string): AttributeNode | undefined {
  return attributes.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase())
}

function hasNamed(node: AttributeNode, name: string): boolean {
  return /^parameter$/i.test(node.name) && node.named.some((entry) => entry.name.toLowerCase() === name)
}

/** `[Parameter(Mandatory, Position = 0)]`: named values, lower-case keys (a bare name is $true). */
function namedValues(node: AttributeNode | undefined, frame: Frame): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const entry of node?.named ?? []) {
    values[entry.name.toLowerCase()] = entry.value ? constant(entry.value, frame) : true
  }
  return values
}

function constant(expression: Expression, frame: Frame): unknown {
  if (!isSync(expression)) {
    throw new RuntimeError('RuntimeError', 'Attribute arguments must be constant values.')
  }
  return evalSync(expression, frame)
}

function constantList(attributes: readonly AttributeNode[], name: string): string[] | undefined {
  const node = attribute(attributes, name)
  if (!node) return undefined
  const values = node.positional.map((expression) =>
    expression.kind === 'Constant' ? expression.value : undefined,
  )
  return values.every((value) => value !== undefined) ? values.map(String) : undefined
}

/** ValueFromPipeline takes the record itself; ByPropertyName its property of the parameter's name or alias. */
function pipelineValue(parameter: DeclaredParameter, record: unknown): { value: unknown } | undefined {
  if (parameter.byValue) return { value: record }
  if (!isRecord(record)) return undefined
  for (const name of [parameter.key, ...parameter.aliases]) {
    const key = findPropertyName(record, name)
    if (key !== undefined) return { value: (record as Record<string, unknown>)[key] }
  }
  return undefined
}

function convertParameter(
  parameter: DeclaredParameter,
  value: unknown,
  owner: string,
  frame: Frame,
  validateValue = true,
): unknown {
  const name = parameter.node.name
  const fail = (reason: string) =>
    new UsageError('InvalidParameterValue', `Cannot bind -${name} of ${owner}: ${reason}`, {
      position: frame.source.position(parameter.node),
    })
  let converted = value
  if (parameter.isSwitch) converted = value === undefined ? true : Boolean(value)
  else if (parameter.node.type) {
    try {
      converted = convertTo(typeValue(parameter.node.type.name), value)
    } catch (error) {
      throw fail((error as Error).message)
    }
  }
  if (!validateValue) return converted
  for (const node of parameter.node.attributes) converted = validate(node, converted, fail)
  return converted
}

async function evalDefault(expression: Expression, frame: Frame): Promise<unknown> {
  return await evalAsync(expression, frame)
}

/** An unbound typed parameter: 0 for numbers, '' for strings, $false for bool, else $null. */
function typeDefault(name: string): unknown {
  try {
    return convertTo(typeValue(name), null)
  } catch {
    return null
  }
}

/** Defines the function in the frame's scope (what running a `function` statement does). */
export function defineFunction(statement: FunctionStatement, frame: Frame): void {
  frame.scope.defineFunction(new FunctionInfo(statement, frame.source, frame))
}

/** Statement lists of a function body, for tools that walk them. */
export type FunctionBody = Statement[]
