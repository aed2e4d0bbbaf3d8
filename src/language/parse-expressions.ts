// Expression mode: operators by PowerShell's precedence (logical < comparison < bitwise < additive <
// multiplicative < -f < .. < comma < unary < postfix), primaries, casts and type literals, member
// access and method calls.
import { COMPARISON_OPERATORS } from '../engine/compare.js'
import type { BinaryOperator, Expression, TypeName } from './ast.js'
import { isNameChar } from './characters.js'
import type { LexToken } from './lexer.js'
import { LiteralParser, variableNode } from './parse-literals.js'
import { hintFor } from './parser-core.js'

/** The engine's comparison operators, and the two regular-expression ones that share their level. */
const COMPARISON = new Set<string>([...COMPARISON_OPERATORS, 'replace', 'split'])
const LEVELS: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['and', 'or', 'xor']),
  new Set(['comparison', 'join', 'is', 'isnot', 'as']),
  new Set(['band', 'bor', 'bxor', 'shl', 'shr']),
  // PowerShell's BinaryPrecedenceCoalesce lies between comparison and addition (token.cs).
  new Set(['??']),
  new Set(['+', '-']),
  new Set(['*', '/', '%']),
  new Set(['f']),
  new Set(['..']),
]

interface OperatorInfo {
  operator: BinaryOperator
  caseSensitive: boolean
  level: number
}

export abstract class ExpressionParser extends LiteralParser {
  /** A full expression at the current position. */
  parseExpression(): Expression {
    const condition = this.parseBinary(0)
    const token = this.peek()
    if (!(token.type === 'operator' && token.text === '?')) return condition
    // `cond ? a : b`, the lowest-precedence expression (PowerShell 7's TernaryExpressionRule).
    this.take(token)
    this.skipNewlines()
    const whenTrue = this.operand(token, () => this.parseExpression())
    this.skipNewlines()
    if (this.char() !== ':') {
      throw this.error(
        "Missing ':' in the ternary expression (cond ? a : b).",
        this.spanOf(token),
        this.peek().type === 'eof',
      )
    }
    const colon = { type: 'operator', start: this.pos, end: this.pos + 1, text: ':' } as LexToken
    this.pos++
    this.skipNewlines()
    const whenFalse = this.operand(colon, () => this.parseExpression())
    return { kind: 'Ternary', condition, whenTrue, whenFalse, start: condition.start, end: whenFalse.end }
  }

  private operatorInfo(token: LexToken): OperatorInfo | undefined {
    if (token.type !== 'operator') return undefined
    let name = token.text.startsWith('-') && token.text.length > 1 ? String(token.value) : token.text
    let caseSensitive = false
    if (token.text.startsWith('-') && token.text.length > 1) {
      if ((name.startsWith('c') || name.startsWith('i')) && COMPARISON.has(name.slice(1))) {
        caseSensitive = name.startsWith('c')
        name = name.slice(1)
      }
    }
    const key = COMPARISON.has(name) && token.text.startsWith('-') ? 'comparison' : name
    if (key === 'not' || key === 'bnot') return undefined
    if (!token.text.startsWith('-') && !['+', '-', '*', '/', '%', '..', '??'].includes(name)) return undefined
    const level = LEVELS.findIndex((set) => set.has(key))
    return level === -1 ? undefined : { operator: name as BinaryOperator, caseSensitive, level }
  }

  private parseBinary(level: number): Expression {
    if (level === LEVELS.length) return this.parseComma()
    let left = this.parseBinary(level + 1)
    for (;;) {
      const token = this.peek()
      const info = this.operatorInfo(token)
      if (!info || info.level !== level) return left
      this.take(token)
      this.skipNewlines()
      const right = this.operand(token, () => this.parseBinary(level + 1))
      left = {
        kind: 'Binary',
        operator: info.operator,
        caseSensitive: info.caseSensitive,
        left,
        right,
        operatorSpan: { start: token.start, end: token.end },
        start: left.start,
        end: right.end,
      }
    }
  }

  /** Parses the operand after `operator`, or fails saying a value was expected. */
  private operand(operator: LexToken, parse: () => Expression): Expression {
    const next = this.peek()
    if (!this.startsOperand(next)) {
      throw this.error(
        `You must provide a value expression following the '${operator.text}' operator.`,
        this.spanOf(next.type === 'eof' || next.type === 'newline' ? operator : next),
        next.type === 'eof',
        hintFor(next),
      )
    }
    return parse()
  }

  /** True when the token can begin an operand (a value, a unary operator, a cast). */
  protected startsOperand(token: LexToken): boolean {
    switch (token.type) {
      case 'number':
      case 'string':
      case 'variable':
      case 'error':
        return token.type !== 'error' || token.quote !== undefined || token.text.startsWith('$')
      case 'punct':
        return ['(', '$(', '@(', '@{', '{', '['].includes(token.text)
      case 'operator':
        return ['-', '+', '!', '++', '--', ',', '-not', '-bnot', '-split', '-join'].includes(
          operatorText(token),
        )
      default:
        return false
    }
  }

  private parseComma(): Expression {
    const first = this.parseUnary()
    if (!this.allowComma || !this.at(',')) return first
    const items = [first]
    while (this.allowComma && this.at(',')) {
      const comma = this.take(this.peek())
      this.skipNewlines()
      items.push(this.operand(comma, () => this.parseUnary()))
    }
    return { kind: 'ArrayLiteral', items, start: first.start, end: items[items.length - 1].end }
  }

  protected parseUnary(): Expression {
    const token = this.peek()
    return this.nested(this.spanOf(token), () => {
      if (token.type === 'operator') {
        const operator = unaryOperator(operatorText(token))
        if (operator) {
          this.take(token)
          if (operator === 'not' || operator === 'bnot' || operator === 'split' || operator === 'join')
            this.skipNewlines()
          const operand = this.operand(token, () => this.parseUnary())
          return { kind: 'Unary', operator, operand, start: token.start, end: operand.end }
        }
      }
      if (token.type === 'punct' && token.text === '[') return this.parseTypeOrCast(token)
      return this.parsePostfix(this.parsePrimary())
    })
  }

  /** `[int]$x` (a cast), `[datetime]::Now` (a static member) or `[int]` alone (a type literal). */
  private parseTypeOrCast(open: LexToken): Expression {
    const type = this.parseTypeName(open)
    const literal: Expression = { kind: 'Type', type, start: type.start, end: type.end }
    if (this.char() === ':' && this.char(this.pos + 1) === ':') return this.parsePostfix(literal)
    const next = this.peek()
    if (this.startsOperand(next) && next.text !== '{' && next.text !== ',') {
      const operand = this.parseUnary()
      return { kind: 'Cast', type, operand, start: type.start, end: operand.end }
    }
    return literal
  }

  /** The type name after `[` (which is the token `open`), consuming the closing `]`. */
  protected parseTypeName(open: LexToken): TypeName {
    const scanned = this.lexer.scanTypeName(open.end)
    if (!scanned) {
      const after = this.lexer.scan(open.end, 'expression')
      throw this.error("Missing type name after '['.", this.spanOf(open), after.type === 'eof')
    }
    if (!scanned.terminated) {
      throw this.error(
        "Missing closing ']' after the type name.",
        this.spanOf(open),
        scanned.end >= this.limit,
      )
    }
    this.pos = scanned.end
    return { name: scanned.name, start: open.start, end: scanned.end }
  }

  private parsePrimary(): Expression {
    const token = this.peek()
    switch (token.type) {
      case 'number':
        this.take(token)
        return { kind: 'Constant', value: token.value as number, start: token.start, end: token.end }
      case 'string':
        this.take(token)
        return this.stringExpression(token)
      case 'variable':
        this.take(token)
        return variableNode(String(token.value), token)
      case 'punct':
        switch (token.text) {
          case '(':
          case '$(':
          case '@(':
            return this.parseSubExpression(token)
          case '@{':
            return this.parseHashtable(token)
          case '{':
            return this.parseScriptBlock(token)
        }
        break
      case 'splat':
        throw this.error(
          `The splatting operator '@' cannot be used to reference variables in an expression; use $${String(token.value)}.`,
          this.spanOf(token),
        )
      case 'error':
        if (token.text === '$') {
          throw this.error(
            "Variable reference is not valid. '$' was not followed by a valid variable name character.",
            this.spanOf(token),
            false,
            'Use ${name} to delimit an unusual name, or `$ for a literal dollar sign.',
          )
        }
        break
    }
    throw this.unexpected(token, 'expression')
  }

  /** Adjacent `.Member`, `.Method(...)`, `::Static`, `[index]`, `++`/`--` after a primary. */
  protected parsePostfix(target: Expression): Expression {
    for (;;) {
      const c = this.char()
      const next = this.char(this.pos + 1)
      if (c === '.' && next !== '.') {
        target = this.parseMember(target, false, this.pos + 1)
      } else if (c === ':' && next === ':') {
        target = this.parseMember(target, true, this.pos + 2)
      } else if (c === '[') {
        const open = this.take(this.lexer.scan(this.pos, 'expression'))
        const index = this.freshContext(() => {
          this.skipNewlines()
          const expression = this.operand(open, () => this.parseExpression())
          this.skipNewlines()
          return expression
        })
        const close = this.expect(']', "Missing ']' after array index expression.", this.spanOf(open))
        target = { kind: 'Index', target, index, start: target.start, end: close.end }
      } else if ((c === '+' && next === '+') || (c === '-' && next === '-')) {
        if (!isAssignable(target)) return target
        this.pos += 2
        target = {
          kind: 'Unary',
          operator: c === '+' ? '++' : '--',
          postfix: true,
          operand: target,
          start: target.start,
          end: this.pos,
        }
        return target
      } else {
        return target
      }
    }
  }

  private parseMember(target: Expression, isStatic: boolean, nameStart: number): Expression {
    const c = this.char(nameStart)
    let member: string | Expression
    let end: number
    if (isNameChar(c)) {
      end = nameStart
      while (isNameChar(this.char(end))) end++
      member = this.text.slice(nameStart, end)
    } else if (!isStatic && (c === '$' || c === "'" || c === '"')) {
      const token = this.lexer.scan(nameStart, 'expression')
      if (token.type === 'variable') member = variableNode(String(token.value), token)
      else if (token.type === 'string') member = this.stringExpression(token)
      else throw this.unexpected(token, 'expression')
      end = token.end
    } else {
      throw this.error(
        'Missing property name after the reference operator.',
        { start: nameStart - 1, end: nameStart },
        c === undefined,
      )
    }
    this.pos = end
    // `$items.Where{ ... }` and `.ForEach{ ... }`: a script block right after the name is the argument.
    if (this.char() === '{' && typeof member === 'string' && !isStatic && /^(where|foreach)$/i.test(member)) {
      const open = this.take(this.lexer.scan(this.pos, 'expression'))
      const block = this.parseScriptBlock(open)
      return {
        kind: 'InvokeMember',
        target,
        member,
        static: false,
        arguments: [block],
        start: target.start,
        end: this.pos,
      }
    }
    if (this.char() === '(' && typeof member === 'string') {
      const open = this.take(this.lexer.scan(this.pos, 'expression'))
      const args = this.parseMethodArguments(open)
      return {
        kind: 'InvokeMember',
        target,
        member,
        static: isStatic,
        arguments: args,
        start: target.start,
        end: this.pos,
      }
    }
    return { kind: 'Member', target, member, static: isStatic, start: target.start, end: this.pos }
  }

  private parseMethodArguments(open: LexToken): Expression[] {
    const args: Expression[] = []
    const saved = this.allowComma
    this.allowComma = false
    try {
      this.skipNewlines()
      if (this.at(')')) {
        this.take(this.peek())
        return args
      }
      for (;;) {
        this.skipNewlines()
        if (this.peek().type === 'eof')
          throw this.error("Missing ')' in method call.", this.spanOf(open), true)
        args.push(this.operand(open, () => this.parseExpression()))
        this.skipNewlines()
        const token = this.peek()
        if (token.type === 'operator' && token.text === ',') {
          this.take(token)
          continue
        }
        if (token.type === 'punct' && token.text === ')') {
          this.take(token)
          return args
        }
        throw this.error("Missing ')' in method call.", this.spanOf(open), token.type === 'eof')
      }
    } finally {
      this.allowComma = saved
    }
  }
}

function unaryOperator(
  text: string,
): 'not' | 'bnot' | '!' | '-' | '+' | '++' | '--' | ',' | 'split' | 'join' | undefined {
  switch (text) {
    case '-not':
      return 'not'
    case '-bnot':
      return 'bnot'
    case '-split':
      return 'split'
    case '-join':
      return 'join'
    case '!':
    case '-':
    case '+':
    case '++':
    case '--':
    case ',':
      return text
    default:
      return undefined
  }
}

/** An operator's text, with dash operators lower-cased (`-EQ` -> `-eq`). */
function operatorText(token: LexToken): string {
  return token.text.length > 1 && token.text.startsWith('-') && token.value !== undefined
    ? `-${String(token.value)}`
    : token.text
}

/** Nodes an assignment (or `++`/`--`) can write to. */
export function isAssignable(node: Expression): boolean {
  switch (node.kind) {
    case 'Variable':
    case 'Index':
      return true
    case 'Member':
      return !node.static
    case 'Cast':
      return node.operand.kind === 'Variable'
    case 'ArrayLiteral':
      return node.items.every(isAssignable)
    default:
      return false
  }
}
