// Argument mode: commands, their parameters and arguments, and pipelines. `-Name` is a parameter,
// `A*` a bare-word string, `$prefix*` the value of $prefix followed by `*`, `a, b` an array.
import type {
  CommandArgumentNode,
  CommandElement,
  Expression,
  PipelineElement,
  PipelineStatement,
  Redirection,
  Span,
  Statement,
} from './ast.js'
import { isArgumentDelimiter, isCommandStart } from './characters.js'
import { type LexToken } from './lexer.js'
import { ExpressionParser, isAssignable } from './parse-expressions.js'
import { variableNode } from './parse-literals.js'
import { SMART_QUOTES } from './parser-core.js'

const ASSIGNMENT_OPERATORS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '??='])

/** `>`, `>>`, `2>`, `2>>`, `*>`, `2>&1`, `3>&1`: a redirection at the current position. */
const REDIRECTION = /([1-6*])?(>>?)(&[12])?/y

export abstract class CommandParser extends ExpressionParser {
  /** A pipeline, or an assignment whose value is a statement (`$users = Get-VcsUser`). */
  /** Redirections of the pipeline being parsed (commands add theirs as they are read). */
  private redirections: Redirection[] = []

  protected parsePipelineOrAssignment(): Statement {
    const saved = this.redirections
    this.redirections = []
    try {
      return this.parsePipelineOrAssignmentInner()
    } finally {
      this.redirections = saved
    }
  }

  private parsePipelineOrAssignmentInner(): Statement {
    this.skipSpace()
    const start = this.pos
    const elements: PipelineElement[] = []
    let dotSource = false
    if (this.char() === '.' && /[\s]/.test(this.char(this.pos + 1) ?? '')) {
      // `. ./lib.ps1` or `. { }`: runs in the caller's scope.
      dotSource = true
      elements.push(this.parseCommand(true))
    } else if (this.atCommandStart()) {
      elements.push(this.parseCommand())
    } else {
      const expression = this.parseExpression()
      const next = this.peek()
      if (next.type === 'operator' && ASSIGNMENT_OPERATORS.has(next.text)) {
        return this.parseAssignment(expression, next)
      }
      elements.push({ kind: 'ExpressionElement', expression, start: expression.start, end: expression.end })
    }
    for (;;) {
      this.skipSpace()
      if (this.redirectionAt()) {
        this.redirections.push(this.parseRedirection())
        continue
      }
      const next = this.peek()
      if (next.type === 'operator' && next.text === '|') {
        if (this.redirections.length > 0) {
          // PowerShell redirects the one command; here redirection applies to a whole pipeline.
          throw this.error(
            'Redirection is supported after the last command of a pipeline only.',
            this.redirections[0],
            false,
            'Put the redirected command in parentheses: (Get-Thing 2>&1) | ...',
          )
        }
        this.take(next)
        this.skipNewlines()
        elements.push(this.parsePipeElement(next))
      } else if (next.type === 'newline' && this.leadingPipeFollows()) {
        this.skipNewlines()
        const pipe = this.take(this.peek())
        this.skipNewlines()
        elements.push(this.parsePipeElement(pipe))
      } else {
        break
      }
    }
    const end = Math.max(elements[elements.length - 1].end, ...this.redirections.map((r) => r.end))
    const statement: PipelineStatement = { kind: 'Pipeline', elements, start, end }
    if (this.redirections.length > 0) statement.redirections = this.redirections
    if (dotSource) statement.dotSource = true
    return statement
  }

  /** True when a redirection operator starts at the current position. */
  private redirectionAt(): boolean {
    const c = this.char()
    if (c === '>') return true
    return (c === '*' || (c !== undefined && c >= '1' && c <= '6')) && this.char(this.pos + 1) === '>'
  }

  private parseRedirection(): Redirection {
    REDIRECTION.lastIndex = this.pos
    const match = REDIRECTION.exec(this.text)!
    const start = this.pos
    this.pos += match[0].length
    const stream = (match[1] ?? '1') as Redirection['stream']
    if (match[3]) {
      if (match[3] !== '&1' || match[2] === '>>' || stream === '1') {
        throw this.error(`The redirection '${match[0]}' is not supported; use 2>&1 (or n>&1).`, {
          start,
          end: this.pos,
        })
      }
      return { stream, toOutput: true, start, end: this.pos }
    }
    this.skipSpace()
    if (this.atArgumentEnd(this.peek('argument'))) {
      throw this.error(
        'Missing file specification after redirection operator.',
        { start, end: this.pos },
        this.peek().type === 'eof',
      )
    }
    const target = this.parseArgumentValue()
    return { stream, append: match[2] === '>>', target, start, end: target.end }
  }

  private atCommandStart(): boolean {
    const c = this.char()
    return isCommandStart(c, this.char(this.pos + 1)) || (c === '&' && this.char(this.pos + 1) !== '&')
  }

  /** PowerShell 7 style: a line that starts with `|` continues the pipeline above it. */
  private leadingPipeFollows(): boolean {
    const saved = this.pos
    try {
      this.skipNewlines()
      return this.char() === '|' && this.char(this.pos + 1) !== '|'
    } catch {
      return false
    } finally {
      this.pos = saved
    }
  }

  private parsePipeElement(pipe: LexToken): CommandElement {
    const token = this.peek()
    if (token.type === 'eof' || token.type === 'newline' || [';', ')', '}', '|'].includes(token.text)) {
      throw this.error('An empty pipe element is not allowed.', this.spanOf(pipe), token.type === 'eof')
    }
    if (!this.atCommandStart()) {
      throw this.error('Expressions are only allowed as the first element of a pipeline.', this.spanOf(token))
    }
    return this.parseCommand()
  }

  private parseAssignment(target: Expression, operator: LexToken): Statement {
    if (!isAssignable(target)) {
      throw this.error(
        'The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.',
        { start: target.start, end: target.end },
        false,
        operator.text === '=' ? 'To compare, use -eq.' : undefined,
      )
    }
    this.take(operator)
    this.skipNewlines()
    if (this.atStatementEnd()) {
      throw this.error(
        `You must provide a value expression on the right-hand side of the '${operator.text}' operator.`,
        this.spanOf(operator),
        this.peek().type === 'eof',
      )
    }
    const value = this.parseStatement()
    return {
      kind: 'Assignment',
      target,
      operator: operator.text as '=',
      value,
      start: target.start,
      end: value.end,
    }
  }

  /** `Name args...` or `& <expression> args...`. */
  protected parseCommand(dotSource = false): CommandElement {
    const start = this.pos
    let name: string | Expression
    let nameSpan: Span
    if (this.char() === '&' || dotSource) {
      this.pos++
      this.skipSpace()
      const token = this.peek('argument')
      if (this.atArgumentEnd(token))
        throw this.error(
          dotSource
            ? "Missing a script after the dot-source operator '.'."
            : "Missing a command after the call operator '&'.",
          { start, end: start + 1 },
        )
      name = this.parseArgumentValue()
      nameSpan = { start: name.start, end: name.end }
    } else {
      const end = this.lexer.genericEnd(this.pos)
      name = this.text.slice(this.pos, end).replace(/`(.)/g, '$1')
      nameSpan = { start: this.pos, end }
      this.pos = end
    }
    const args: CommandArgumentNode[] = []
    let parametersEnded = false
    for (;;) {
      this.skipSpace()
      if (this.redirectionAt()) {
        this.redirections.push(this.parseRedirection())
        continue
      }
      const token = this.peek('argument')
      if (this.atArgumentEnd(token)) break
      if (token.type === 'operator') {
        if (token.text === '--' && !parametersEnded) {
          parametersEnded = true
          this.take(token)
          continue
        }
        if (token.text !== ',') throw this.unsupportedOperator(token)
      }
      if (token.type === 'parameter' && !parametersEnded) {
        this.take(token)
        const parameter = String(token.value)
        if (token.colon) {
          this.skipSpace()
          if (this.atArgumentEnd(this.peek('argument'))) {
            throw this.error(
              `Missing an argument after -${parameter}:.`,
              this.spanOf(token),
              this.peek().type === 'eof',
            )
          }
          const value = this.parseArgumentList()
          args.push({ kind: 'Parameter', name: parameter, value, start: token.start, end: value.end })
        } else {
          args.push({ kind: 'Parameter', name: parameter, start: token.start, end: token.end })
        }
      } else if (token.type === 'splat') {
        this.take(token)
        args.push({ kind: 'Splat', variable: String(token.value), start: token.start, end: token.end })
      } else {
        const value = this.parseArgumentList()
        args.push({ kind: 'Value', value, start: value.start, end: value.end })
      }
    }
    const end = args.length > 0 ? args[args.length - 1].end : nameSpan.end
    return { kind: 'Command', name, nameSpan, arguments: args, start, end }
  }

  protected atArgumentEnd(token: LexToken): boolean {
    if (token.type === 'eof' || token.type === 'newline') return true
    if (token.type === 'operator' && (token.text === '&&' || token.text === '||')) return true
    return token.type === 'punct' && (token.text === ';' || token.text === ')' || token.text === '}')
      ? true
      : token.type === 'operator' && token.text === '|'
  }

  private unsupportedOperator(token: LexToken) {
    if (token.text === '&&' || token.text === '||') {
      return this.error(
        `The token '${token.text}' is not supported.`,
        this.spanOf(token),
        false,
        "Use ';' between statements, or if ($?) { ... }.",
      )
    }
    if (token.text === '&') {
      return this.error("The ampersand (&) character is not allowed here; quote it: '&'.", this.spanOf(token))
    }
    return this.error(
      `Redirection ('${token.text}') is not supported.`,
      this.spanOf(token),
      false,
      'Assign the output instead: $null = <command>, or $result = <command>.',
    )
  }

  /** One argument, or several joined by commas into an array. */
  private parseArgumentList(): Expression {
    const first = this.parseArgumentValue()
    const items = [first]
    for (;;) {
      const token = this.peek('argument')
      if (!(token.type === 'operator' && token.text === ',')) break
      this.take(token)
      this.skipNewlines()
      const next = this.peek('argument')
      if (this.atArgumentEnd(next) || (next.type === 'operator' && next.text === ',')) {
        throw this.error('Missing argument in parameter list.', this.spanOf(token), next.type === 'eof')
      }
      items.push(this.parseArgumentValue())
    }
    if (items.length === 1) return first
    return { kind: 'ArrayLiteral', items, start: first.start, end: items[items.length - 1].end }
  }

  /** One argument value in argument mode. */
  protected parseArgumentValue(): Expression {
    const token = this.peek('argument')
    switch (token.type) {
      case 'number':
        this.take(token)
        return { kind: 'Constant', value: token.value as number, start: token.start, end: token.end }
      case 'generic':
      case 'parameter':
        if (SMART_QUOTES.includes(token.text[0])) throw this.smartQuote(token)
        this.take(token)
        return this.parseExpandable(token.start, token.end, 'bare', token)
      case 'operator':
        if (token.text === '--') {
          this.take(token)
          return { kind: 'Constant', value: '--', bareword: true, start: token.start, end: token.end }
        }
        break
      case 'string':
        this.take(token)
        return this.stringExpression(token)
      case 'splat':
        throw this.error(
          'A splatted variable (@name) must be an argument on its own, not part of a list.',
          this.spanOf(token),
        )
      case 'variable': {
        this.take(token)
        return this.continueBareword(this.parsePostfix(variableNode(String(token.value), token)))
      }
      case 'punct':
        if (['(', '$(', '@(', '@{', '{'].includes(token.text)) return this.parseUnary()
        break
    }
    throw this.unexpected(token, 'argument list')
  }

  /** `$prefix*` and `$user.Name@corp`: a value followed directly by more text is an expandable word. */
  private continueBareword(value: Expression): Expression {
    if (isArgumentDelimiter(this.char())) return value
    const start = this.pos
    const end = this.lexer.genericEnd(start)
    this.pos = end
    const rest = this.parseExpandable(start, end, 'bare', { start, end })
    const parts = rest.kind === 'ExpandableString' ? rest.parts : [String((rest as { value: unknown }).value)]
    return { kind: 'ExpandableString', parts: [value, ...parts], start: value.start, end }
  }
}
