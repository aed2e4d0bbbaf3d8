// The scanner: one token at a time, in one of PowerShell's two modes. In expression mode `-eq` is an
// operator and `5` a number; in argument mode `-Name` is a parameter and `A*` a bare word. The parser
// picks the mode for each token; tokenize() guesses it for highlighting. Never throws, linear time.

import {
  argumentNumber,
  isArgumentDelimiter,
  isDigit,
  isNameChar,
  isNewlineChar,
  isSpace,
  NUMBER,
  numberValue,
} from './characters.js'

/** What a scanned token is. Trivia (whitespace, newline, comment) is returned too, for tokenize(). */
export type LexType =
  | 'eof'
  | 'newline'
  | 'whitespace'
  | 'comment'
  | 'variable'
  | 'splat'
  | 'number'
  | 'string'
  | 'generic'
  | 'identifier'
  | 'parameter'
  | 'operator'
  | 'punct'
  | 'error'

export type LexMode = 'expression' | 'argument'

export interface LexToken {
  type: LexType
  start: number
  end: number
  /** The source slice; operators are lower-cased (`-EQ` -> `-eq`). */
  text: string
  /** Number value, variable or parameter name, or the decoded value of a single-quoted string. */
  value?: unknown
  quote?: 'single' | 'double'
  here?: boolean
  /** False for a string, braced variable or block comment that runs to the end of the input. */
  terminated?: boolean
  /** The string's content, between its quotes (or here-string header and footer). */
  contentStart?: number
  contentEnd?: number
  /** A parameter written `-Name:`, whose value follows the colon. */
  colon?: boolean
}

export class Lexer {
  constructor(
    readonly text: string,
    /** Scanning stops here: the end of a `$( )` inside a string, or of the whole text. */
    readonly limit: number = text.length,
  ) {}

  private at(i: number): string | undefined {
    return i < this.limit ? this.text[i] : undefined
  }

  private token(type: LexType, start: number, end: number, extra?: Partial<LexToken>): LexToken {
    const token: LexToken = { type, start, end, text: this.text.slice(start, end) }
    return extra ? Object.assign(token, extra) : token
  }

  /** Scans the token at `pos` in the given mode. */
  scan(pos: number, mode: LexMode): LexToken {
    const trivia = this.scanTrivia(pos)
    if (trivia) return trivia
    const c = this.at(pos)
    if (c === undefined) return this.token('eof', pos, pos)
    if (c === '$') return this.scanDollar(pos, mode)
    if (c === '@') return this.scanAt(pos, mode)
    if (c === "'") return this.scanSingleQuoted(pos, pos + 1, false)
    if (c === '"') return this.scanDoubleQuotedToken(pos)
    const punct = this.scanPunctuation(pos)
    if (punct) return punct
    return mode === 'argument' ? this.scanArgument(pos) : this.scanExpression(pos)
  }

  /** Whitespace, a newline, a comment or a line continuation at `pos`, else undefined. */
  scanTrivia(pos: number): LexToken | undefined {
    const c = this.at(pos)
    if (c === '\r') return this.token('newline', pos, this.at(pos + 1) === '\n' ? pos + 2 : pos + 1)
    if (c === '\n') return this.token('newline', pos, pos + 1)
    if (isSpace(c)) {
      let end = pos + 1
      while (isSpace(this.at(end))) end++
      return this.token('whitespace', pos, end)
    }
    if (c === '`') {
      const next = this.at(pos + 1)
      if (next === '\r') return this.token('whitespace', pos, this.at(pos + 2) === '\n' ? pos + 3 : pos + 2)
      if (next === '\n') return this.token('whitespace', pos, pos + 2)
      if (next === undefined) return this.token('whitespace', pos, pos + 1, { terminated: false })
      return undefined
    }
    if (c === '#') {
      let end = pos + 1
      while (end < this.limit && !isNewlineChar(this.text[end])) end++
      return this.token('comment', pos, end)
    }
    if (c === '<' && this.at(pos + 1) === '#') {
      const close = this.text.indexOf('#>', pos + 2)
      if (close === -1 || close + 2 > this.limit) {
        return this.token('comment', pos, this.limit, { terminated: false })
      }
      return this.token('comment', pos, close + 2)
    }
    return undefined
  }

  private scanPunctuation(pos: number): LexToken | undefined {
    const c = this.text[pos]
    const next = this.at(pos + 1)
    switch (c) {
      case '(':
      case ')':
      case '{':
      case '}':
      case ';':
        return this.token('punct', pos, pos + 1)
      case ',':
        return this.token('operator', pos, pos + 1)
      case '|':
        return this.token('operator', pos, next === '|' ? pos + 2 : pos + 1)
      case '&':
        return this.token('operator', pos, next === '&' ? pos + 2 : pos + 1)
      case '>':
        return this.token('operator', pos, next === '>' || next === '&' ? pos + 2 : pos + 1)
      case '<':
        return this.token('operator', pos, pos + 1)
      default:
        return undefined
    }
  }

  /** `$name`, `${any name}`, `$env:NAME`, `$_`, `$?`, or `$(` opening a subexpression. */
  private scanDollar(pos: number, mode: LexMode): LexToken {
    const next = this.at(pos + 1)
    if (next === '(') return this.token('punct', pos, pos + 2)
    const variableEnd = this.variableEnd(pos)
    if (variableEnd === undefined) {
      return mode === 'argument' ? this.scanArgument(pos) : this.token('error', pos, pos + 1)
    }
    if (next === '{') {
      const braced = this.bracedVariable(pos)
      const raw = this.text.slice(pos + 2, braced.terminated ? braced.end - 1 : braced.end)
      return this.token(braced.terminated ? 'variable' : 'error', pos, braced.end, {
        value: raw.replace(/`(.)/g, '$1'),
        terminated: braced.terminated,
      })
    }
    return this.token('variable', pos, variableEnd, { value: this.text.slice(pos + 1, variableEnd) })
  }

  /** The end of the variable reference starting with `$` at `pos`, or undefined when it is none. */
  variableEnd(pos: number): number | undefined {
    const next = this.at(pos + 1)
    if (next === '{') return this.bracedVariable(pos).end
    if (next === '$' || next === '?' || next === '^') return pos + 2
    if (!isNameChar(next)) return undefined
    let end = pos + 2
    while (isNameChar(this.at(end))) end++
    // A drive or scope qualifier: $env:NAME, $script:count.
    if (this.at(end) === ':' && isNameChar(this.at(end + 1))) {
      end += 2
      while (isNameChar(this.at(end))) end++
    }
    return end
  }

  private bracedVariable(pos: number): { end: number; terminated: boolean } {
    for (let i = pos + 2; i < this.limit; i++) {
      if (this.text[i] === '`') i++
      else if (this.text[i] === '}') return { end: i + 1, terminated: true }
    }
    return { end: this.limit, terminated: false }
  }

  private scanAt(pos: number, mode: LexMode): LexToken {
    const next = this.at(pos + 1)
    if (next === '(' || next === '{') return this.token('punct', pos, pos + 2)
    if (next === '"' || next === "'") {
      const here = this.scanHereString(pos, next)
      if (here) return here
      return this.token('error', pos, pos + 1)
    }
    if (isNameChar(next)) {
      let end = pos + 2
      while (isNameChar(this.at(end))) end++
      if (mode === 'argument' && !isArgumentDelimiter(this.at(end))) return this.scanArgument(pos)
      return this.token('splat', pos, end, { value: this.text.slice(pos + 1, end) })
    }
    return mode === 'argument' ? this.scanArgument(pos) : this.token('error', pos, pos + 1)
  }

  /** `@'...'@` or `@"..."@`: the header ends its line, the footer starts a line. */
  private scanHereString(pos: number, quote: string): LexToken | undefined {
    let i = pos + 2
    while (isSpace(this.at(i))) i++
    if (!isNewlineChar(this.at(i))) return undefined
    const contentStart = this.text[i] === '\r' && this.at(i + 1) === '\n' ? i + 2 : i + 1
    const footer = `${quote}@`
    let lineStart = contentStart
    while (lineStart <= this.limit) {
      if (this.text.startsWith(footer, lineStart) && lineStart + 2 <= this.limit) {
        let contentEnd = lineStart
        if (contentEnd > contentStart && this.text[contentEnd - 1] === '\n') contentEnd--
        if (contentEnd > contentStart && this.text[contentEnd - 1] === '\r') contentEnd--
        return this.stringToken(
          pos,
          lineStart + 2,
          quote,
          true,
          contentStart,
          Math.max(contentStart, contentEnd),
        )
      }
      const newline = this.text.indexOf('\n', lineStart)
      if (newline === -1 || newline >= this.limit) break
      lineStart = newline + 1
    }
    return this.stringToken(pos, this.limit, quote, true, contentStart, this.limit, false)
  }

  private stringToken(
    start: number,
    end: number,
    quote: string,
    here: boolean,
    contentStart: number,
    contentEnd: number,
    terminated = true,
  ): LexToken {
    const single = quote === "'"
    const content = this.text.slice(contentStart, contentEnd)
    return this.token(terminated ? 'string' : 'error', start, end, {
      quote: single ? 'single' : 'double',
      here,
      terminated,
      contentStart,
      contentEnd,
      value: single ? (here ? content : content.replace(/''/g, "'")) : undefined,
    })
  }

  private scanSingleQuoted(start: number, from: number, here: boolean): LexToken {
    for (let i = from; i < this.limit; i++) {
      if (this.text[i] === "'") {
        if (this.at(i + 1) === "'") {
          i++
          continue
        }
        return this.stringToken(start, i + 1, "'", here, from, i)
      }
    }
    return this.stringToken(start, this.limit, "'", here, from, this.limit, false)
  }

  private scanDoubleQuotedToken(pos: number): LexToken {
    const end = this.doubleQuotedEnd(pos)
    if (end === undefined) return this.stringToken(pos, this.limit, '"', false, pos + 1, this.limit, false)
    return this.stringToken(pos, end, '"', false, pos + 1, end - 1)
  }

  /** The end (after the closing quote) of the double-quoted string at `pos`, or undefined. */
  doubleQuotedEnd(pos: number): number | undefined {
    let i = pos + 1
    while (i < this.limit) {
      const c = this.text[i]
      if (c === '`') {
        i += 2
      } else if (c === '"') {
        if (this.at(i + 1) !== '"') return i + 1
        i += 2
      } else if (c === '$' && this.at(i + 1) === '(') {
        i = this.balancedEnd(i + 1)
      } else {
        i++
      }
    }
    return undefined
  }

  /**
   * The end (after the matching `)`) of the parenthesis at `pos`, skipping strings and comments,
   * or the limit when it is never closed. Used for `$( )` inside strings and bare words.
   */
  balancedEnd(pos: number): number {
    let depth = 0
    let i = pos
    while (i < this.limit) {
      const c = this.text[i]
      if (c === '(') {
        depth++
        i++
      } else if (c === ')') {
        depth--
        i++
        if (depth === 0) return i
      } else if (c === "'") {
        i = this.scanSingleQuoted(i, i + 1, false).end
      } else if (c === '"') {
        i = this.doubleQuotedEnd(i) ?? this.limit
      } else if (c === '@' && (this.at(i + 1) === '"' || this.at(i + 1) === "'")) {
        i = this.scanHereString(i, this.text[i + 1])?.end ?? i + 2
      } else if (c === '`') {
        i += 2
      } else if (c === '<' && this.at(i + 1) === '#') {
        i = this.scanTrivia(i)!.end
      } else if (
        c === '#' &&
        (i === pos + 1 || isSpace(this.text[i - 1]) || isNewlineChar(this.text[i - 1]))
      ) {
        i = this.scanTrivia(i)!.end
      } else {
        i++
      }
    }
    return this.limit
  }

  /** A bare word, parameter or number in argument mode. */
  private scanArgument(pos: number): LexToken {
    const c = this.text[pos]
    const next = this.at(pos + 1)
    if (c === '-' && (isNameChar(next) || next === '?') && !isDigit(next)) {
      let end = pos + 1
      while (end < this.limit && !isArgumentDelimiter(this.text[end]) && this.text[end] !== ':') end++
      const colon = this.at(end) === ':'
      return this.token('parameter', pos, colon ? end + 1 : end, {
        value: this.text.slice(pos + 1, end),
        colon,
      })
    }
    if (c === '-' && next === '-' && isArgumentDelimiter(this.at(pos + 2))) {
      return this.token('operator', pos, pos + 2)
    }
    const end = this.genericEnd(pos)
    const text = this.text.slice(pos, end)
    const number = argumentNumber(text)
    if (number !== undefined) return this.token('number', pos, end, { value: number })
    return this.token('generic', pos, end)
  }

  /** The end of a bare word (a command name or an argument): up to whitespace or a delimiter. */
  genericEnd(pos: number): number {
    let i = pos
    while (i < this.limit) {
      const c = this.text[i]
      if (c === '`') {
        if (i + 1 >= this.limit || isNewlineChar(this.text[i + 1])) break
        // `u{a9}: the braces belong to the escape (Parser.Tests.ps1: Write-Output `u{a9}` Acme` Inc).
        const unicode = this.at(i + 1) === 'u' && this.at(i + 2) === '{' ? this.text.indexOf('}', i + 3) : -1
        i = unicode !== -1 && unicode < this.limit && unicode - i <= 9 ? unicode + 1 : i + 2
        continue
      }
      if (c === '$' && this.at(i + 1) === '(') {
        i = this.balancedEnd(i + 1)
        continue
      }
      if (c === '$' && this.at(i + 1) === '{') {
        i = this.variableEnd(i) ?? i + 1
        continue
      }
      if (isArgumentDelimiter(c)) break
      i++
    }
    return Math.max(i, pos + 1)
  }

  private scanExpression(pos: number): LexToken {
    const c = this.text[pos]
    const next = this.at(pos + 1)
    if (isDigit(c) || (c === '.' && isDigit(next))) {
      NUMBER.lastIndex = pos
      const match = NUMBER.exec(this.text)
      if (match && pos + match[0].length <= this.limit) {
        const end = pos + match[0].length
        const body = match[0].replace(/(kb|mb|gb|tb|pb)$/i, '').replace(/[lLdD]$/, '')
        return this.token('number', pos, end, { value: numberValue(body, match[2]) })
      }
    }
    if (c === '-') {
      if (isNameChar(next) && !isDigit(next)) {
        let end = pos + 1
        while (isNameChar(this.at(end))) end++
        return this.token('operator', pos, end, { value: this.text.slice(pos + 1, end).toLowerCase() })
      }
      return this.operator(pos, next === '-' || next === '=' ? 2 : 1)
    }
    switch (c) {
      case '+':
        return this.operator(pos, next === '+' || next === '=' ? 2 : 1)
      case '*':
      case '/':
      case '%':
        return this.operator(pos, next === '=' ? 2 : 1)
      case '=':
      case '!':
        return this.operator(pos, 1)
      case '.':
        return this.operator(pos, next === '.' ? 2 : 1)
      case ':':
        return next === ':' ? this.operator(pos, 2) : this.token('error', pos, pos + 1)
      case '?':
        // `??` and `??=` (null-coalescing); a lone `?` is the ternary operator.
        if (next === '?') return this.operator(pos, this.at(pos + 2) === '=' ? 3 : 2)
        return this.operator(pos, 1)
      case '[':
      case ']':
        return this.token('punct', pos, pos + 1)
    }
    if (isNameChar(c)) {
      let end = pos + 1
      while (isNameChar(this.at(end))) end++
      return this.token('identifier', pos, end)
    }
    return this.token('error', pos, pos + 1)
  }

  private operator(pos: number, length: number): LexToken {
    return this.token('operator', pos, pos + length)
  }

  /**
   * The type name after `[` at `pos` (`int`, `System.String`, `string[]`, `List[string]`): returns
   * the name and the position after the closing `]`, or undefined when no name follows.
   */
  scanTypeName(pos: number): { name: string; end: number; terminated: boolean } | undefined {
    let i = pos
    while (isSpace(this.at(i))) i++
    const nameStart = i
    let depth = 0
    while (i < this.limit) {
      const c = this.text[i]
      if (isNameChar(c) || c === '.' || c === '`' || (depth > 0 && (c === ',' || isSpace(c)))) {
        i++
      } else if (c === '[') {
        depth++
        i++
      } else if (c === ']' && depth > 0) {
        depth--
        i++
      } else {
        break
      }
    }
    const name = this.text.slice(nameStart, i).trim()
    if (!name || !isNameChar(name[0])) return undefined
    while (isSpace(this.at(i))) i++
    if (this.at(i) !== ']') return { name, end: i, terminated: false }
    return { name, end: i + 1, terminated: true }
  }
}
