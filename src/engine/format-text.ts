// Text measured and cut in terminal cells, not UTF-16 units: CJK ideographs and most emoji take two
// cells, combining marks none (string-width decides). Also the escaping of control characters in
// data bound for a terminal, so that a user's name cannot move the cursor or retitle the window.
import stringWidth from 'string-width'

// Made on first use: the first Intl.Segmenter loads ICU's break rules, which costs a one-shot command
// about 15 ms though most text is printable ASCII and never segmented.
let segmenter: Intl.Segmenter | undefined
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

/** Width of text in terminal cells (ANSI escape sequences take none). */
export function cellWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text)
}

/** The user-perceived characters of text, each with its width in cells. */
function graphemes(text: string): { text: string; width: number }[] {
  return [...(segmenter ??= new Intl.Segmenter()).segment(text)].map(({ segment }) => ({
    text: segment,
    width: cellWidth(segment),
  }))
}

/** The longest start of `text` that fits in `cells` (never half of a wide character). */
export function headCells(text: string, cells: number): string {
  if (PRINTABLE_ASCII.test(text)) return text.slice(0, Math.max(0, cells))
  let out = ''
  let used = 0
  for (const g of graphemes(text)) {
    if (used + g.width > cells) break
    out += g.text
    used += g.width
  }
  return out
}

/** The longest end of `text` that fits in `cells`. */
export function tailCells(text: string, cells: number): string {
  if (PRINTABLE_ASCII.test(text)) return cells <= 0 ? '' : text.slice(-cells)
  let out = ''
  let used = 0
  for (const g of graphemes(text).reverse()) {
    if (used + g.width > cells) break
    out = g.text + out
    used += g.width
  }
  return out
}

/** Line breaks inside a value: CRLF, LF, or a lone CR. */
export const LINE_BREAK = /\r\n|\n|\r/

/**
 * Width of a cell's whole text as PowerShell's table sizing counts it (DisplayCells.Length): every
 * line break counts one cell, so a multi-line value sizes its column by all its lines together.
 */
export function measureCell(text: string): number {
  if (!/[\r\n]/.test(text)) return cellWidth(text)
  const lines = text.split(LINE_BREAK)
  return lines.reduce((sum, line) => sum + cellWidth(line), 0) + lines.length - 1
}

/**
 * Breaks one value into lines of at most `width` cells, as PowerShell's -Wrap and Format-List do
 * (StringManipulationHelper.GenerateLinesWithWordWrap): embedded line breaks are kept, lines break
 * after a space or tab, and a word longer than a line is cut where the line is full.
 */
export function wrapCells(text: string, width: number): string[] {
  const out: string[] = []
  for (const line of text.split(LINE_BREAK)) {
    if (cellWidth(line) <= width) {
      out.push(line)
      continue
    }
    let current = ''
    let left = width
    // Words keep the delimiter after them, as in PowerShell.
    for (const word of line.match(/[^ \t]*[ \t]|[^ \t]+$/g) ?? []) {
      const wordWidth = cellWidth(word)
      if (wordWidth <= width) {
        if (wordWidth > left) {
          out.push(current)
          current = ''
          left = width
        }
        current += word
        left -= wordWidth
        continue
      }
      for (const g of graphemes(word)) {
        // A wide character in a one-cell column: PowerShell writes '?' instead.
        const piece = g.width > width ? { text: '?', width: 1 } : g
        if (piece.width > left) {
          out.push(current)
          current = ''
          left = width
        }
        current += piece.text
        left -= piece.width
      }
    }
    out.push(current)
  }
  return out
}

// Control characters are what this looks for.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
const NAMED: Record<string, string> = {
  '\0': '`0',
  '\u0007': '`a',
  '\b': '`b',
  '\t': '`t',
  '\n': '`n',
  '\v': '`v',
  '\f': '`f',
  '\r': '`r',
  '\u001b': '`e',
}

/**
 * Data bound for a terminal with its control characters shown, never interpreted (the class of
 * kubectl's CVE-2021-25743): C0 and C1 controls, DEL and the bidirectional overrides (which can
 * make text read backwards) are written in PowerShell's own escape notation — `` `e `` for ESC,
 * `` `a `` `` `b `` `` `f `` `` `v `` `` `0 `` `` `r `` `` `t ``, otherwise `` `u{9b} `` — so
 * what is shown can be pasted back into a double-quoted string to get the original.
 *
 * `keep` lists what stays as it is: line breaks (`\n` and the `\r` of `\r\n`) for text printed as
 * lines, tabs for plain strings. Everything else, ANSI colour sequences included, is escaped.
 */
export function escapeControl(text: string, keep: { lineBreaks?: boolean; tabs?: boolean } = {}): string {
  if (!CONTROL.test(text)) return text
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (!CONTROL.test(c)) out += c
    else if (keep.lineBreaks && (c === '\n' || (c === '\r' && text[i + 1] === '\n'))) out += c
    else if (keep.tabs && c === '\t') out += c
    else out += NAMED[c] ?? `\`u{${c.charCodeAt(0).toString(16).padStart(2, '0')}}`
  }
  return out
}
