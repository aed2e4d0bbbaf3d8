// Pipelines with commands: arguments are evaluated left to right, every stage is bound before any
// runs (so a bad parameter anywhere sends nothing), then the engine streams records through them.
// An expression first in the pipeline (`$users | Remove-VcsUser`) is its input.
import { announceDifference } from '../engine/differences.js'
import path from 'node:path'
import { setCommandTable } from '../engine/command-table.js'
import { RuntimeError, toVcsError, UsageError, type SourcePosition, type VcsError } from '../engine/errors.js'
import type { CommandArgument } from '../engine/binder.js'
import { isRecord, toDisplayString } from '../engine/objects.js'
import { bindStages, runStages, type BoundStage, type StageSpec } from '../engine/runtime.js'
import type { AnyCmdlet } from '../engine/types.js'
import type { CommandElement, PipelineStatement, ScriptBlockExpression, Span, Statement } from './ast.js'
import { SourceText } from './diagnostics.js'
import { evalAsync } from './expressions.js'
import { FunctionInfo } from './functions.js'
import { findExecutable, nativeArguments, nativeCommand } from './native.js'
import type { ArgumentItem } from './params.js'
import { parse } from './parser.js'
import { ScriptBlockValue } from './scriptblock.js'
import { enumerateOutput, FlowSignal, type Frame } from './scope.js'
import { execStatements, throwIfInterrupted } from './statements.js'

/** Which stage of a pipeline raised an error: its command name and source range. */
export interface StageInfo {
  command: string
  span: Span
}

const stages = new WeakMap<object, StageInfo>()

export function stageOf(error: unknown): StageInfo | undefined {
  return typeof error === 'object' && error !== null ? stages.get(error) : undefined
}

function tagged(error: unknown, info: StageInfo): VcsError {
  // `break` and `continue` in a ForEach-Object block stop the pipeline and reach the enclosing loop.
  const flow = flowSignalOf(error)
  if (flow) throw flow
  const vcsError = toVcsError(error)
  if (!stages.has(vcsError)) stages.set(vcsError, info)
  return vcsError
}

/** Runs a pipeline statement and streams the last stage's output. */
export async function* runPipeline(statement: PipelineStatement, frame: Frame): AsyncGenerator<unknown> {
  const { session } = frame.runtime
  let elements = statement.elements
  let input: unknown[] | undefined
  if (elements[0].kind === 'ExpressionElement') {
    const value = await evalAsync(elements[0].expression, frame)
    input = enumerateOutput(value)
    elements = elements.slice(1)
  }
  const commands = elements as CommandElement[]
  const specs: { spec: StageSpec; info: StageInfo }[] = []
  // Get-Command and Get-Help see the functions visible here.
  setCommandTable(session, {
    functions: () => frame.scope.visibleFunctions().map((fn) => (fn as FunctionInfo).command),
  })
  const { scope } = frame
  session.scopeLookup = (name) => scope.get(name)
  for (const element of commands) {
    const target = await resolveCommand(element, frame, statement.dotSource === true)
    if (target instanceof DotSourced) {
      if (commands.length !== 1 || input !== undefined) {
        throw new RuntimeError('RuntimeError', 'A dot-sourced script must be a statement of its own.', {
          position: frame.source.position(element.nameSpan),
        })
      }
      yield* execStatements(target.statements, { ...frame, source: target.source })
      return
    }
    const info = { command: target instanceof ScriptBlockValue ? '&' : target.name, span: element.nameSpan }
    const position = frame.source.position(element.nameSpan)
    if (target instanceof ScriptBlockValue) {
      if (commands.length === 1 && input === undefined) {
        yield* await target.invokeWith(undefined, await argumentItems(element, frame), false)
        return
      }
      // In a pipeline, `& { }` runs as an anonymous function would: begin/process/end blocks, $_ in
      // process, and all the input in $input when it has none (about_Script_Blocks, Parser.Tests.ps1).
      const body = target.node
      const anonymous = new FunctionInfo(
        { kind: 'Function', name: '<ScriptBlock>', filter: false, body, start: body.start, end: body.end },
        target.source,
        target.definingFrame,
      )
      const args = await commandArguments(element, frame)
      specs.push({ spec: { cmdlet: anonymous.callable(frame), args, position }, info })
      continue
    }
    const args = await commandArguments(element, frame)
    if (target instanceof Application) {
      specs.push({
        spec: {
          cmdlet: nativeCommand(target.name, target.file, nativeArguments(args), frame),
          args: [],
          position,
        },
        info,
      })
      continue
    }
    if (args.some((arg) => arg.kind === 'parameter' && arg.name === '?')) {
      // `Get-VcsUser -?` shows the cmdlet's help instead of running the pipeline, as in PowerShell.
      const help = frame.runtime.registry.resolve('Get-Help', position)
      const [stage] = bindStages(
        [{ cmdlet: help, args: [{ kind: 'value', value: target.name }], position }],
        false,
      )
      yield* runStages([stage], session, undefined)
      return
    }
    specs.push({ spec: { cmdlet: target, args, position }, info })
  }
  const bound: BoundStage[] = specs.map(({ spec, info }, index) => {
    try {
      return bindStages([spec], index > 0 || input !== undefined)[0]
    } catch (error) {
      throw tagged(error, info)
    }
  })
  // One engine run per stage, so that an error names the stage that raised it.
  let stream = tagErrors(runStages([bound[0]], session, input), specs[0].info)
  for (let index = 1; index < bound.length; index++) {
    stream = tagErrors(runStages([bound[index]], session, stream), specs[index].info)
  }
  for await (const record of stream) {
    throwIfInterrupted(frame)
    yield record
  }
}

/** The break/continue signal an error is (or that the engine wrapped into an error), if any. */
function flowSignalOf(error: unknown): FlowSignal | undefined {
  if (error instanceof FlowSignal) return error
  const cause = error instanceof Error ? error.cause : undefined
  return cause instanceof FlowSignal ? cause : undefined
}

async function* tagErrors(stream: AsyncIterable<unknown>, info: StageInfo): AsyncGenerator<unknown> {
  try {
    yield* stream
  } catch (error) {
    throw tagged(error, info)
  }
}

/** A program found on PATH (or by its path). */
class Application {
  constructor(
    readonly name: string,
    readonly file: string,
  ) {}
}

/** A script file or block dot-sourced (`. ./lib.ps1`): its statements run in the caller's scope. */
class DotSourced {
  constructor(
    readonly statements: readonly Statement[],
    readonly source: SourceText,
  ) {}
}

/**
 * Aliases PowerShell does not define on Linux and macOS, leaving the names to the native programs
 * (InitialSessionState.cs: "#if !UNIX is used to disable aliases for cmdlets which conflict with
 * Linux / macOS"); here they stay the cmdlets' aliases, which a run that uses one is told once.
 */
const UNIX_NATIVE_ALIASES = new Set([
  'ac',
  'cat',
  'compare',
  'cp',
  'cpp',
  'diff',
  'kill',
  'ls',
  'man',
  'mount',
  'mv',
  'ps',
  'rm',
  'rmdir',
  'sleep',
  'sort',
  'start',
  'tee',
  'write',
])

/**
 * What a command name means, in PowerShell's order (about_Command_Precedence): an alias, a function,
 * a cmdlet, a script file (`./x.ps1`), then a program on PATH.
 */
async function resolveName(
  name: string,
  frame: Frame,
  span: Span,
  dotSource: boolean,
): Promise<AnyCmdlet | ScriptBlockValue | Application | DotSourced> {
  const { registry } = frame.runtime
  const position = frame.source.position(span)
  const cmdlet = registry.find(name)
  if (cmdlet && cmdlet.name.toLowerCase() !== name.toLowerCase()) {
    if (process.platform !== 'win32' && UNIX_NATIVE_ALIASES.has(name.toLowerCase()))
      announceDifference(frame.runtime.session, 'linuxAlias')
    return cmdlet
  }
  const fn = frame.scope.findFunction(name) as FunctionInfo | undefined
  if (fn) return fn.callable(frame)
  if (cmdlet) return cmdlet
  if (/\.ps1$/i.test(name)) return scriptFile(name, frame, position, dotSource)
  const file = findExecutable(name)
  if (file) return new Application(name, file)
  return registry.resolve(name, position)
}

/** A script file as a command: parsed now, run with its own scope (or the caller's, dot-sourced). */
async function scriptFile(
  name: string,
  frame: Frame,
  position: SourcePosition,
  dotSource: boolean,
): Promise<ScriptBlockValue | DotSourced> {
  const file = path.resolve(name)
  let text: string
  try {
    // fs/promises loads when a script file is read, not with the language (a one-shot's start-up).
    text = await process.getBuiltinModule('node:fs/promises').readFile(file, 'utf8')
  } catch {
    throw new UsageError('CommandNotFound', `The script '${name}' was not found.`, {
      position,
      category: 'ObjectNotFound',
      hint: `No file ${file}.`,
    })
  }
  const ast = parse(text, { file: name })
  const source = new SourceText(ast.text, ast.file)
  if (dotSource) return new DotSourced(ast.statements, source)
  const node: ScriptBlockExpression = {
    kind: 'ScriptBlock',
    param: ast.param,
    statements: ast.statements,
    text,
    start: 0,
    end: text.length,
  }
  const scope = frame.scope.child()
  scope.setLocal('PSCommandPath', file)
  scope.setLocal('PSScriptRoot', path.dirname(file))
  return new ScriptBlockValue(node, { ...frame, scope, source }, true)
}

/** The command a command element calls. */
async function resolveCommand(
  element: CommandElement,
  frame: Frame,
  dotSource: boolean,
): Promise<AnyCmdlet | ScriptBlockValue | Application | DotSourced> {
  if (typeof element.name === 'string') return resolveName(element.name, frame, element.nameSpan, dotSource)
  const value = await evalAsync(element.name, frame)
  if (value instanceof ScriptBlockValue) {
    return dotSource ? new DotSourced(value.node.statements, value.source) : value
  }
  if (typeof value === 'string') return resolveName(value, frame, element.nameSpan, dotSource)
  if (isRecord(value) && 'allParameters' in value && typeof value.name === 'string')
    return value as unknown as AnyCmdlet
  throw new RuntimeError(
    'RuntimeError',
    `The expression after '&' gave ${toDisplayString(value) || '$null'}; it must be a command name or a script block.`,
    { position: frame.source.position(element.nameSpan) },
  )
}

/** The engine's view of a command's arguments, values evaluated. */
async function commandArguments(element: CommandElement, frame: Frame): Promise<CommandArgument[]> {
  const args: CommandArgument[] = []
  for (const argument of element.arguments) {
    const position = frame.source.position(argument)
    switch (argument.kind) {
      case 'Parameter':
        if (argument.value) {
          args.push({
            kind: 'parameter',
            name: argument.name,
            hasValue: true,
            value: await evalAsync(argument.value, frame),
            position,
          })
        } else {
          args.push({ kind: 'parameter', name: argument.name, hasValue: false, position })
        }
        break
      case 'Value':
        args.push({
          kind: 'value',
          value: await evalAsync(argument.value, frame),
          position,
          text: frame.source.text.slice(argument.start, argument.end),
        })
        break
      case 'Splat':
        args.push(...splat(argument.variable, argument, frame))
        break
    }
  }
  return args
}

/** `@params`: a hashtable's entries as named parameters, an array's items as positional values. */
function splat(variable: string, span: Span, frame: Frame): CommandArgument[] {
  const value = frame.scope.get(variable)
  const position = frame.source.position(span)
  if (Array.isArray(value)) return value.map((item) => ({ kind: 'value', value: item, position }))
  if (isRecord(value)) {
    return Object.keys(value).map((name) => ({
      kind: 'parameter',
      name,
      hasValue: true,
      value: value[name],
      position,
    }))
  }
  throw new RuntimeError(
    'RuntimeError',
    `The splatted variable @${variable} must be a hashtable or an array.`,
    { position },
  )
}

/** Arguments for a script block called with `&`: named and positional items. */
async function argumentItems(element: CommandElement, frame: Frame): Promise<ArgumentItem[]> {
  const items: ArgumentItem[] = []
  for (const argument of await commandArguments(element, frame)) {
    if (argument.kind === 'parameter')
      items.push({
        name: argument.name,
        value: argument.value,
        hasValue: argument.hasValue,
        position: argument.position,
      })
    else items.push({ value: argument.value, hasValue: true })
  }
  return items
}
