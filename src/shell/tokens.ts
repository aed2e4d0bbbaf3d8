// The shell's view of the language's tokens, used for highlighting and for completion context.
export { tokenize, isIncomplete, type Token as ShellToken, type TokenKind } from '../language/index.js'
