// The PowerShell-subset language: tokenizer (for highlighting), parser with positioned diagnostics,
// and the interpreter that binds and runs pipelines through the engine.
export { tokenize, isIncomplete, type Token, type TokenKind } from './tokenize.js'
export { parse } from './parser.js'
export { formatDiagnostic, isIncompleteParseError, SourceText } from './diagnostics.js'
export { Interpreter, type InterpreterOptions, type RunOptions } from './interpreter.js'
export { ScriptBlockValue } from './scriptblock.js'
export { ScriptErrorRecord } from './error-records.js'
export type * from './ast.js'
