// Statement execution and PowerShell's error semantics. A cmdlet's terminating error or a bind error
// ends its statement: it is recorded in $Error, shown by the host, and the script goes on, unless
// $ErrorActionPreference is 'Stop'. `throw` ends the script. Both are caught by try/catch.
import { toBoolean } from '../engine/compare.js'
import { ErrorRecord } from '../engine/context.js'
import { InterruptedError, RuntimeError, VcsError } from '../engine/errors.js'
import { isRecord } from '../engine/objects.js'
import type {
  Block,
  ChainStatement,
  Expression,
  FlowStatement,
  Statement,
  SwitchStatement,
  TrapStatement,
  TryStatement,
} from './ast.js'
import { defineFunction } from './functions.js'
import { withRedirections } from './redirection.js'
import type { ScriptBlockValue } from './scriptblock.js'
import { runPipeline, stageOf } from './commands.js'
import { withPosition } from './diagnostics.js'
import { errorRecordFor, isRecorded, ScriptErrorRecord } from './error-records.js'
import { assignAsync, compoundCurrent, evalAsync, statementValue } from './expressions.js'
import { binaryOperation } from './operators.js'
import {
  childFrame,
  collapse,
  enumerateOutput,
  FlowSignal,
  isScriptTerminating,
  markScriptTerminating,
  ScriptExit,
  type Frame,
} from './scope.js'
import { execStatementSync, isSyncStatement, loopBodySync } from './sync-statements.js'
import { errorMatchesType, newHashtable, roundHalfEven, toNumber, toText } from './types.js'

/** Runs statements in order, streaming their output; a failed statement is reported and skipped. */
export async function* execStatements(
  statements: readonly Statement[],
  frame: Frame,
): AsyncGenerator<unknown> {
  const traps = statements.some((statement) => statement.kind === 'Trap')
    ? statements.filter((statement): statement is TrapStatement => statement.kind === 'Trap')
    : undefined
  for (const statement of statements) {
    throwIfInterrupted(frame)
    const errorsBefore = frame.runtime.session.errorsRecorded
    frame.runtime.nativeFailed = false
    try {
      if (isSyncStatement(statement)) {
        const out: unknown[] = []
        try {
          execStatementSync(statement, frame, out)
        } finally {
          // Output written before a `return` (or an error) still goes out, in order.
          if (out.length > 0) yield* out
        }
      } else {
        yield* execStatement(statement, frame)
      }
      // $? is False after a statement that wrote a non-terminating error, as in PowerShell.
      frame.runtime.lastSuccess =
        frame.runtime.session.errorsRecorded === errorsBefore && !frame.runtime.nativeFailed
    } catch (error) {
      const trap = traps && trapFor(traps, error, frame)
      if (trap) yield* runTrap(trap, error, statement, frame)
      else handleStatementError(error, statement, frame)
      frame.runtime.lastSuccess = false
    }
  }
}

/** Runs one statement, streaming its output. Errors propagate to the caller. */
async function* execStatement(statement: Statement, frame: Frame): AsyncGenerator<unknown> {
  switch (statement.kind) {
    case 'Pipeline': {
      if (statement.redirections) {
        yield* withRedirections(statement, frame, (inner) => execStatement(inner, frame))
        return
      }
      const [first] = statement.elements
      if (statement.elements.length === 1 && first.kind === 'ExpressionElement') {
        const value = await evalAsync(first.expression, frame)
        const { expression } = first
        if (expression.kind === 'Unary' && (expression.operator === '++' || expression.operator === '--'))
          return
        yield* enumerateOutput(value)
        return
      }
      yield* runPipeline(statement, frame)
      return
    }
    case 'Assignment': {
      if (statement.operator === '??=') {
        const current = await evalAsync(statement.target, frame)
        if (current !== null && current !== undefined) return
        await assignAsync(statement.target, await statementValue(statement.value, frame), frame)
        return
      }
      let value = await statementValue(statement.value, frame)
      if (statement.operator !== '=') {
        const current =
          statement.target.kind === 'Variable'
            ? compoundCurrent(statement.target, frame, () => undefined)
            : await evalAsync(statement.target, frame)
        value = binaryOperation(statement.operator[0] as '+', current, value)
      }
      await assignAsync(statement.target, value, frame)
      return
    }
    case 'If': {
      for (const clause of statement.clauses) {
        if (toBoolean(await statementValue(clause.condition, frame))) {
          yield* execStatements(clause.body.statements, frame)
          return
        }
      }
      if (statement.elseBody) yield* execStatements(statement.elseBody.statements, frame)
      return
    }
    case 'Foreach': {
      const collection = await statementValue(statement.iterable, frame)
      const items = collection === null || collection === undefined ? [] : enumerateOutput(collection)
      for (const item of items) {
        const pause = checkpoint(frame)
        if (pause) await pause
        frame.scope.set(statement.variable.name, item)
        if ((yield* loopBody(statement.body, frame, statement.label)) === 'break') break
      }
      return
    }
    case 'For': {
      if (statement.init) yield* execStatement(statement.init, frame)
      while (!statement.condition || toBoolean(await statementValue(statement.condition, frame))) {
        const pause = checkpoint(frame)
        if (pause) await pause
        if ((yield* loopBody(statement.body, frame, statement.label)) === 'break') break
        if (statement.step) yield* execStatement(statement.step, frame)
      }
      return
    }
    case 'While': {
      while (toBoolean(await statementValue(statement.condition, frame))) {
        const pause = checkpoint(frame)
        if (pause) await pause
        if ((yield* loopBody(statement.body, frame, statement.label)) === 'break') break
      }
      return
    }
    case 'Do': {
      do {
        const pause = checkpoint(frame)
        if (pause) await pause
        if ((yield* loopBody(statement.body, frame, statement.label)) === 'break') break
      } while (toBoolean(await statementValue(statement.condition, frame)) !== statement.until)
      return
    }
    case 'Try':
      yield* execTry(statement, frame)
      return
    case 'Flow':
      yield* execFlow(statement, frame)
      return
    case 'Function':
      defineFunction(statement, frame)
      return
    case 'Switch':
      yield* execSwitch(statement, frame)
      return
    case 'Trap':
      // Traps are found by the statement list they are in (execStatements), wherever they stand.
      return
    case 'Chain':
      yield* execChain(statement, frame)
      return
  }
}

/** `a && b` runs b when a succeeded ($? true); `a || b` when it failed (about_Pipeline_Chain_Operators). */
async function* execChain(statement: ChainStatement, frame: Frame): AsyncGenerator<unknown> {
  const { runtime } = frame
  const before = runtime.session.errorsRecorded
  runtime.nativeFailed = false
  yield* execStatement(statement.left, frame)
  const succeeded = runtime.session.errorsRecorded === before && !runtime.nativeFailed
  runtime.lastSuccess = succeeded
  if (succeeded === (statement.operator === '&&')) {
    runtime.nativeFailed = false
    yield* execStatement(statement.right, frame)
  }
}

/**
 * `switch` (about_Switch): each value of the input (an array is enumerated, `-File` reads lines) is
 * tested against every clause in order and every matching clause runs, with `$_` the value; `default`
 * runs when none matched. `break` ends the switch, `continue` moves to the next value.
 */
async function* execSwitch(statement: SwitchStatement, frame: Frame): AsyncGenerator<unknown> {
  let value = await statementValue(statement.value, frame)
  if (statement.file) value = await readLines(toText(value))
  const items = value === undefined ? [] : Array.isArray(value) ? value : [value]
  const current = { value: undefined as unknown }
  const scope = frame.scope.child({ input: current, transparent: true })
  const inner = childFrame(frame, scope)
  const defaults = statement.clauses.filter((clause) => clause.condition === 'default')
  items: for (const item of items) {
    const pause = checkpoint(frame)
    if (pause) await pause
    current.value = item
    let matched = false
    for (const clause of statement.clauses) {
      if (clause.condition === 'default') continue
      if (!(await switchMatches(statement, clause.condition, item, inner))) continue
      matched = true
      current.value = item
      const flow = yield* loopBody(clause.body, inner, statement.label)
      if (flow === 'break') break items
      if (flow === 'continue') continue items
    }
    if (!matched) {
      for (const clause of defaults) {
        const flow = yield* loopBody(clause.body, inner, statement.label)
        if (flow === 'break') break items
        if (flow === 'continue') continue items
      }
    }
  }
}

async function switchMatches(
  statement: SwitchStatement,
  condition: Expression,
  item: unknown,
  frame: Frame,
): Promise<boolean> {
  if (condition.kind === 'ScriptBlock') {
    const block = (await evalAsync(condition, frame)) as ScriptBlockValue
    return toBoolean(collapse(await block.invokeAll(item, [], true)))
  }
  const pattern = await evalAsync(condition, frame)
  const options = { caseSensitive: statement.caseSensitive }
  switch (statement.mode) {
    case 'wildcard':
      return toBoolean(binaryOperation('like', toText(item), toText(pattern), options))
    case 'regex':
      return toBoolean(
        binaryOperation('match', toText(item), toText(pattern), {
          ...options,
          onMatch: (groups) => frame.scope.set('Matches', newHashtable(Object.entries(groups))),
        }),
      )
    default:
      // -Exact (the default) compares as -eq does, text case-insensitively unless -CaseSensitive.
      if (typeof pattern === 'string' || typeof item === 'string') {
        return statement.caseSensitive
          ? toText(item) === toText(pattern)
          : toText(item).toLowerCase() === toText(pattern).toLowerCase()
      }
      return toBoolean(binaryOperation('eq', item, pattern, options))
  }
}

async function readLines(file: string): Promise<string[]> {
  try {
    // fs/promises loads here, for `switch -File`, not with the language (a one-shot's start-up).
    const text = await process.getBuiltinModule('node:fs/promises').readFile(file, 'utf8')
    const lines = text.split(/\r?\n/)
    if (lines[lines.length - 1] === '') lines.pop()
    return lines
  } catch (error) {
    throw new RuntimeError('FileError', `Cannot find the file '${file}': ${(error as Error).message}`, {
      category: 'ObjectNotFound',
    })
  }
}

/** The first trap of the statement list whose type (or no type) matches the error. */
function trapFor(traps: TrapStatement[], error: unknown, frame: Frame): TrapStatement | undefined {
  if (error instanceof FlowSignal || error instanceof ScriptExit || error instanceof InterruptedError)
    return undefined
  const vcsError = withPosition(error, frame.source, stageOf(error)?.span ?? traps[0])
  return traps.find((trap) => !trap.type || errorMatchesType(vcsError, trap.type.name))
}

/**
 * Runs a trap for an error (about_Trap): `$_` is the error record; `break` in the trap rethrows the
 * error, `continue` goes on silently, and otherwise the error is reported and the script goes on.
 */
async function* runTrap(
  trap: TrapStatement,
  error: unknown,
  statement: Statement,
  frame: Frame,
): AsyncGenerator<unknown> {
  const vcsError = withPosition(error, frame.source, stageOf(error)?.span ?? statement)
  const record = errorRecordFor(frame.runtime.session, vcsError, {
    command: stageOf(error)?.command,
    record: true,
  })
  const scope = frame.scope.child({ input: { value: record }, transparent: true })
  const flow = yield* loopBody(trap.body, childFrame(frame, scope, 0))
  if (flow === 'break') throw markScriptTerminating(vcsError)
  if (flow === 'continue') return
  const preference = String(frame.scope.get('ErrorActionPreference') ?? 'Continue').toLowerCase()
  if (preference !== 'silentlycontinue' && preference !== 'ignore')
    frame.runtime.session.host.writeError(record)
  frame.runtime.statementErrors.push(vcsError)
}

/**
 * One iteration of a loop body; `break` and `continue` end it early and are reported to the loop.
 * A body of synchronous statements (the common case) runs without a promise per statement.
 */
function loopBody(
  body: Block,
  frame: Frame,
  label?: string,
): AsyncGenerator<unknown, Flow> | Generator<unknown, Flow> {
  if (!body.statements.every(isSyncStatement)) return asyncLoopBody(body, frame, label)
  const out: unknown[] = []
  try {
    return outputThen(out, loopBodySync(body.statements, frame, out, label))
  } catch (error) {
    // Output before a `return` or an error still goes out.
    return outputThenThrow(out, error)
  }
}

async function* asyncLoopBody(body: Block, frame: Frame, label?: string): AsyncGenerator<unknown, Flow> {
  try {
    yield* execStatements(body.statements, frame)
    return undefined
  } catch (error) {
    if (error instanceof FlowSignal && error.keyword !== 'return' && error.targets(label))
      return error.keyword
    throw error
  }
}

function* outputThen(out: unknown[], flow: Flow): Generator<unknown, Flow> {
  yield* out
  return flow
}

function* outputThenThrow(out: unknown[], error: unknown): Generator<unknown, Flow> {
  yield* out
  throw error
}

type Flow = 'break' | 'continue' | undefined

async function* execTry(statement: TryStatement, frame: Frame): AsyncGenerator<unknown> {
  try {
    yield* execStatements(statement.body.statements, childFrame(frame, frame.scope, frame.tryDepth + 1))
  } catch (error) {
    if (error instanceof FlowSignal || error instanceof ScriptExit || error instanceof InterruptedError)
      throw error
    const vcsError = withPosition(error, frame.source, stageOf(error)?.span ?? statement.body)
    const clause = statement.catches.find(
      (candidate) =>
        candidate.types.length === 0 || candidate.types.some((type) => errorMatchesType(vcsError, type.name)),
    )
    if (!clause) throw vcsError
    const record = errorRecordFor(frame.runtime.session, vcsError, {
      command: stageOf(error)?.command,
      record: true,
    })
    const scope = frame.scope.child({ input: { value: record }, transparent: true })
    yield* execStatements(clause.body.statements, childFrame(frame, scope))
  } finally {
    if (statement.finallyBody) yield* execStatements(statement.finallyBody.statements, frame)
  }
}

async function* execFlow(statement: FlowStatement, frame: Frame): AsyncGenerator<unknown> {
  switch (statement.keyword) {
    case 'return':
      if (statement.value) yield* execStatement(statement.value, frame)
      throw new FlowSignal('return')
    case 'break':
    case 'continue':
      throw new FlowSignal(statement.keyword, statement.label || undefined)
    case 'exit': {
      const code = statement.value ? toNumber(await statementValue(statement.value, frame)) : 0
      throw new ScriptExit(roundHalfEven(code))
    }
    case 'throw':
      throw await thrownError(statement, frame)
  }
}

/** `throw 'text'`, `throw $object`, or a bare `throw` in a catch block (rethrows `$_`). */
async function thrownError(statement: FlowStatement, frame: Frame): Promise<VcsError> {
  let value = statement.value ? await statementValue(statement.value, frame) : undefined
  if (!statement.value) {
    const current = frame.scope.get('_')
    if (current instanceof ErrorRecord) value = current
  }
  let error: VcsError
  if (value instanceof ErrorRecord) error = value.error
  else if (value instanceof VcsError) error = value
  else {
    const message = value === null || value === undefined ? 'ScriptHalted' : toText(value)
    error = new RuntimeError('UserThrown', message, {
      category: 'OperationStopped',
      target: isRecord(value) ? value : undefined,
    })
  }
  return markScriptTerminating(withPosition(error, frame.source, statement))
}

/**
 * Decides what a statement's error means: rethrows it when it ends the script (throw, 'Stop', an
 * interrupt, `exit`) or when a try encloses it; otherwise records it in $Error, shows it through the
 * host and lets the script go on.
 */
export function handleStatementError(error: unknown, statement: Statement, frame: Frame): void {
  if (error instanceof FlowSignal) throw error
  const { runtime } = frame
  const { session } = runtime
  const stage = stageOf(error)
  const vcsError = withPosition(error, frame.source, stage?.span ?? statement)
  if (
    vcsError instanceof ScriptExit ||
    vcsError instanceof InterruptedError ||
    isScriptTerminating(vcsError)
  ) {
    throw markScriptTerminating(vcsError)
  }
  if (frame.tryDepth > 0) throw vcsError
  // A non-terminating error that -ErrorAction Stop turned into a terminating one: it ends the script.
  if (isRecorded(session, vcsError)) throw markScriptTerminating(vcsError)
  const preference = String(frame.scope.get('ErrorActionPreference') ?? 'Continue').toLowerCase()
  const record = new ScriptErrorRecord(vcsError, true, stage?.command, vcsError.target)
  if (preference === 'stop') {
    session.recordError(record)
    throw markScriptTerminating(vcsError)
  }
  if (preference !== 'ignore') session.recordError(record)
  if (preference !== 'silentlycontinue' && preference !== 'ignore') session.host.writeError(record)
  runtime.statementErrors.push(vcsError)
}

export function throwIfInterrupted(frame: Frame): void {
  if (frame.runtime.session.signal.aborted) throw markScriptTerminating(new InterruptedError())
}

let iterations = 0

/**
 * Every few hundred loop iterations, lets timers and signals (Ctrl+C) run; always checks for an
 * interrupt. Returns a promise only when it pauses, so most iterations await nothing.
 */
function checkpoint(frame: Frame): Promise<void> | undefined {
  throwIfInterrupted(frame)
  if (++iterations % 256 !== 0) return undefined
  return new Promise<void>((resolve) => setImmediate(resolve)).then(() => throwIfInterrupted(frame))
}

/** Every output of one statement; errors propagate. */
export async function collectStatement(statement: Statement, frame: Frame): Promise<unknown[]> {
  const outputs: unknown[] = []
  for await (const value of execStatement(statement, frame)) outputs.push(value)
  return outputs
}

/** Every output of a statement list (`$( )`, `@( )`), each statement's errors handled on its own. */
export async function collectStatements(statements: readonly Statement[], frame: Frame): Promise<unknown[]> {
  const outputs: unknown[] = []
  for await (const value of execStatements(statements, frame)) outputs.push(value)
  return outputs
}

/** Runs a statement for its effect. */
export async function runStatement(statement: Statement, frame: Frame): Promise<void> {
  for await (const value of execStatement(statement, frame)) void value
}
