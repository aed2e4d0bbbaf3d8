// Scroll-back as text: each finished entry (an echoed line, output rows, a message, an error) is
// turned into its terminal text once and written above the live area. Nothing of it stays in React
// state, so a 20,000-row listing costs what writing it costs, memory goes back down after it, and
// long lines are left for the terminal to wrap (and re-wrap on resize), never broken by the shell.
import { escapeControl, formatCaret, redact } from '../engine/index.js'
import { highlight } from './highlight.js'
import type { ScrollEntry } from './host.js'
import type { TextStyle, Theme } from './theme.js'

const COLORS: Record<string, number> = {
  black: 30,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  white: 37,
  gray: 90,
  grey: 90,
}

/** Wraps `text` in the SGR codes of `style` (one line; styles end before the newline). */
export function paint(text: string, style: TextStyle | undefined, ansi: boolean): string {
  if (!ansi || !style || text === '') return text
  const codes: number[] = []
  if (style.bold) codes.push(1)
  if (style.dimColor) codes.push(2)
  if (style.underline) codes.push(4)
  if (style.inverse) codes.push(7)
  if (style.color && COLORS[style.color] !== undefined) codes.push(COLORS[style.color])
  return codes.length === 0 ? text : `\x1b[${codes.join(';')}m${text}\x1b[0m`
}

/**
 * Text for the terminal with its control characters shown escaped (`` `e[2J ``), never obeyed: a
 * user named "\u001b[2J" in a warning, an error or Write-Host text must not clear the screen
 * (kubectl's CVE-2021-25743). Tabs and line breaks stay.
 */
export const clean = (text: string): string => escapeControl(text, { lineBreaks: true, tabs: true })

const paintLines = (lines: readonly string[], style: TextStyle | undefined, ansi: boolean) =>
  lines.map((line) => paint(line, style, ansi))

/** True for the header line of a table: the next line is its dashes. */
function isTableHeader(lines: readonly string[], index: number): boolean {
  const next = lines[index + 1]
  return next !== undefined && /^-[- ]*$/.test(next) && lines[index].trim() !== ''
}

/** The entry with what it shows passed through the redactor (App's print does this for all). */
export function redactEntry(entry: ScrollEntry): ScrollEntry {
  switch (entry.kind) {
    case 'echo':
      return { ...entry, text: redact(entry.text) }
    case 'text':
      return { ...entry, lines: entry.lines.map(redact) }
    case 'output':
      if (entry.lines.length === 0) return entry
      // One pass over the chunk, not one per row: the redactor's work per call (every spelling of
      // every known secret, four patterns) was the largest cost of a long listing.
      return { ...entry, lines: redact(entry.lines.join('\n')).split('\n') }
    default:
      return entry
  }
}

/** The lines an entry shows, styled when `ansi`; redaction is the caller's (redactEntry). */
export function entryLines(entry: ScrollEntry, theme: Theme, ansi: boolean): string[] {
  switch (entry.kind) {
    case 'echo': {
      const lines = highlight(entry.text, undefined, theme).map((segments) =>
        segments.map((segment) => paint(segment.text, segment.style, ansi)).join(''),
      )
      return lines.map(
        (line, i) =>
          (i === 0 ? paint(entry.prompt, theme.prompt, ansi) : paint('>> ', theme.muted, ansi)) + line,
      )
    }
    case 'output':
      return entry.lines.map((line, i) =>
        isTableHeader(entry.lines, i) ? paint(line, theme.tableHeader, ansi) : line,
      )
    case 'text':
      return paintLines(
        entry.lines.flatMap((line) => clean(line).split('\n')),
        entry.tone ? theme[entry.tone] : undefined,
        ansi,
      )
    case 'error': {
      const { error } = entry.record
      const out: string[] = []
      if (error.position) {
        const [sourceLine, caretLine] = (formatCaret(error.position) ?? '').split('\n')
        if (sourceLine !== undefined) out.push(clean(redact(sourceLine)))
        if (caretLine !== undefined) out.push(paint(caretLine, theme.errorCaret, ansi))
      }
      const where = error.position ? ` (line ${error.position.line}, column ${error.position.column})` : ''
      const message = `${entry.record.command ? `${entry.record.command}: ` : ''}${redact(error.message)}${where}`
      out.push(...paintLines(clean(message).split('\n'), theme.error, ansi))
      if (error.hint) out.push(...paintLines(clean(`Hint: ${error.hint}`).split('\n'), theme.hint, ansi))
      return out
    }
  }
}

/** The text written to the terminal for an entry: its lines, each ended by a newline. */
export function entryText(entry: ScrollEntry, theme: Theme, ansi: boolean): string {
  const lines = entryLines(entry, theme, ansi)
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`
}
