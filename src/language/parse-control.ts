// Compound statements: if/elseif/else, foreach, for, while, do, switch, try/catch/finally and trap,
// with their conditions and bodies. The statement lists inside them are parser.ts's.
import type { Block, Span, Statement, SwitchStatement, TryStatement, TypeName } from './ast.js'
import { type LexToken } from './lexer.js'
import { ParamParser } from './parse-params.js'
import { variableNode } from './parse-literals.js'

export abstract class ControlParser extends ParamParser {
  /** `switch [-Regex|-Wildcard|-Exact|-CaseSensitive|-File] (value) { condition { body } ... }`. */
  protected parseSwitch(span: Span): Statement {
    let mode: SwitchStatement['mode'] = 'exact'
    let caseSensitive = false
    let file = false
    for (;;) {
      this.skipSpace()
      const token = this.peek('argument')
      if (token.type !== 'parameter') break
      this.take(token)
      const option = String(token.value).toLowerCase()
      if ('regex'.startsWith(option) && option.length > 0) mode = 'regex'
      else if ('wildcard'.startsWith(option)) mode = 'wildcard'
      else if ('exact'.startsWith(option)) mode = 'exact'
      else if ('casesensitive'.startsWith(option)) caseSensitive = true
      else if ('file'.startsWith(option)) file = true
      else if ('parallel'.startsWith(option))
        throw this.error("The switch option '-Parallel' is only for workflows.", this.spanOf(token))
      else
        throw this.error(
          `Unknown switch option '-${String(token.value)}'.`,
          this.spanOf(token),
          false,
          'Options: -Regex, -Wildcard, -Exact, -CaseSensitive, -File.',
        )
    }
    let value: Statement
    if (file) {
      this.skipSpace()
      const token = this.peek('argument')
      if (token.type === 'punct' && token.text === '(') value = this.parseCondition('switch', span)
      else {
        const expression = this.parseArgumentValue()
        value = {
          kind: 'Pipeline',
          elements: [{ kind: 'ExpressionElement', expression, start: expression.start, end: expression.end }],
          start: expression.start,
          end: expression.end,
        }
      }
    } else {
      value = this.parseCondition('switch', span)
    }
    this.skipNewlines()
    const open = this.expect('{', "Missing '{' in switch statement.", span)
    const clauses: SwitchStatement['clauses'] = []
    for (;;) {
      this.skipSeparators()
      const token = this.peek('argument')
      if (token.type === 'punct' && token.text === '}') {
        this.take(token)
        break
      }
      if (token.type === 'eof')
        throw this.error("Missing closing '}' in switch statement.", this.spanOf(open), true)
      let condition: SwitchStatement['clauses'][number]['condition']
      if (token.type === 'generic' && token.text.toLowerCase() === 'default') {
        this.take(token)
        condition = 'default'
      } else {
        condition = this.freshContext(() => {
          this.allowComma = false
          return this.parseArgumentValue()
        })
      }
      const body = this.parseBody('Missing statement block in switch statement clause.', this.spanOf(token))
      clauses.push({ condition, body })
    }
    return { kind: 'Switch', mode, caseSensitive, file, value, clauses, start: span.start, end: this.pos }
  }

  /** `trap [Type] { ... }`. */
  protected parseTrap(span: Span): Statement {
    this.skipSpace()
    const token = this.peek()
    const type = token.type === 'punct' && token.text === '[' ? this.parseTypeName(token) : undefined
    const body = this.parseBody('Missing statement block in trap statement.', span)
    return { kind: 'Trap', type, body, start: span.start, end: body.end }
  }

  /** The keyword at the current position after newlines, consumed if it is one of `words`. */
  protected optionalKeyword(words: string[]): string | undefined {
    const saved = this.pos
    this.skipNewlines()
    const keyword = this.keywordAt()
    if (keyword && words.includes(keyword)) {
      this.pos += keyword.length
      return keyword
    }
    this.pos = saved
    return undefined
  }

  /** `( pipeline )` after if, elseif, while, until. */
  protected parseCondition(keyword: string, span: Span): Statement {
    this.skipSpace()
    const open = this.peek()
    if (!(open.type === 'punct' && open.text === '(')) {
      throw this.error(
        `Missing '(' after '${keyword}' in ${keyword === 'elseif' ? 'if' : keyword} statement.`,
        span,
        open.type === 'eof',
      )
    }
    this.take(open)
    this.skipNewlines()
    if (this.at(')') || this.peek().type === 'eof') {
      throw this.error(
        `Missing condition in ${keyword} statement after '${keyword} ('.`,
        this.spanOf(open),
        this.peek().type === 'eof',
      )
    }
    const condition = this.freshContext(() => this.parsePipelineOrAssignment())
    this.skipNewlines()
    this.expect(')', `Missing closing ')' after expression in '${keyword}' statement.`, this.spanOf(open))
    return condition
  }

  /** `{ statements }` after a statement head, allowing newlines before the brace. */
  protected parseBody(missing: string, head: Span): Block {
    this.skipNewlines()
    const open = this.peek()
    if (!(open.type === 'punct' && open.text === '{')) throw this.error(missing, head, open.type === 'eof')
    return this.parseBlock(open)
  }

  protected parseBlock(open: LexToken): Block {
    this.take(open)
    const statements = this.freshContext(() =>
      this.parseStatementList('}', "Missing closing '}' in statement block.", this.spanOf(open)),
    )
    const close = this.take(this.peek())
    return { kind: 'Block', statements, start: open.start, end: close.end }
  }

  protected parseIf(span: Span): Statement {
    const clauses = [
      {
        condition: this.parseCondition('if', span),
        body: this.parseBody('Missing statement block after if ( condition ).', span),
      },
    ]
    let elseBody: Block | undefined
    for (;;) {
      const keyword = this.optionalKeyword(['elseif', 'else'])
      if (keyword === 'elseif') {
        const head = { start: this.pos - 6, end: this.pos }
        clauses.push({
          condition: this.parseCondition('elseif', head),
          body: this.parseBody('Missing statement block after elseif ( condition ).', head),
        })
      } else if (keyword === 'else') {
        elseBody = this.parseBody("Missing statement block after 'else' keyword.", {
          start: this.pos - 4,
          end: this.pos,
        })
        break
      } else {
        break
      }
    }
    const end = (elseBody ?? clauses[clauses.length - 1].body).end
    return { kind: 'If', clauses, elseBody, start: span.start, end }
  }

  protected parseForeach(span: Span): Statement {
    this.skipSpace()
    const open = this.peek()
    if (!(open.type === 'punct' && open.text === '(')) {
      throw this.error("Missing opening '(' after keyword 'foreach'.", span, open.type === 'eof')
    }
    this.take(open)
    this.skipNewlines()
    const variableToken = this.peek()
    if (variableToken.type !== 'variable') {
      throw this.error(
        'Missing variable name after foreach.',
        this.spanOf(variableToken),
        variableToken.type === 'eof',
      )
    }
    this.take(variableToken)
    const variable = variableNode(String(variableToken.value), variableToken)
    this.skipNewlines()
    if (this.keywordAt() !== 'in') {
      throw this.error(
        "Missing 'in' after variable in foreach loop.",
        this.spanOf(this.peek()),
        this.peek().type === 'eof',
      )
    }
    this.pos += 2
    this.skipNewlines()
    if (this.at(')') || this.peek().type === 'eof') {
      throw this.error(
        "Missing foreach loop collection after 'in'.",
        this.spanOf(this.peek()),
        this.peek().type === 'eof',
      )
    }
    const iterable = this.freshContext(() => this.parsePipelineOrAssignment())
    this.skipNewlines()
    this.expect(')', "Missing closing ')' after expression in 'foreach' statement.", this.spanOf(open))
    const body = this.parseBody('Missing statement body in foreach loop.', span)
    return { kind: 'Foreach', variable, iterable, body, start: span.start, end: body.end }
  }

  protected parseFor(span: Span): Statement {
    this.skipSpace()
    const open = this.expect('(', "Missing opening '(' after keyword 'for'.", span)
    const part = (last: boolean): Statement | undefined => {
      this.skipNewlines()
      const token = this.peek()
      const done = token.type === 'punct' && token.text === (last ? ')' : ';')
      const value = done ? undefined : this.freshContext(() => this.parsePipelineOrAssignment())
      this.skipNewlines()
      this.expect(
        last ? ')' : ';',
        last ? "Missing closing ')' in for statement." : "Missing ';' in for statement.",
        this.spanOf(open),
      )
      return value
    }
    const init = part(false)
    const condition = part(false)
    const step = part(true)
    const body = this.parseBody('Missing statement body in for loop.', span)
    return { kind: 'For', init, condition, step, body, start: span.start, end: body.end }
  }

  protected parseDo(span: Span): Statement {
    const body = this.parseBody('Missing statement body in do loop.', span)
    const keyword = this.optionalKeyword(['while', 'until'])
    if (!keyword) {
      throw this.error(
        "Missing 'while' or 'until' after the do loop's body.",
        span,
        this.peek().type === 'eof',
      )
    }
    const condition = this.parseCondition(keyword, { start: this.pos - keyword.length, end: this.pos })
    return { kind: 'Do', body, until: keyword === 'until', condition, start: span.start, end: this.pos }
  }

  protected parseTry(span: Span): Statement {
    const body = this.parseBody('Missing statement block after try.', span)
    const catches: TryStatement['catches'] = []
    let finallyBody: Block | undefined
    for (;;) {
      const keyword = this.optionalKeyword(['catch', 'finally'])
      if (keyword === 'catch') {
        const head = { start: this.pos - 5, end: this.pos }
        const types: TypeName[] = []
        for (;;) {
          this.skipNewlines()
          const token = this.peek()
          if (!(token.type === 'punct' && token.text === '[')) break
          types.push(this.parseTypeName(token))
          this.skipNewlines()
          if (this.at(',')) this.take(this.peek())
        }
        const catchBody = this.parseBody('Missing statement block in catch block.', head)
        catches.push({ types, body: catchBody, span: head })
      } else if (keyword === 'finally') {
        finallyBody = this.parseBody('Missing statement block after finally.', {
          start: this.pos - 7,
          end: this.pos,
        })
        break
      } else {
        break
      }
    }
    if (catches.length === 0 && !finallyBody) {
      throw this.error('The Try statement is missing its Catch or Finally block.', span, this.atEnd())
    }
    const end = (finallyBody ?? catches[catches.length - 1].body).end
    return { kind: 'Try', body, catches, finallyBody, start: span.start, end }
  }

  /** True when only blank lines are left. */
  protected atEnd(): boolean {
    const saved = this.pos
    this.skipNewlines()
    const end = this.peek().type === 'eof'
    this.pos = saved
    return end
  }
}
