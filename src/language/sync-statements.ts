// Statements that run no command need no promise: `$n++`, `if ($u.Email -like '*@corp.com') { ... }`,
// `$total += $u.Count`. They run synchronously, which matters inside loops and per-record script
// blocks (each promise also costs an AsyncLocalStorage hook). Same semantics as statements.ts, which
// falls back here whenever isSyncStatement() says so.
import { toBoolean } from '../engine/compare.js'
import type { AssignmentStatement, Statement } from './ast.js'
import { assignSync, compoundCurrent, evalSync, isSync, pureExpression } from './expressions.js'
import { binaryOperation } from './operators.js'
import { enumerateOutput, FlowSignal, type Frame } from './scope.js'
import { handleStatementError, throwIfInterrupted } from './statements.js'

const cache = new WeakMap<Statement, boolean>()

/** True when the statement (and everything in it) runs without awaiting anything. */
export function isSyncStatement(statement: Statement): boolean {
  let sync = cache.get(statement)
  if (sync === undefined) {
    sync = computeSync(statement)
    cache.set(statement, sync)
  }
  return sync
}

function computeSync(statement: Statement): boolean {
  switch (statement.kind) {
    case 'Pipeline':
      return pureExpression(statement) !== undefined
    case 'Assignment':
      return (
        statement.operator !== '??=' &&
        assignableSync(statement) &&
        pureExpression(statement.value) !== undefined
      )
    case 'If':
      return (
        statement.clauses.every(
          (clause) =>
            pureExpression(clause.condition) !== undefined && clause.body.statements.every(isSyncStatement),
        ) &&
        (statement.elseBody?.statements.every(isSyncStatement) ?? true)
      )
    case 'Flow':
      return (
        statement.keyword === 'break' ||
        statement.keyword === 'continue' ||
        (statement.keyword === 'return' &&
          (!statement.value || pureExpression(statement.value) !== undefined))
      )
    default:
      // Loops stay asynchronous so that Ctrl+C can always interrupt them; try has its own handling.
      return false
  }
}

function assignableSync(statement: AssignmentStatement): boolean {
  const { target } = statement
  return isSync(target) && (statement.operator === '=' || target.kind !== 'ArrayLiteral')
}

/** Runs statements, pushing their output; a failed statement is reported and skipped. */
export function execSync(statements: readonly Statement[], frame: Frame, out: unknown[]): void {
  for (const statement of statements) {
    throwIfInterrupted(frame)
    const errorsBefore = frame.runtime.session.errorsRecorded
    try {
      execStatementSync(statement, frame, out)
      // $? is False after a statement that wrote a non-terminating error, as in PowerShell.
      frame.runtime.lastSuccess = frame.runtime.session.errorsRecorded === errorsBefore
    } catch (error) {
      handleStatementError(error, statement, frame)
      frame.runtime.lastSuccess = false
    }
  }
}

/** Runs one statement for which isSyncStatement() is true. */
export function execStatementSync(statement: Statement, frame: Frame, out: unknown[]): void {
  switch (statement.kind) {
    case 'Pipeline': {
      const expression = pureExpression(statement)!
      const value = evalSync(expression, frame)
      if (expression.kind === 'Unary' && (expression.operator === '++' || expression.operator === '--'))
        return
      for (const item of enumerateOutput(value)) out.push(item)
      return
    }
    case 'Assignment': {
      let value = evalSync(pureExpression(statement.value)!, frame)
      if (statement.operator !== '=') {
        const current = compoundCurrent(statement.target, frame, (node) => evalSync(node, frame))
        value = binaryOperation(statement.operator[0] as '+', current, value)
      }
      assignSync(statement.target, value, frame)
      return
    }
    case 'If': {
      for (const clause of statement.clauses) {
        if (toBoolean(evalSync(pureExpression(clause.condition)!, frame))) {
          execSync(clause.body.statements, frame, out)
          return
        }
      }
      if (statement.elseBody) execSync(statement.elseBody.statements, frame, out)
      return
    }
    case 'Flow':
      if (statement.keyword === 'return' && statement.value) execStatementSync(statement.value, frame, out)
      throw new FlowSignal(statement.keyword as 'return', statement.label || undefined)
    default:
      throw new Error(`${statement.kind} is not a synchronous statement`)
  }
}

/** A loop body made of synchronous statements: its output, and whether it ended with break/continue. */
export function loopBodySync(
  statements: readonly Statement[],
  frame: Frame,
  out: unknown[],
  label?: string,
): 'break' | 'continue' | undefined {
  try {
    execSync(statements, frame, out)
    return undefined
  } catch (error) {
    if (error instanceof FlowSignal && error.keyword !== 'return' && error.targets(label))
      return error.keyword
    throw error
  }
}
