// The shell's view of the language: tokens for highlighting and completion context, whether Enter
// should run the input or continue it on a new line, a line's last argument (Alt+.) and whether it
// runs a cmdlet that changes things.
import type { CommandRegistry } from '../engine/index.js'
import { isIncomplete, isIncompleteParseError, parse, tokenize } from '../language/index.js'

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

/** The last argument of a command line, as PSReadLine's YankLastArg takes it: its last token. */
export function lastArgument(line: string): string | undefined {
  return tokenize(line)
    .filter((token) => token.kind !== 'whitespace' && token.kind !== 'newline')
    .at(-1)?.text
}

/** True when the line runs a cmdlet that changes things (ShouldProcess): cached live values are stale. */
export function changesState(text: string, registry: CommandRegistry): boolean {
  return tokenize(text).some(
    (token) => token.kind === 'command' && registry.find(token.text)?.supportsShouldProcess === true,
  )
}
