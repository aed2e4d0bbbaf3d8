// A forgiving lexer for the PowerShell subset, used to colour and complete the line being typed.
// Shaped like the language's `tokenize` (same kinds, same offsets) so either can feed the shell.
import type { ShellToken, TokenKind } from './tokens.js'

const KEYWORDS = new Set(['if', 'else', 'elseif', 'foreach', 'in', 'while', 'function', 'return', 'param'])
const OPERATOR_WORDS =
  /^-(eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|and|or|not|is|isnot|replace|split|join)$/i

/** Splits text into tokens; unterminated strings become 'error' tokens so they are underlined. */
export function tokenizeLine(text: string): ShellToken[] {
  const tokens: ShellToken[] = []
  // A command is expected at the start and after `|`, `;`, `{`, `(` and newlines.
  let expectCommand = true
  let i = 0
  const push = (kind: TokenKind, start: number, end: number) => {
    tokens.push({ kind, text: text.slice(start, end), start, end })
  }
  while (i < text.length) {
    const start = i
    const ch = text[i]
    if (ch === '\n') {
      push('newline', i, ++i)
      expectCommand = true
    } else if (/\s/.test(ch)) {
      while (i < text.length && /[^\S\n]/.test(text[i])) i++
      push('whitespace', start, i)
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++
      push('comment', start, i)
    } else if (ch === "'" || ch === '"') {
      i++
      let closed = false
      while (i < text.length) {
        if (ch === '"' && text[i] === '`') i += 2
        else if (text[i] === ch && text[i + 1] === ch) i += 2
        else if (text[i] === ch) {
          i++
          closed = true
          break
        } else i++
      }
      i = Math.min(i, text.length)
      push(closed ? 'string' : 'error', start, i)
      expectCommand = false
    } else if (ch === '$') {
      i++
      if (text[i] === '{') {
        while (i < text.length && text[i] !== '}') i++
        i = Math.min(i + 1, text.length)
      } else while (i < text.length && /[\w:?_]/.test(text[i])) i++
      push('variable', start, i)
      expectCommand = false
    } else if ('|;{}()[],@'.includes(ch)) {
      if (ch === '@' && (text[i + 1] === '{' || text[i + 1] === '(')) i++
      i++
      push(ch === '|' ? 'operator' : 'punctuation', start, i)
      expectCommand = ch !== ')' && ch !== ']' && ch !== ','
    } else if ('=!+*/%<>'.includes(ch)) {
      while (i < text.length && '=!+*/%<>'.includes(text[i])) i++
      push('operator', start, i)
    } else {
      while (i < text.length && !/[\s|;{}()[\],'"$]/.test(text[i])) i++
      const word = text.slice(start, i)
      let kind: TokenKind
      if (expectCommand && KEYWORDS.has(word.toLowerCase())) kind = 'keyword'
      else if (expectCommand && !/^-?\d/.test(word)) kind = 'command'
      else if (OPERATOR_WORDS.test(word)) kind = 'operator'
      else if (/^-[A-Za-z_][\w-]*:?$/.test(word)) kind = 'parameter'
      else if (/^-?\d+(\.\d+)?([kmgt]b)?$/i.test(word)) kind = 'number'
      else kind = 'word'
      push(kind, start, i)
      expectCommand = kind === 'keyword'
    }
  }
  return tokens
}
