// The shell's view of the language's tokens (highlighting and completion context). Until the
// language's lexer is wired in, a small lexer with the same contract stands in; it never throws.
import { tokenizeLine } from './fallback-lexer.js'

/** Token kinds, as the language's `tokenize` reports them. */
export type TokenKind =
  | 'command'
  | 'parameter'
  | 'string'
  | 'variable'
  | 'number'
  | 'operator'
  | 'keyword'
  | 'comment'
  | 'punctuation'
  | 'whitespace'
  | 'newline'
  | 'error'
  | 'word'

/** One token with its [start, end) offsets in the source text. */
export interface ShellToken {
  kind: TokenKind
  text: string
  start: number
  end: number
}

/** Tokenizes a (possibly unfinished) line; never throws, covers every character. */
export function tokenize(text: string): ShellToken[] {
  return tokenizeLine(text)
}

/** True when Enter should continue the input on a new line (open brace, quote or trailing pipe). */
export function isIncomplete(text: string): boolean {
  let depth = 0
  let quote: string | undefined
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quote) {
      if (ch === '`' && quote === '"') i++
      else if (ch === quote) {
        if (text[i + 1] === quote) i++
        else quote = undefined
      }
      continue
    }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++
    } else if (ch === "'" || ch === '"') quote = ch
    else if (ch === '{' || ch === '(' || ch === '[') depth++
    else if (ch === '}' || ch === ')' || ch === ']') depth--
  }
  return quote !== undefined || depth > 0 || /\|\s*$/.test(text) || /`\s*$/.test(text)
}
