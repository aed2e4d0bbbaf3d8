// Literals and bracketed forms: strings and the inside of expandable strings, `( )`, `$( )`, `@( )`,
// hashtables and script blocks. They hold statements, which the statement parser (a subclass) parses.
import type {
  Expression,
  HashtableExpression,
  NamedBlocks,
  ParamBlock,
  ScriptBlockExpression,
  Span,
  Statement,
  SubExpression,
  VariableExpression,
} from './ast.js'
import { Lexer, type LexToken } from './lexer.js'
import { ParserCore } from './parser-core.js'

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
}

export abstract class LiteralParser extends ParserCore {
  /** False inside method-call arguments and param defaults, where `,` separates items. */
  protected allowComma = true

  protected abstract parseStatement(): Statement
  /** Statements up to `closer` (not consumed); `eof` for a sub-range such as `$( )` in a string. */
  protected abstract parseStatementList(closer: ')' | '}' | 'eof', message: string, opener: Span): Statement[]
  protected abstract parseParamBlockIfPresent(): ParamBlock | undefined
  protected abstract parseUnary(): Expression
  /** `begin { } process { } end { }` up to the closing brace, or undefined when none starts here. */
  protected abstract parseNamedBlocks(open: LexToken): NamedBlocks | undefined

  protected stringExpression(token: LexToken): Expression {
    if (token.quote === 'single') {
      return { kind: 'Constant', value: String(token.value), start: token.start, end: token.end }
    }
    return this.parseExpandable(token.contentStart!, token.contentEnd!, token.here ? 'here' : 'double', token)
  }

  /** Runs `parse` with commas allowed again (inside brackets nested in method arguments). */
  protected freshContext<T>(parse: () => T): T {
    const saved = this.allowComma
    this.allowComma = true
    try {
      return parse()
    } finally {
      this.allowComma = saved
    }
  }

  protected parseSubExpression(open: LexToken): SubExpression {
    this.take(open)
    const form = open.text === '(' ? 'paren' : open.text === '$(' ? 'dollar' : 'array'
    const statements = this.freshContext(() => {
      if (form !== 'paren') {
        return this.parseStatementList(')', "Missing closing ')' in subexpression.", this.spanOf(open))
      }
      this.skipNewlines()
      const inner = this.peek()
      if (inner.type === 'punct' && inner.text === ')') {
        throw this.error("An expression was expected after '('.", this.spanOf(inner))
      }
      if (inner.type === 'eof')
        throw this.error("Missing closing ')' in expression.", this.spanOf(open), true)
      const statement = this.parseStatement()
      this.skipNewlines()
      const close = this.peek()
      if (!(close.type === 'punct' && close.text === ')')) {
        if (close.type === 'eof')
          throw this.error("Missing closing ')' in expression.", this.spanOf(open), true)
        throw this.unexpected(close, 'expression')
      }
      return [statement]
    })
    const close = this.take(this.peek())
    return { kind: 'SubExpression', form, statements, start: open.start, end: close.end }
  }

  protected parseHashtable(open: LexToken): HashtableExpression {
    this.take(open)
    const entries: HashtableExpression['entries'] = []
    return this.freshContext(() => {
      for (;;) {
        this.skipSeparators()
        const token = this.peek()
        if (token.type === 'punct' && token.text === '}') {
          this.take(token)
          return { kind: 'Hashtable', entries, start: open.start, end: token.end }
        }
        if (token.type === 'eof')
          throw this.error("Missing closing '}' in hash literal.", this.spanOf(open), true)
        const key = this.parseHashKey(token)
        const equals = this.peek()
        if (!(equals.type === 'operator' && equals.text === '=')) {
          throw this.error(
            "Missing '=' operator after key in hash literal.",
            this.spanOf(equals),
            equals.type === 'eof',
          )
        }
        this.take(equals)
        this.skipNewlines()
        if (this.atStatementEnd()) {
          throw this.error(
            "Missing statement after '=' in hash literal.",
            this.spanOf(equals),
            this.peek().type === 'eof',
          )
        }
        entries.push({ key, value: this.parseStatement() })
        const after = this.peek()
        if (
          after.type === 'newline' ||
          (after.type === 'punct' && (after.text === ';' || after.text === '}'))
        )
          continue
        if (after.type === 'eof')
          throw this.error("Missing closing '}' in hash literal.", this.spanOf(open), true)
        throw this.unexpected(after, 'hash literal')
      }
    })
  }

  private parseHashKey(token: LexToken): Expression {
    if (token.type === 'string' || token.type === 'number' || token.type === 'variable')
      return this.parseUnary()
    if (token.type === 'punct' && (token.text === '(' || token.text === '$(')) return this.parseUnary()
    let end = this.pos
    while (end < this.limit && !/[\s=;}'"]/.test(this.text[end])) end++
    if (end === this.pos) throw this.unexpected(token, 'hash literal')
    const key = {
      kind: 'Constant' as const,
      value: this.text.slice(this.pos, end),
      bareword: true,
      start: this.pos,
      end,
    }
    this.pos = end
    return key
  }

  protected parseScriptBlock(open: LexToken): ScriptBlockExpression {
    this.take(open)
    return this.freshContext(() => {
      const param = this.parseParamBlockIfPresent()
      const blocks = this.parseNamedBlocks(open)
      const statements = blocks
        ? []
        : this.parseStatementList('}', "Missing closing '}' in statement block.", this.spanOf(open))
      const close = this.take(this.peek())
      const text = this.text.slice(open.end, close.start)
      return { kind: 'ScriptBlock', param, statements, blocks, text, start: open.start, end: close.end }
    })
  }

  /**
   * The inside of a double-quoted string, here-string or bare word: literal text with backtick
   * escapes, `$name` / `${name}` / `$env:NAME` and `$( )` subexpressions. Member access is not
   * expanded (`"$user.Email"` is the user followed by `.Email`), as in PowerShell.
   */
  protected parseExpandable(
    start: number,
    end: number,
    form: 'double' | 'here' | 'bare',
    span: Span,
  ): Expression {
    const parts: (string | Expression)[] = []
    const lexer = new Lexer(this.text, end)
    let literal = ''
    let i = start
    while (i < end) {
      const c = this.text[i]
      if (c === '`' && this.text[i + 1] === 'u' && this.text[i + 2] === '{') {
        // `u{2713}: a Unicode code point, 1 to 6 hex digits (PowerShell 6+).
        const match = /^`u\{([0-9a-fA-F]{1,6})\}/.exec(this.text.slice(i, end))
        const code = match ? parseInt(match[1], 16) : NaN
        if (!match || code > 0x10ffff) {
          throw this.error(
            "The Unicode escape sequence is not valid. A valid sequence is `u{ followed by 1 to 6 hex digits and a closing '}'.",
            { start: i, end: i + 3 },
          )
        }
        literal += String.fromCodePoint(code)
        i += match[0].length
      } else if (c === '`' && i + 1 < end) {
        literal += ESCAPES[this.text[i + 1]] ?? this.text[i + 1]
        i += 2
      } else if (c === '"' && form === 'double' && this.text[i + 1] === '"') {
        literal += '"'
        i += 2
      } else if (c === '$' && this.text[i + 1] === '(') {
        const close = lexer.balancedEnd(i + 1)
        if (this.text[close - 1] !== ')' || close > end) {
          throw this.error(
            "Missing closing ')' in subexpression.",
            { start: i, end: i + 2 },
            close >= this.limit,
          )
        }
        if (literal) parts.push(literal)
        literal = ''
        const open = i
        const statements = this.inRange(i + 2, close - 1, () =>
          this.parseStatementList('eof', "Missing closing ')' in subexpression.", {
            start: open,
            end: open + 2,
          }),
        )
        parts.push({ kind: 'SubExpression', form: 'dollar', statements, start: i, end: close })
        i = close
      } else if (c === '$' && lexer.variableEnd(i) !== undefined) {
        const token = lexer.scan(i, 'expression')
        if (token.type !== 'variable') throw this.unterminated(token)
        if (literal) parts.push(literal)
        literal = ''
        parts.push(variableNode(String(token.value), token))
        i = token.end
      } else {
        literal += c
        i++
      }
    }
    if (literal || parts.length === 0) parts.push(literal)
    if (parts.length === 1 && typeof parts[0] === 'string') {
      return {
        kind: 'Constant',
        value: parts[0],
        bareword: form === 'bare' || undefined,
        start: span.start,
        end: span.end,
      }
    }
    return { kind: 'ExpandableString', parts, start: span.start, end: span.end }
  }
}

/** `$name`, `$env:NAME`, `$script:name`, `${any name}` as a node. */
export function variableNode(raw: string, span: Span): VariableExpression {
  const colon = raw.indexOf(':')
  if (colon > 0) {
    const prefix = raw.slice(0, colon).toLowerCase()
    const name = raw.slice(colon + 1)
    if (prefix === 'env') return { kind: 'Variable', name, drive: 'env', start: span.start, end: span.end }
    if (prefix === 'global' || prefix === 'script') {
      return { kind: 'Variable', name, scope: prefix, start: span.start, end: span.end }
    }
    if (['local', 'private', 'using', 'variable'].includes(prefix)) {
      return { kind: 'Variable', name, start: span.start, end: span.end }
    }
  }
  return { kind: 'Variable', name: raw, start: span.start, end: span.end }
}
