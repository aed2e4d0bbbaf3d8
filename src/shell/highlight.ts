// Turns the line being typed into styled segments, line by line, with the cursor as an inverse cell.
// Pure, so the keystroke path is one tokenize plus a linear walk, and it is tested without Ink.
import type { TextStyle, Theme } from './theme.js'
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
  const emit = (chunk: string, style: TextStyle, offset: number) => {
    // Split at the cursor so the character under it can be drawn inverse.
    if (cursor !== undefined && cursor >= offset && cursor < offset + chunk.length) {
      const at = cursor - offset
      if (at > 0) lines[lines.length - 1].push({ text: chunk.slice(0, at), style })
      lines[lines.length - 1].push({ text: chunk[at], style: { ...style, ...theme.selection }, cursor: true })
      if (at + 1 < chunk.length) lines[lines.length - 1].push({ text: chunk.slice(at + 1), style })
    } else if (chunk !== '') lines[lines.length - 1].push({ text: chunk, style })
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
