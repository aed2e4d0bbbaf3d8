// tokenize() for syntax highlighting and completion: it runs on every keystroke, so it is one linear
// pass that never throws. It follows the parser's modes well enough to tell a command from a word, a
// parameter from an operator and a keyword from a bare argument, without building a tree.
import { isIncompleteParseError } from './diagnostics.js'
import { isCommandStart, isNewlineChar, isSpace, KEYWORDS } from './characters.js'
import { Lexer, type LexToken } from './lexer.js'
import { parse } from './parser.js'

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

/** One token of the input; `start`/`end` are offsets into the text, tokens cover it without gaps. */
export interface Token {
  kind: TokenKind
  text: string
  start: number
  end: number
}

/** Where the scan is: at a statement start, among a command's arguments, in an expression, at a hash key. */
type Mode = 'start' | 'arg' | 'expr' | 'key'

interface Frame {
  closer: ')' | '}' | ']'
  resume: Mode
  hash: boolean
  start: number
}

/** Keywords that are followed by a statement rather than an expression (`return Get-X`). */
const STATEMENT_KEYWORDS = new Set(['return', 'throw', 'exit'])
/** Keywords that may follow a closing brace on the same statement (`} else {`). */
const CONTINUATION_KEYWORDS = new Set(['else', 'elseif', 'catch', 'finally', 'while', 'until', 'in'])

export interface ScanResult {
  tokens: Token[]
  /** Brackets still open at the end of the text. */
  open: Frame[]
  /** The last token that is not trivia. */
  last?: LexToken
  /** A string, braced variable or block comment runs to the end of the text. */
  unterminated: boolean
  /** The text ends with a backtick (a line continuation with nothing after it). */
  trailingBacktick: boolean
}

/** Splits text into highlighted tokens. Never throws; linear in the length of the text. */
export function tokenize(text: string): Token[] {
  try {
    return scan(text).tokens
  } catch {
    return text ? [{ kind: 'error', text, start: 0, end: text.length }] : []
  }
}

/** The full scan, with the state isIncomplete() needs. */
export function scan(text: string): ScanResult {
  const lexer = new Lexer(text)
  const tokens: Token[] = []
  const stack: Frame[] = []
  let mode: Mode = 'start'
  let afterDot = false
  let last: LexToken | undefined
  let unterminated = false
  let trailingBacktick = false
  let pos = 0

  const emit = (kind: TokenKind, token: LexToken) => {
    tokens.push({ kind, text: token.text, start: token.start, end: token.end })
    pos = token.end
    if (token.terminated === false) {
      if (token.text === '`') trailingBacktick = true
      else unterminated = true
    }
  }
  const separator = (): Mode => (stack.length > 0 && stack[stack.length - 1].hash ? 'key' : 'start')

  while (pos < text.length) {
    const trivia = lexer.scanTrivia(pos)
    if (trivia) {
      emit(
        trivia.type === 'newline' ? 'newline' : trivia.type === 'comment' ? 'comment' : 'whitespace',
        trivia,
      )
      // A newline ends the statement, except right after `|` or `,` (the list goes on).
      if (
        trivia.type === 'newline' &&
        !(last?.type === 'operator' && (last.text === '|' || last.text === ','))
      )
        mode = separator()
      continue
    }
    const c = text[pos]
    if (mode === 'key' && !`'"};=`.includes(c)) {
      let end = pos + 1
      while (
        end < text.length &&
        !isSpace(text[end]) &&
        !isNewlineChar(text[end]) &&
        !'=;}'.includes(text[end])
      )
        end++
      const token = lexToken(text, pos, end)
      emit('word', token)
      last = token
      continue
    }
    if (mode === 'start' && isCommandStart(c, text[pos + 1])) {
      const end = lexer.genericEnd(pos)
      const token = lexToken(text, pos, end)
      const lower = token.text.toLowerCase()
      if (KEYWORDS.has(lower)) {
        emit('keyword', token)
        mode = STATEMENT_KEYWORDS.has(lower) ? 'start' : 'expr'
      } else {
        emit('command', token)
        mode = 'arg'
      }
      last = token
      continue
    }
    if (mode === 'start') {
      if (c === '&' && text[pos + 1] !== '&') {
        const token = lexToken(text, pos, pos + 1)
        emit('operator', token)
        last = token
        mode = 'arg'
        continue
      }
      mode = 'expr'
    }
    let token = lexer.scan(pos, mode === 'arg' ? 'argument' : 'expression')
    if (token.end <= pos) token = lexToken(text, pos, pos + 1, 'error')
    const wasAfterDot = afterDot
    afterDot = false
    last = token
    switch (token.type) {
      case 'punct':
        emit('punctuation', token)
        if (token.text === '{' || token.text === '@{') {
          stack.push({ closer: '}', resume: mode, hash: token.text === '@{', start: token.start })
          mode = token.text === '@{' ? 'key' : 'start'
        } else if (token.text === '(' || token.text === '$(' || token.text === '@(') {
          stack.push({ closer: ')', resume: mode, hash: false, start: token.start })
          mode = 'start'
        } else if (token.text === '[') {
          stack.push({ closer: ']', resume: mode, hash: false, start: token.start })
          mode = 'expr'
        } else if (token.text === ';') {
          mode = separator()
        } else {
          const frame = closeFrame(stack, token.text)
          mode = frame ? frame.resume : 'expr'
        }
        break
      case 'operator':
        emit(
          token.text === ',' || token.text === '.' || token.text === '::' ? 'punctuation' : 'operator',
          token,
        )
        if (token.text === '|' || isAssignment(token.text)) mode = 'start'
        else if (token.text === '.' || token.text === '::') afterDot = true
        break
      case 'identifier': {
        const lower = token.text.toLowerCase()
        emit(!wasAfterDot && CONTINUATION_KEYWORDS.has(lower) ? 'keyword' : 'word', token)
        break
      }
      case 'generic':
        emit('word', token)
        break
      case 'variable':
      case 'splat':
        emit('variable', token)
        break
      case 'string':
      case 'number':
      case 'parameter':
      case 'error':
        emit(token.type, token)
        break
      default:
        emit('error', token)
    }
  }
  return { tokens, open: stack, last, unterminated, trailingBacktick }
}

function lexToken(text: string, start: number, end: number, type: LexToken['type'] = 'generic'): LexToken {
  return { type, start, end, text: text.slice(start, end) }
}

function isAssignment(op: string): boolean {
  return op === '=' || (op.length === 2 && op[1] === '=' && '+-*/%'.includes(op[0]))
}

function closeFrame(stack: Frame[], closer: string): Frame | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    if (stack[i].closer === closer) {
      const frame = stack[i]
      stack.length = i
      return frame
    }
  }
  return undefined
}

/**
 * True when the text stops in the middle of something: an open brace, parenthesis or bracket, a
 * string or here-string, a block comment, right after a trailing `|`, `,` or backtick, or where the
 * parser still expects more (`if ($x)`, `$a -and`, `try { }`). The shell then asks for another line
 * instead of running it.
 */
export function isIncomplete(text: string): boolean {
  try {
    const result = scan(text)
    if (result.unterminated || result.trailingBacktick || result.open.length > 0) return true
    if (result.last?.type === 'operator' && (result.last.text === '|' || result.last.text === ','))
      return true
    parse(text)
    return false
  } catch (error) {
    return isIncompleteParseError(error)
  }
}
