// A compact, readable rendering of syntax trees, so that grammar tests can state the expected shape
// in one line: `(cmd Get-X -Name 'A*') | (cmd Select-Object -First 5 (array Email Name))`.
import type { Block, Expression, Statement, ScriptAst } from '../../src/language/index.js'

export function printScript(ast: ScriptAst): string {
  const parts = ast.statements.map(printStatement)
  if (ast.param) parts.unshift(printParam(ast.param))
  return parts.join('; ')
}

function printParam(param: NonNullable<ScriptAst['param']>): string {
  const parameters = param.parameters.map((parameter) => {
    const attributes = parameter.attributes.map((attribute) => `[${attribute.name}]`).join('')
    const type = parameter.type ? `[${parameter.type.name}]` : ''
    const value = parameter.defaultValue ? `=${printExpression(parameter.defaultValue)}` : ''
    return `${attributes}${type}$${parameter.name}${value}`
  })
  return `(param ${parameters.join(' ')})`
}

function printBlock(block: Block): string {
  return `{${block.statements.map(printStatement).join('; ')}}`
}

export function printStatement(statement: Statement): string {
  switch (statement.kind) {
    case 'Pipeline':
      return statement.elements
        .map((element) => {
          if (element.kind === 'ExpressionElement') return printExpression(element.expression)
          const name = typeof element.name === 'string' ? element.name : `& ${printExpression(element.name)}`
          const args = element.arguments.map((argument) => {
            if (argument.kind === 'Parameter') {
              return argument.value
                ? `-${argument.name}:${printExpression(argument.value)}`
                : `-${argument.name}`
            }
            if (argument.kind === 'Splat') return `@${argument.variable}`
            return printExpression(argument.value)
          })
          return `(cmd ${[name, ...args].join(' ')})`
        })
        .join(' | ')
    case 'Assignment':
      return `(${statement.operator} ${printExpression(statement.target)} ${printStatement(statement.value)})`
    case 'If': {
      const [first, ...rest] = statement.clauses
      const parts = [`(if ${printStatement(first.condition)} ${printBlock(first.body)}`]
      for (const clause of rest)
        parts.push(`elseif ${printStatement(clause.condition)} ${printBlock(clause.body)}`)
      if (statement.elseBody) parts.push(`else ${printBlock(statement.elseBody)}`)
      return `${parts.join(' ')})`
    }
    case 'Foreach':
      return `(foreach $${statement.variable.name} ${printStatement(statement.iterable)} ${printBlock(statement.body)})`
    case 'For':
      return `(for ${[statement.init, statement.condition, statement.step].map((part) => (part ? printStatement(part) : '_')).join(' ')} ${printBlock(statement.body)})`
    case 'While':
      return `(while ${printStatement(statement.condition)} ${printBlock(statement.body)})`
    case 'Do':
      return `(do ${printBlock(statement.body)} ${statement.until ? 'until' : 'while'} ${printStatement(statement.condition)})`
    case 'Try': {
      const catches = statement.catches.map(
        (clause) =>
          ` catch${clause.types.map((type) => ` [${type.name}]`).join('')} ${printBlock(clause.body)}`,
      )
      const final = statement.finallyBody ? ` finally ${printBlock(statement.finallyBody)}` : ''
      return `(try ${printBlock(statement.body)}${catches.join('')}${final})`
    }
    case 'Flow':
      return statement.value
        ? `(${statement.keyword} ${printStatement(statement.value)})`
        : `(${statement.keyword}${statement.label ? ` ${statement.label}` : ''})`
    case 'Function':
      return `(${statement.filter ? 'filter' : 'function'} ${statement.name} ${printExpression(statement.body)})`
    case 'Switch':
      return `(switch ${statement.mode}${statement.caseSensitive ? ' cs' : ''}${statement.file ? ' file' : ''} ${printStatement(statement.value)} ${statement.clauses
        .map(
          (clause) =>
            `${clause.condition === 'default' ? 'default' : printExpression(clause.condition)} ${printBlock(clause.body)}`,
        )
        .join(' ')})`
    case 'Trap':
      return `(trap${statement.type ? ` [${statement.type.name}]` : ''} ${printBlock(statement.body)})`
    case 'Chain':
      return `(${statement.operator} ${printStatement(statement.left)} ${printStatement(statement.right)})`
  }
}

export function printExpression(expression: Expression): string {
  switch (expression.kind) {
    case 'Constant':
      return typeof expression.value === 'number' || expression.bareword
        ? String(expression.value)
        : `'${expression.value}'`
    case 'ExpandableString':
      return `"${expression.parts.map((part) => (typeof part === 'string' ? part : `{${printExpression(part)}}`)).join('')}"`
    case 'Variable':
      return `$${expression.drive ? `${expression.drive}:` : ''}${expression.name}`
    case 'ArrayLiteral':
      return `(array ${expression.items.map(printExpression).join(' ')})`
    case 'SubExpression': {
      const body = expression.statements.map(printStatement).join('; ')
      return expression.form === 'paren'
        ? `(${body})`
        : expression.form === 'dollar'
          ? `$(${body})`
          : `@(${body})`
    }
    case 'Hashtable':
      return `@{${expression.entries.map((entry) => `${printExpression(entry.key)}=${printStatement(entry.value)}`).join('; ')}}`
    case 'ScriptBlock': {
      const named = expression.blocks
        ? (['begin', 'process', 'end'] as const)
            .filter((name) => expression.blocks![name])
            .map((name) => `${name} ${printBlock(expression.blocks![name]!)}`)
            .join(' ')
        : expression.statements.map(printStatement).join('; ')
      return `{${expression.param ? `${printParam(expression.param)} ` : ''}${named}}`
    }
    case 'Binary':
      return `(${expression.caseSensitive ? 'c' : ''}${expression.operator} ${printExpression(expression.left)} ${printExpression(expression.right)})`
    case 'Unary':
      return expression.postfix
        ? `(${printExpression(expression.operand)}${expression.operator})`
        : `(${expression.operator} ${printExpression(expression.operand)})`
    case 'Cast':
      return `([${expression.type.name}] ${printExpression(expression.operand)})`
    case 'Type':
      return `[${expression.type.name}]`
    case 'Member': {
      const member =
        typeof expression.member === 'string' ? expression.member : printExpression(expression.member)
      return `${printExpression(expression.target)}${expression.static ? '::' : '.'}${member}`
    }
    case 'InvokeMember':
      return `${printExpression(expression.target)}${expression.static ? '::' : '.'}${expression.member}(${expression.arguments.map(printExpression).join(', ')})`
    case 'Index':
      return `${printExpression(expression.target)}[${printExpression(expression.index)}]`
    case 'Ternary':
      return `(? ${printExpression(expression.condition)} ${printExpression(expression.whenTrue)} ${printExpression(expression.whenFalse)})`
  }
}
