// Statements: statement lists, if/elseif/else, foreach, for, while, do, try/catch/finally, return,
// throw, exit, break and continue. parse() is the entry point; it only ever throws
// a UsageError with code 'ParseError' and a position.
import { UsageError } from '../engine/errors.js'
import type {
  Block,
  FlowStatement,
  ParamBlock,
  ScriptAst,
  Span,
  Statement,
  SwitchStatement,
  TryStatement,
  TypeName,
} from './ast.js'
import { isNameChar } from './characters.js'
import { commentHelpBefore, commentHelpInside } from './comment-help.js'
import { parseError, SourceText } from './diagnostics.js'
import { type LexToken } from './lexer.js'
import { ParamParser } from './parse-params.js'
import { variableNode } from './parse-literals.js'

const UNSUPPORTED = new Set([
  'workflow',
  'class',
  'enum',
  'data',
  'begin',
  'process',
  'end',
  'dynamicparam',
  'using',
])

const BLOCK_STATEMENTS = new Set(['If', 'Foreach', 'For', 'While', 'Switch', 'Try', 'Trap', 'Function'])

const LOOPS = new Set(['foreach', 'for', 'while', 'do', 'switch'])

/** Parses a script. Throws a UsageError (code 'ParseError') with a position on any syntax error. */
export function parse(text: string, options: { file?: string } = {}): ScriptAst {
  const source = new SourceText(text, options.file)
  try {
    return new Parser(source).parseScript()
  } catch (error) {
    if (error instanceof UsageError) throw error
    // A bug or an exhausted stack: still a diagnostic, never a stack trace.
    throw parseError(source, 'The script could not be parsed: it is too large or too deeply nested.', {
      start: 0,
      end: 1,
    })
  }
}

export class Parser extends ParamParser {
  parseScript(): ScriptAst {
    this.skipSeparators()
    const param = this.parseParamBlockIfPresent()
    const statements = this.parseStatementList('eof', '', { start: 0, end: 0 })
    return {
      kind: 'Script',
      param,
      statements,
      text: this.text,
      file: this.source.file,
      start: 0,
      end: this.text.length,
    }
  }

  protected parseStatementList(closer: ')' | '}' | 'eof', message: string, opener: Span): Statement[] {
    const statements: Statement[] = []
    for (;;) {
      this.skipSeparators()
      const token = this.peek()
      if (token.type === 'eof') {
        if (closer === 'eof') return statements
        throw this.error(message, opener, true)
      }
      if (token.type === 'punct' && (token.text === ')' || token.text === '}')) {
        if (token.text === closer) return statements
        throw this.unexpected(token)
      }
      const statement = this.parseStatement()
      statements.push(statement)
      const after = this.peek()
      // A statement that ends with a block (if, foreach, trap, ...) needs no separator after it.
      const ends =
        BLOCK_STATEMENTS.has(statement.kind) ||
        after.type === 'eof' ||
        after.type === 'newline' ||
        (after.type === 'punct' && (after.text === ';' || after.text === ')' || after.text === '}'))
      if (!ends) throw this.unexpected(after)
    }
  }

  protected parseStatement(): Statement {
    this.skipSpace()
    const start = this.pos
    const statement = this.nested({ start, end: start + 1 }, () => this.parseSimpleStatement())
    return this.parseChain(statement)
  }

  /** `a && b || c`: pipeline chain operators (PowerShell 7), left-associative. */
  private parseChain(left: Statement): Statement {
    for (;;) {
      const token = this.peek()
      if (!(token.type === 'operator' && (token.text === '&&' || token.text === '||'))) return left
      if (left.kind !== 'Pipeline' && left.kind !== 'Chain') throw this.unexpected(token)
      this.take(token)
      this.skipNewlines()
      if (this.atStatementEnd()) {
        throw this.error(
          `Missing expression after '${token.text}' in pipeline chain.`,
          this.spanOf(token),
          this.peek().type === 'eof',
        )
      }
      this.skipSpace()
      const right = this.nested(this.spanOf(token), () => this.parseSimpleStatement())
      if (right.kind !== 'Pipeline') throw this.error(`Only pipelines can follow '${token.text}'.`, right)
      left = { kind: 'Chain', left, operator: token.text, right, start: left.start, end: right.end }
    }
  }

  private parseSimpleStatement(): Statement {
    const start = this.pos
    {
      const label = this.loopLabel()
      let keyword = this.keywordAt()
      if (label !== undefined) {
        if (!keyword || !LOOPS.has(keyword)) {
          throw this.error('A label must be followed by a loop or switch statement.', {
            start,
            end: start + 1 + label.length,
          })
        }
      }
      if (keyword === undefined) return this.parsePipelineOrAssignment()
      const span = { start, end: this.pos + keyword.length }
      if (label !== undefined) {
        const statement = this.parseSimpleStatement() as Statement & { label?: string }
        statement.label = label
        statement.start = start
        return statement
      }
      keyword = keyword as string
      this.pos += keyword.length
      switch (keyword) {
        case 'if':
          return this.parseIf(span)
        case 'foreach':
          return this.parseForeach(span)
        case 'for':
          return this.parseFor(span)
        case 'while': {
          const condition = this.parseCondition('while', span)
          const body = this.parseBody(`Missing statement body in while loop.`, span)
          return { kind: 'While', condition, body, start, end: body.end }
        }
        case 'do':
          return this.parseDo(span)
        case 'try':
          return this.parseTry(span)
        case 'function':
        case 'filter':
          return this.parseFunction(keyword, span)
        case 'switch':
          return this.parseSwitch(span)
        case 'trap':
          return this.parseTrap(span)
        case 'return':
        case 'throw':
        case 'exit':
        case 'break':
        case 'continue':
          return this.parseFlow(keyword, span)
        case 'param':
          throw this.error('The param block must be the first thing in a script or script block.', span)
      }
      if (UNSUPPORTED.has(keyword)) {
        throw this.error(
          `The '${keyword}' keyword is not supported in vcs-shell scripts.`,
          span,
          false,
          'Supported: if, foreach, for, while, do, switch, try/catch/finally, trap, function, filter, return, throw, exit, break, continue, param.',
        )
      }
      throw this.error(
        `Unexpected token '${keyword}' in expression or statement.`,
        span,
        false,
        keyword === 'else' || keyword === 'elseif'
          ? `'${keyword}' must follow the closing '}' of an if statement.`
          : undefined,
      )
    }
  }

  /** `:name` before a loop: consumes it and the space after it. */
  private loopLabel(): string | undefined {
    if (this.char() !== ':' || !isNameChar(this.char(this.pos + 1))) return undefined
    let end = this.pos + 1
    while (isNameChar(this.char(end))) end++
    const label = this.text.slice(this.pos + 1, end)
    this.pos = end
    this.skipNewlines()
    return label
  }

  /** `function Name [(params)] { [param()] [begin/process/end] ... }`, or `filter Name { }`. */
  private parseFunction(keyword: 'function' | 'filter', span: Span): Statement {
    this.skipSpace()
    const nameStart = this.pos
    const nameToken = this.peek('argument')
    if (nameToken.type !== 'generic' && nameToken.type !== 'parameter') {
      throw this.error(`Missing name after '${keyword}' keyword.`, span, nameToken.type === 'eof')
    }
    let nameEnd = this.lexer.genericEnd(nameStart)
    // `function Get-Thing($a)`: the name ends at the parenthesis.
    const paren = this.text.indexOf('(', nameStart)
    if (paren !== -1 && paren < nameEnd) nameEnd = paren
    let name = this.text.slice(nameStart, nameEnd)
    // Scope qualifiers (`function global:Get-Thing`) define in the current scope.
    name = name.replace(/^(global|script|local|private):/i, '')
    this.pos = nameEnd
    this.skipNewlines()
    let inlineParam: ParamBlock | undefined
    if (this.at('(')) inlineParam = this.parseInlineParameters(this.take(this.peek()))
    this.skipNewlines()
    const open = this.peek()
    if (!(open.type === 'punct' && open.text === '{')) {
      throw this.error(`Missing function body in function declaration.`, span, open.type === 'eof')
    }
    const body = this.parseScriptBlock(open)
    if (inlineParam) {
      if (body.param)
        throw this.error('A function cannot have both (parameters) and a param block.', body.param)
      body.param = inlineParam
    }
    return {
      kind: 'Function',
      name,
      filter: keyword === 'filter',
      body,
      help:
        commentHelpBefore(this.text, span.start) ??
        commentHelpInside(this.text, body.start + 1, body.end - 1),
      start: span.start,
      end: body.end,
    }
  }

  /** `switch [-Regex|-Wildcard|-Exact|-CaseSensitive|-File] (value) { condition { body } ... }`. */
  private parseSwitch(span: Span): Statement {
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
  private parseTrap(span: Span): Statement {
    this.skipSpace()
    const token = this.peek()
    const type = token.type === 'punct' && token.text === '[' ? this.parseTypeName(token) : undefined
    const body = this.parseBody('Missing statement block in trap statement.', span)
    return { kind: 'Trap', type, body, start: span.start, end: body.end }
  }

  /** The keyword at the current position after newlines, consumed if it is one of `words`. */
  private optionalKeyword(words: string[]): string | undefined {
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
  private parseCondition(keyword: string, span: Span): Statement {
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
  private parseBody(missing: string, head: Span): Block {
    this.skipNewlines()
    const open = this.peek()
    if (!(open.type === 'punct' && open.text === '{')) throw this.error(missing, head, open.type === 'eof')
    return this.parseBlock(open)
  }

  private parseBlock(open: LexToken): Block {
    this.take(open)
    const statements = this.freshContext(() =>
      this.parseStatementList('}', "Missing closing '}' in statement block.", this.spanOf(open)),
    )
    const close = this.take(this.peek())
    return { kind: 'Block', statements, start: open.start, end: close.end }
  }

  private parseIf(span: Span): Statement {
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

  private parseForeach(span: Span): Statement {
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

  private parseFor(span: Span): Statement {
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

  private parseDo(span: Span): Statement {
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

  private parseTry(span: Span): Statement {
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

  private atEnd(): boolean {
    const saved = this.pos
    this.skipNewlines()
    const end = this.peek().type === 'eof'
    this.pos = saved
    return end
  }

  private parseFlow(keyword: FlowStatement['keyword'], span: Span): Statement {
    this.skipSpace()
    if (this.atStatementEnd()) return { kind: 'Flow', keyword, start: span.start, end: span.end }
    if (keyword === 'break' || keyword === 'continue') {
      // `break outer`: the label of an enclosing loop (written without the colon).
      const end = this.lexer.genericEnd(this.pos)
      const label = this.text.slice(this.pos, end).replace(/^:/, '')
      this.pos = end
      return { kind: 'Flow', keyword, label, start: span.start, end }
    }
    const value = this.parseStatement()
    return { kind: 'Flow', keyword, value, start: span.start, end: value.end }
  }
}
