// Character classes and word lists shared by the lexer, the parser and tokenize(): what a name, a
// space, a bare-word delimiter, a number and a keyword are.

/** Words that start a statement (in statement position only; elsewhere they are plain words). */
export const KEYWORDS = new Set([
  'if',
  'elseif',
  'else',
  'foreach',
  'for',
  'while',
  'do',
  'until',
  'switch',
  'try',
  'catch',
  'finally',
  'return',
  'throw',
  'break',
  'continue',
  'exit',
  'param',
  'function',
  'filter',
  'workflow',
  'class',
  'enum',
  'trap',
  'data',
  'begin',
  'process',
  'end',
  'dynamicparam',
  'using',
  'in',
])

/** A number in expression mode (sticky: matched at a position). */
export const NUMBER =
  /(?:0[xX][0-9a-fA-F]+|(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?)([lLdD])?(kb|mb|gb|tb|pb)?/iy
const ARGUMENT_NUMBER =
  /^[+-]?(?:0[xX][0-9a-fA-F]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)([lLdD])?(kb|mb|gb|tb|pb)?$/i
const MULTIPLIERS: Record<string, number> = {
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
  tb: 1024 ** 4,
  pb: 1024 ** 5,
}
const UNICODE_NAME = /[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]/u
const UNICODE_SPACE = /[\s\u00a0\ufeff]/u

export function isNewlineChar(c: string | undefined): boolean {
  return c === '\n' || c === '\r'
}

export function isSpace(c: string | undefined): boolean {
  if (c === undefined) return false
  if (c === ' ' || c === '\t') return true
  if (c === '\n' || c === '\r') return false
  const code = c.charCodeAt(0)
  if (code < 128) return code === 11 || code === 12
  return UNICODE_SPACE.test(c)
}

/** Letters, digits and `_`: what a variable or member name is made of. */
export function isNameChar(c: string | undefined): boolean {
  if (c === undefined) return false
  const code = c.charCodeAt(0)
  if (code < 128) {
    return (
      (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
    )
  }
  return UNICODE_NAME.test(c)
}

export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9'
}

/** Characters that end a bare word in argument mode. */
export function isArgumentDelimiter(c: string | undefined): boolean {
  switch (c) {
    case undefined:
    case '\n':
    case '\r':
    case ';':
    case '|':
    case ')':
    case '}':
    case '(':
    case '{':
    case ',':
    case '&':
    case '<':
    case '>':
    case "'":
    case '"':
      return true
    default:
      return isSpace(c)
  }
}

/** Parses a number literal written in argument mode (`5`, `-1.5`, `0x1F`, `10kb`), else undefined. */
export function argumentNumber(text: string): number | undefined {
  const match = ARGUMENT_NUMBER.exec(text)
  if (!match) return undefined
  return numberValue(text.replace(/(kb|mb|gb|tb|pb)$/i, '').replace(/[lLdD]$/, ''), match[2])
}

/** The value of a number literal's body (sign, hex, decimal) times its multiplier (`kb`...). */
export function numberValue(body: string, multiplier: string | undefined): number {
  const negative = body.startsWith('-')
  const unsigned = body.replace(/^[+-]/, '')
  let value = /^0x/i.test(unsigned) ? parseInt(unsigned.slice(2), 16) : Number(unsigned)
  if (negative) value = -value
  return multiplier ? value * MULTIPLIERS[multiplier.toLowerCase()] : value
}

/** True when a statement starting with `c` is a command (`Get-X`, `%`, `./x`), not an expression. */
export function isCommandStart(c: string | undefined, next: string | undefined): boolean {
  if (c === undefined) return false
  if (c === '.') return next === '/' || next === '\\'
  if (c === '%' || c === '?' || c === '\\' || c === '/' || c === '~') return true
  return isNameChar(c) && !isDigit(c)
}
