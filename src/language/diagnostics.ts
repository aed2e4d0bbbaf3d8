// Positions and diagnostics: every parse or bind error names the line and column, shows the line with
// a caret under the offending token, and says what was expected. Never a stack trace.
import { formatCaret, toVcsError, UsageError, VcsError, type SourcePosition } from '../engine/errors.js'
import type { Span } from './ast.js'

/** A script's text with its line starts, to turn offsets into line, column and line text. */
export class SourceText {
  private readonly lineStarts: number[] = [0]

  constructor(
    readonly text: string,
    readonly file?: string,
  ) {
    for (let i = 0; i < text.length; i++) {
      const c = text[i]
      if (c === '\n') this.lineStarts.push(i + 1)
      else if (c === '\r' && text[i + 1] !== '\n') this.lineStarts.push(i + 1)
    }
  }

  /** The 0-based line index holding `offset` (binary search). */
  private lineIndex(offset: number): number {
    let low = 0
    let high = this.lineStarts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (this.lineStarts[middle] <= offset) low = middle
      else high = middle - 1
    }
    return low
  }

  /** Line and column (1-based), length (clipped to the line, at least 1), the line's text and file. */
  position(span: Span): SourcePosition {
    const start = Math.max(0, Math.min(span.start, this.text.length))
    const index = this.lineIndex(start)
    const lineStart = this.lineStarts[index]
    const next = index + 1 < this.lineStarts.length ? this.lineStarts[index + 1] : this.text.length
    const lineText = this.text.slice(lineStart, next).replace(/\r?\n$|\r$/, '')
    const lineEnd = lineStart + lineText.length
    const end = Math.min(Math.max(span.end, start + 1), Math.max(lineEnd, start + 1))
    return {
      line: index + 1,
      column: start - lineStart + 1,
      length: Math.max(1, end - start),
      lineText,
      ...(this.file ? { file: this.file } : {}),
    }
  }
}

const incompleteErrors = new WeakSet<object>()

/** A ParseError at a span. `incomplete` marks errors caused by the input ending too soon. */
export function parseError(
  source: SourceText,
  message: string,
  span: Span,
  options: { incomplete?: boolean; hint?: string } = {},
): UsageError {
  const error = new UsageError('ParseError', message, {
    category: 'ParserError',
    position: source.position(span),
    hint: options.hint,
  })
  if (options.incomplete) incompleteErrors.add(error)
  return error
}

/** True for a parse error caused by the input ending too soon (the shell asks for more). */
export function isIncompleteParseError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && incompleteErrors.has(error)
}

/** Fills an error's position from a node when it has none, and returns it as a VcsError. */
export function withPosition(error: unknown, source: SourceText, span: Span | undefined): VcsError {
  const vcsError = toVcsError(error)
  if (!vcsError.position && span) vcsError.position = source.position(span)
  return vcsError
}

/**
 * A diagnostic as the shell and CLI print it:
 *
 *     job.ps1:3:9: Missing closing '}' in statement block.
 *     if ($x) {
 *             ^
 *     Hint: ...
 */
export function formatDiagnostic(error: unknown): string {
  const vcsError = error instanceof VcsError ? error : toVcsError(error)
  const lines: string[] = []
  const position = vcsError.position
  if (position) {
    const where = `${position.file ?? 'line'}${position.file ? ':' : ' '}${position.line}:${position.column}`
    lines.push(`${where}: ${vcsError.message}`)
    const caret = formatCaret(position)
    if (caret) lines.push(caret)
  } else {
    lines.push(vcsError.message)
  }
  if (vcsError.hint) lines.push(`Hint: ${vcsError.hint}`)
  return lines.join('\n')
}

/** A token's text for a message: one line, at most 24 characters. */
export function describeToken(text: string): string {
  const line = text.split(/\r?\n|\r/)[0]
  return line.length > 24 ? `${line.slice(0, 23)}…` : line
}
