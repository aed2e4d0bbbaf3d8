// Expression evaluation. Most expressions in Where-Object and ForEach-Object blocks are synchronous
// ($_.Email -like '*@corp.com'), so they are evaluated without a promise per node; only expressions
// that run commands or script blocks take the async path. Both paths share combine(), which applies
// an operator to already-evaluated operands, so the semantics cannot drift apart.
import { toBoolean } from '../engine/compare.js'
import { isKnownTypeName } from '../engine/objects.js'
import { RuntimeError } from '../engine/errors.js'
import type { Expression, Statement, VariableExpression } from './ast.js'
import { withPosition } from './diagnostics.js'
import { getIndex, getMember, setIndex, setMember } from './members.js'
import { getStaticMember, invokeStatic } from './statics.js'
import { ASYNC_METHODS, invokeMethod } from './methods.js'
import { binaryOperation, negate, splitWhitespace } from './operators.js'
import { PSReference } from './dotnet.js'
import { ScriptBlockValue } from './scriptblock.js'
import { collapse, enumerateOutput, FlowSignal, type Frame } from './scope.js'
import { readVariable, writeVariable } from './variables.js'
import { collectStatement, collectStatements, runStatement } from './statements.js'
import {
  convertTo,
  newHashtable,
  textWith,
  toNumber,
  toText,
  TypeValue,
  typeValue,
  unknownType,
} from './types.js'

const syncCache = new WeakMap<object, boolean>()

/** True when evaluating the node runs no command and no script block. */
export function isSync(node: Expression): boolean {
  let sync = syncCache.get(node)
  if (sync === undefined) {
    sync = computeSync(node)
    syncCache.set(node, sync)
  }
  return sync
}

function computeSync(node: Expression): boolean {
  switch (node.kind) {
    case 'SubExpression':
      return node.statements.every((statement) => pureExpression(statement) !== undefined)
    case 'Hashtable':
      return node.entries.every((entry) => isSync(entry.key) && pureExpression(entry.value) !== undefined)
    case 'InvokeMember':
      if (ASYNC_METHODS.has(node.member.toLowerCase())) return false
      break
  }
  return childrenOf(node).every(isSync)
}

/** The expression of a statement that is a lone expression (no command, no assignment), else undefined. */
export function pureExpression(statement: Statement): Expression | undefined {
  if (statement.kind !== 'Pipeline' || statement.elements.length !== 1 || statement.redirections)
    return undefined
  const element = statement.elements[0]
  return element.kind === 'ExpressionElement' && isSync(element.expression) ? element.expression : undefined
}

/** Operands evaluated in order before combine() (nodes with special evaluation have none here). */
function childrenOf(node: Expression): Expression[] {
  switch (node.kind) {
    case 'ExpandableString':
      return node.parts.filter((part): part is Expression => typeof part !== 'string')
    case 'ArrayLiteral':
      return node.items
    case 'Binary':
      return [node.left, node.right]
    case 'Unary':
    case 'Cast':
      return [node.operand]
    case 'Member':
      return typeof node.member === 'string' ? [node.target] : [node.target, node.member]
    case 'InvokeMember':
      return [node.target, ...node.arguments]
    case 'Index':
      return [node.target, node.index]
    case 'Ternary':
      return [node.condition, node.whenTrue, node.whenFalse]
    default:
      return []
  }
}

/** Evaluates a node whose isSync() is true. */
export function evalSync(node: Expression, frame: Frame): unknown {
  try {
    switch (node.kind) {
      case 'Constant':
        return node.value
      case 'Variable':
        return readVariable(node, frame)
      case 'Type': {
        const type = typeValue(node.type.name)
        if (type.canonical === undefined && !isKnownTypeName(type.name)) throw unknownType(type)
        return type
      }
      case 'ScriptBlock':
        return new ScriptBlockValue(node, frame)
      case 'SubExpression': {
        const values = node.statements.map((statement) => evalSync(pureExpression(statement)!, frame))
        return subExpressionValue(node.form, values)
      }
      case 'Hashtable':
        return hashtable(
          node,
          node.entries.map((entry) => [
            evalSync(entry.key, frame),
            evalSync(pureExpression(entry.value)!, frame),
          ]),
          frame,
        )
      case 'Binary':
        if (node.operator === 'and' || node.operator === 'or') {
          const left = toBoolean(evalSync(node.left, frame))
          if (left === (node.operator === 'or')) return left
          return toBoolean(evalSync(node.right, frame))
        }
        if (node.operator === '??') {
          const left = evalSync(node.left, frame)
          return left === null || left === undefined ? evalSync(node.right, frame) : left
        }
        break
      case 'Ternary':
        return toBoolean(evalSync(node.condition, frame))
          ? evalSync(node.whenTrue, frame)
          : evalSync(node.whenFalse, frame)
      case 'Cast':
        if (node.type.name.toLowerCase() === 'ref') return reference(node.operand, frame, evalSync)
        break
      case 'Unary':
        if (node.operator === '++' || node.operator === '--') {
          const old = evalSync(node.operand, frame)
          const updated = toNumber(old) + (node.operator === '++' ? 1 : -1)
          assignSync(node.operand, updated, frame)
          return node.postfix ? old : updated
        }
        break
    }
    return combine(
      node,
      childrenOf(node).map((child) => evalSync(child, frame)),
      frame,
    )
  } catch (error) {
    throw locate(error, node, frame)
  }
}

/** Evaluates any node. */
export async function evalAsync(node: Expression, frame: Frame): Promise<unknown> {
  if (isSync(node)) return evalSync(node, frame)
  try {
    switch (node.kind) {
      case 'SubExpression':
        return await subExpressionAsync(node.form, node.statements, frame)
      case 'Hashtable': {
        const entries: [unknown, unknown][] = []
        for (const entry of node.entries) {
          entries.push([await evalAsync(entry.key, frame), await statementValue(entry.value, frame)])
        }
        return hashtable(node, entries, frame)
      }
      case 'Binary':
        if (node.operator === 'and' || node.operator === 'or') {
          const left = toBoolean(await evalAsync(node.left, frame))
          if (left === (node.operator === 'or')) return left
          return toBoolean(await evalAsync(node.right, frame))
        }
        if (node.operator === '??') {
          const left = await evalAsync(node.left, frame)
          return left === null || left === undefined ? await evalAsync(node.right, frame) : left
        }
        break
      case 'Ternary':
        return toBoolean(await evalAsync(node.condition, frame))
          ? await evalAsync(node.whenTrue, frame)
          : await evalAsync(node.whenFalse, frame)
      case 'Cast':
        if (node.type.name.toLowerCase() === 'ref') {
          const value = await evalAsync(node.operand, frame)
          return reference(node.operand, frame, () => value)
        }
        break
      case 'Unary':
        if (node.operator === '++' || node.operator === '--') {
          const old = await evalAsync(node.operand, frame)
          const updated = toNumber(old) + (node.operator === '++' ? 1 : -1)
          await assignAsync(node.operand, updated, frame)
          return node.postfix ? old : updated
        }
        break
    }
    const values: unknown[] = []
    for (const child of childrenOf(node)) values.push(await evalAsync(child, frame))
    return await combine(node, values, frame)
  } catch (error) {
    throw locate(error, node, frame)
  }
}

/** Applies a node's operation to its evaluated operands (in childrenOf order). */
function combine(node: Expression, values: unknown[], frame: Frame): unknown {
  switch (node.kind) {
    case 'ExpandableString': {
      let index = 0
      const separator = outputFieldSeparator(frame)
      return node.parts
        .map((part) => (typeof part === 'string' ? part : textWith(values[index++], separator)))
        .join('')
    }
    case 'ArrayLiteral':
      return values
    case 'Binary':
      return binaryOperation(node.operator, values[0], values[1], {
        caseSensitive: node.caseSensitive,
        onMatch:
          node.operator === 'match' || node.operator === 'notmatch'
            ? (groups) => frame.scope.set('Matches', newHashtable(Object.entries(groups)))
            : undefined,
      })
    case 'Unary':
      return unary(node.operator, values[0])
    case 'Cast': {
      const type = typeValue(node.type.name)
      if (type.canonical === 'string') return textWith(values[0], outputFieldSeparator(frame))
      // `[int][char]'a'` is 97: to a numeric type a [char] (a one-character string here) is its code.
      const inner = node.operand.kind === 'Cast' ? typeValue(node.operand.type.name).canonical : undefined
      if (inner === 'char' && NUMERIC.has(type.canonical ?? ''))
        return convertTo(type, (values[0] as string).charCodeAt(0))
      return convertTo(type, values[0])
    }
    case 'Member': {
      const name = typeof node.member === 'string' ? node.member : toText(values[1])
      if (node.static) return getStaticMember(asType(values[0]), name)
      return getMember(values[0], name)
    }
    case 'InvokeMember':
      if (node.static) return invokeStatic(asType(values[0]), node.member, values.slice(1))
      return invokeMethod(values[0], node.member, values.slice(1))
    case 'Index':
      return getIndex(values[0], values[1])
    default:
      throw new RuntimeError('RuntimeError', `Cannot evaluate ${node.kind} here.`)
  }
}

/** `$OFS`, the separator of array items turned into text; a space unless set. */
function outputFieldSeparator(frame: Frame): string {
  const value = frame.scope.get('OFS')
  return value === null || value === undefined ? ' ' : toText(value)
}

/** `[ref]$x`: a reference that reads and writes the variable (or holds the value of anything else). */
function reference(
  operand: Expression,
  frame: Frame,
  read: (node: Expression, frame: Frame) => unknown,
): PSReference {
  if (operand.kind === 'Variable') {
    return new PSReference(
      () => readVariable(operand, frame),
      (value) => writeVariable(operand, value, frame),
    )
  }
  let held = read(operand, frame)
  return new PSReference(
    () => held,
    (value) => (held = value),
  )
}

const NUMERIC = new Set(['int', 'long', 'double'])

function asType(value: unknown): TypeValue {
  if (value instanceof TypeValue) return value
  throw new RuntimeError(
    'RuntimeError',
    "The '::' operator needs a type on its left, such as [datetime]::Now.",
  )
}

function unary(operator: string, value: unknown): unknown {
  switch (operator) {
    case '!':
    case 'not':
      return !toBoolean(value)
    case '-':
      return negate(value)
    case '+':
      return toNumber(value)
    case 'bnot':
      return ~toNumber(value)
    case ',':
      return [value]
    case 'split':
      return splitWhitespace(value)
    case 'join':
      return enumerateOutput(value).map(toText).join('')
    default:
      throw new RuntimeError('RuntimeError', `Unknown operator ${operator}.`)
  }
}

function hashtable(
  node: Extract<Expression, { kind: 'Hashtable' }>,
  entries: [unknown, unknown][],
  frame: Frame,
) {
  const seen = new Set<string>()
  entries.forEach(([key], index) => {
    const lower = toText(key).toLowerCase()
    if (seen.has(lower)) {
      const error = new RuntimeError(
        'RuntimeError',
        `Duplicate keys '${toText(key)}' are not allowed in hash literals.`,
      )
      throw withPosition(error, frame.source, node.entries[index].key)
    }
    seen.add(lower)
  })
  return newHashtable(entries.map(([key, value]) => [toText(key), value]))
}

// An empty `$()` is $null, which a pipeline sends on (Parser.Tests.ps1, "Test piping null into a
// scriptblock"); a `$(...)` whose statements output nothing is empty and sends nothing.
function subExpressionValue(form: 'paren' | 'dollar' | 'array', values: unknown[]): unknown {
  if (form === 'paren') return values[0]
  if (form === 'dollar' && values.length === 0) return null
  const outputs = values.flatMap(enumerateOutput)
  return form === 'array' ? outputs : collapse(outputs)
}

async function subExpressionAsync(form: 'paren' | 'dollar' | 'array', statements: Statement[], frame: Frame) {
  if (form === 'paren') {
    const [statement] = statements
    if (statement.kind === 'Assignment') {
      await runStatement(statement, frame)
      return evalAsync(statement.target, frame)
    }
    return statementValue(statement, frame)
  }
  if (form === 'dollar' && statements.length === 0) return null
  const outputs = await collectStatements(statements, frame)
  return form === 'array' ? outputs : collapse(outputs)
}

/** A statement as a value: an expression's value as is, a pipeline's output collapsed. */
export async function statementValue(statement: Statement, frame: Frame): Promise<unknown> {
  // `$x = $y = 5`: an assignment's value is what it assigned.
  if (statement.kind === 'Assignment') {
    await runStatement(statement, frame)
    return evalAsync(statement.target, frame)
  }
  if (
    statement.kind === 'Pipeline' &&
    statement.elements.length === 1 &&
    statement.elements[0].kind === 'ExpressionElement' &&
    !statement.redirections
  ) {
    return evalAsync(statement.elements[0].expression, frame)
  }
  return collapse(await collectStatement(statement, frame))
}

/**
 * The current value for a compound assignment (`$x += 1`): a plain variable is read from the current
 * scope only, as PowerShell does ("compound assignment operators don't use dynamic scoping").
 */
export function compoundCurrent(
  target: Expression,
  frame: Frame,
  evaluate: (node: Expression) => unknown,
): unknown {
  if (target.kind === 'Variable' && target.drive === undefined && target.scope === undefined) {
    const value = frame.scope.getLocal(target.name)
    return value === undefined ? null : value
  }
  return evaluate(target)
}

/** Assigns to a target whose sub-expressions are synchronous. */
export function assignSync(target: Expression, value: unknown, frame: Frame): void {
  assign(target, value, frame, (node) => evalSync(node, frame))
}

/** Assigns to any target (`$x`, `$x.Name`, `$x[0]`, `[int]$x`, `$a, $b`). */
export async function assignAsync(target: Expression, value: unknown, frame: Frame): Promise<void> {
  const parts: unknown[] = []
  for (const part of assignmentParts(target)) parts.push(await evalAsync(part, frame))
  let index = 0
  assign(target, value, frame, () => parts[index++])
}

function assignmentParts(target: Expression): Expression[] {
  switch (target.kind) {
    case 'Member':
      return typeof target.member === 'string' ? [target.target] : [target.target, target.member]
    case 'Index':
      return [target.target, target.index]
    case 'ArrayLiteral':
      return target.items.flatMap(assignmentParts)
    default:
      return []
  }
}

function assign(target: Expression, value: unknown, frame: Frame, part: (node: Expression) => unknown): void {
  switch (target.kind) {
    case 'Variable':
      return writeVariable(target, value, frame)
    case 'Cast': {
      // `[int]$x = '5'`: the variable keeps the type for later assignments (about_Variables).
      const type = typeValue(target.type.name)
      const variable = target.operand as VariableExpression
      const convert = (item: unknown) =>
        type.canonical === 'string' ? textWith(item, outputFieldSeparator(frame)) : convertTo(type, item)
      const converted = convert(value)
      if (variable.drive === undefined && variable.scope === undefined)
        frame.scope.constrain(variable.name, convert)
      return writeVariable(variable, converted, frame)
    }
    case 'Member': {
      const object = part(target.target)
      const name = typeof target.member === 'string' ? target.member : toText(part(target.member))
      return setMember(object, name, value)
    }
    case 'Index': {
      const object = part(target.target)
      return setIndex(object, part(target.index), value)
    }
    case 'ArrayLiteral': {
      const values = Array.isArray(value) ? value : [value]
      target.items.forEach((item, index) => {
        const last = index === target.items.length - 1
        const itemValue = last && values.length > target.items.length ? values.slice(index) : values[index]
        assign(item, itemValue === undefined ? null : itemValue, frame, part)
      })
      return
    }
    default:
      throw new RuntimeError('RuntimeError', 'The assignment target is not a variable, property or index.')
  }
}

/** Gives an error the position of the node that raised it, unless it has one. */
function locate(error: unknown, node: Expression, frame: Frame): unknown {
  if (error instanceof FlowSignal) return error
  const span = node.kind === 'Binary' ? node.operatorSpan : node
  return withPosition(error, frame.source, span)
}
