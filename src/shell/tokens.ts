// The shell's view of the language: tokens for highlighting and completion context, and whether
// Enter should run the input or continue it on a new line.
import { isIncomplete, isIncompleteParseError, parse } from '../language/index.js'

export { tokenize, isIncomplete, type Token as ShellToken, type TokenKind } from '../language/index.js'

/**
 * True when Enter should add a line instead of running: an open brace, quote or pipe, or any parse
 * error the parser marks as "the input ended too soon" (`$x = 1 +`).
 */
export function needsMoreInput(text: string): boolean {
  if (isIncomplete(text)) return true
  try {
    parse(text)
    return false
  } catch (error) {
    return isIncompleteParseError(error)
  }
}
