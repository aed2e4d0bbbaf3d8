// The parser's token handling: peeking in a mode, skipping trivia, failing with a positioned
// ParseError, and guarding nesting depth so that no input can overflow the stack.
import type { UsageError } from '../engine/errors.js'
import type { Span } from './ast.js'
import { describeToken, parseError, SourceText } from './diagnostics.js'
import { Lexer, type LexMode, type LexToken } from './lexer.js'

/** Deeper nesting than this is refused with a diagnostic rather than a stack overflow. */
const MAX_DEPTH = 200

export abstract class ParserCore {
  protected pos: number
  protected lexer: Lexer
  protected depth = 0

  constructor(
    readonly source: SourceText,
    start = 0,
    limit = source.text.length,
  ) {
    this.pos = start
    this.lexer = new Lexer(source.text, limit)
  }

  protected get text(): string {
    return this.source.text
  }

  protected get limit(): number {
    return this.lexer.limit
  }

  /** The character at `offset` (default: the current position), or undefined past the limit. */
  protected char(offset = this.pos): string | undefined {
    return offset < this.limit ? this.text[offset] : undefined
  }

  /** Skips whitespace, comments and line continuations (not newlines). */
  protected skipSpace(): void {
    for (;;) {
      const trivia = this.lexer.scanTrivia(this.pos)
      if (!trivia || trivia.type === 'newline') return
      this.checkTrivia(trivia)
      this.pos = trivia.end
    }
  }

  /** Skips whitespace, comments and newlines. */
  protected skipNewlines(): void {
    for (;;) {
      const trivia = this.lexer.scanTrivia(this.pos)
      if (!trivia) return
      this.checkTrivia(trivia)
      this.pos = trivia.end
    }
  }

  /** Skips whitespace, comments, newlines and `;`. */
  protected skipSeparators(): void {
    for (;;) {
      this.skipNewlines()
      if (this.char() !== ';') return
      this.pos++
    }
  }

  private checkTrivia(trivia: LexToken): void {
    if (trivia.terminated !== false) return
    if (trivia.type === 'comment') {
      throw this.error(
        "Missing closing '#>' in block comment.",
        { start: trivia.start, end: trivia.start + 2 },
        true,
      )
    }
    throw this.error("Missing a line after the line continuation character '`'.", trivia, true)
  }

  /** The next token (after spaces and comments, not newlines), without consuming it. */
  protected peek(mode: LexMode = 'expression'): LexToken {
    this.skipSpace()
    return this.lexer.scan(this.pos, mode)
  }

  /** True when the next token is the given operator or punctuation. */
  protected at(text: string, mode: LexMode = 'expression'): boolean {
    const token = this.peek(mode)
    return (token.type === 'operator' || token.type === 'punct') && token.text === text
  }

  protected take(token: LexToken): LexToken {
    this.pos = token.end
    return token
  }

  /** Consumes the operator or punctuation `text`, or fails with `message` (pointing at `where`). */
  protected expect(text: string, message: string, where?: Span): LexToken {
    const token = this.peek()
    if ((token.type === 'operator' || token.type === 'punct') && token.text === text) return this.take(token)
    throw this.error(message, where ?? this.spanOf(token), token.type === 'eof', hintFor(token))
  }

  /** True when the text at the current position ends a statement: newline, `;`, `)`, `}`, `|` or the end. */
  protected atStatementEnd(): boolean {
    const token = this.peek()
    if (token.type === 'eof' || token.type === 'newline') return true
    return (token.type === 'punct' || token.type === 'operator') && [';', ')', '}', '|'].includes(token.text)
  }

  protected spanOf(token: LexToken): Span {
    return { start: token.start, end: Math.max(token.end, token.start + 1) }
  }

  /** A ParseError; `incomplete` counts only when the end reached is the end of the whole text. */
  protected error(message: string, span: Span, incomplete = false, hint?: string): UsageError {
    return parseError(this.source, message, span, {
      incomplete: incomplete && this.limit >= this.text.length,
      hint,
    })
  }

  /** "Unexpected token 'x' in expression." with a hint for habits from other languages. */
  protected unexpected(token: LexToken, where = 'expression or statement'): UsageError {
    if (token.type === 'eof') return this.error('Unexpected end of input.', this.spanOf(token), true)
    if (SMART_QUOTES.includes(token.text[0])) return this.smartQuote(token)
    if (token.type === 'error' && (token.quote || token.text.startsWith('${')))
      return this.unterminated(token)
    const text = token.type === 'newline' ? 'newline' : describeToken(token.text)
    return this.error(`Unexpected token '${text}' in ${where}.`, this.spanOf(token), false, hintFor(token))
  }

  /** The error for a string or braced variable that runs to the end of the input. */
  /**
   * Typographic quotes (from a word processor or a web page) are quote characters in PowerShell but
   * not here (a deliberate difference): a word that starts with one is refused rather than taken
   * as text with the quotes in it.
   */
  protected smartQuote(token: LexToken): UsageError {
    return this.error(
      `The typographic quote ${token.text[0]} is not a quote character in vcs-shell (PowerShell takes it as one).`,
      this.spanOf(token),
      false,
      'Retype \u201c \u201d as " and \u2018 \u2019 as \'.',
    )
  }

  protected unterminated(token: LexToken): UsageError {
    const span = { start: token.start, end: token.start + 1 }
    if (token.text.startsWith('${')) return this.error("Missing closing '}' in variable name.", span, true)
    const terminator = (token.quote === 'single' ? "'" : '"') + (token.here ? '@' : '')
    return this.error(`The string is missing the terminator: ${terminator}.`, span, true)
  }

  /** Runs `parse` one level deeper, refusing absurd nesting. */
  protected nested<T>(span: Span, parse: () => T): T {
    if (++this.depth > MAX_DEPTH) {
      this.depth--
      throw this.error('The script is nested too deeply.', span)
    }
    try {
      return parse()
    } finally {
      this.depth--
    }
  }

  /** Parses a sub-range of the text (the inside of `$( )` in a string) with its own limit. */
  protected inRange<T>(start: number, end: number, parse: () => T): T {
    const saved = { pos: this.pos, lexer: this.lexer }
    this.pos = start
    this.lexer = new Lexer(this.text, end)
    try {
      return parse()
    } finally {
      this.pos = saved.pos
      this.lexer = saved.lexer
    }
  }
}

/** A hint for tokens that show a habit from another language (`==`, `&&`, an unquoted word). */
/** PowerShell's other quote characters (CharExtensions.IsSingleQuote/IsDoubleQuote): ‘ ’ ‚ ‛ “ ” „. */
export const SMART_QUOTES = '\u2018\u2019\u201a\u201b\u201c\u201d\u201e'

export function hintFor(token: LexToken): string | undefined {
  switch (token.text) {
    case '=':
      return 'To compare, use -eq (PowerShell has no == operator).'
    case '!':
      return 'To compare, use -ne (PowerShell has no != operator).'
    case '&&':
    case '||':
      return "Use -and / -or in conditions, or ';' between statements."
    case '>':
    case '>>':
      return 'To compare, use -gt. Redirection is not supported: use $null = ... or assign to a variable.'
    case '<':
      return 'To compare, use -lt.'
    default:
      if (token.type === 'identifier' || token.type === 'generic')
        return `To pass text, quote it: '${describeToken(token.text)}'.`
      return undefined
  }
}
