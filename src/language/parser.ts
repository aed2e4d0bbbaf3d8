// Statements: statement lists, pipeline chains, functions, return, throw, exit, break and continue
// (the compound statements are parse-control.ts's). parse() is the entry point; it only ever throws
// a UsageError with code 'ParseError' and a position.
import { UsageError } from '../engine/errors.js'
import type { FlowStatement, ParamBlock, ScriptAst, Span, Statement } from './ast.js'
import { isNameChar } from './characters.js'
import { commentHelpBefore, commentHelpInside } from './comment-help.js'
import { parseError, SourceText } from './diagnostics.js'
import { ControlParser } from './parse-control.js'

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

export class Parser extends ControlParser {
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
