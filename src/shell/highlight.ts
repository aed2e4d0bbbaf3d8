// Turns the line being typed into styled segments, line by line, with the cursor as an inverse cell.
// Pure, so the keystroke path is one tokenize plus a linear walk, and it is tested without Ink.
import type { TextStyle, Theme } from './theme.js'
import { nextBoundary } from './graphemes.js'
import { tokenize } from './tokens.js'

/** A run of text in one style. */
export interface Segment {
  text: string
  style: TextStyle
  cursor?: boolean
}

/** Splits `text` into lines of styled segments; the cursor cell is its own segment. */
export function highlight(text: string, cursor: number | undefined, theme: Theme): Segment[][] {
  const lines: Segment[][] = [[]]
  // The cell under the cursor is the whole cluster (an emoji is one character, two cells wide),
  // even when the tokenizer split it (a lone surrogate is an error token of its own).
  const under =
    cursor !== undefined && cursor < text.length && text[cursor] !== '\n'
      ? { start: cursor, end: nextBoundary(text, cursor) }
      : undefined
  const push = (segment: Segment) => {
    if (segment.text !== '') lines[lines.length - 1].push(segment)
  }
  const emit = (chunk: string, style: TextStyle, offset: number) => {
    const end = offset + chunk.length
    if (!under || end <= under.start || offset >= under.end) return push({ text: chunk, style })
    push({ text: chunk.slice(0, Math.max(0, under.start - offset)), style })
    if (offset <= under.start)
      push({
        text: text.slice(under.start, under.end),
        style: { ...style, ...theme.selection },
        cursor: true,
      })
    push({ text: chunk.slice(Math.max(0, under.end - offset)), style })
  }
  for (const token of tokenize(text)) {
    const style = theme.tokens[token.kind]
    const parts = token.text.split('\n')
    let offset = token.start
    parts.forEach((part, index) => {
      if (index > 0) {
        // A cursor on the newline itself shows as a cell at the end of the line it ends.
        if (cursor === offset - 1)
          lines[lines.length - 1].push({ text: ' ', style: theme.selection, cursor: true })
        lines.push([])
      }
      emit(part, style, offset)
      offset += part.length + 1
    })
  }
  if (cursor !== undefined && cursor >= text.length)
    lines[lines.length - 1].push({ text: ' ', style: theme.selection, cursor: true })
  return lines
}
