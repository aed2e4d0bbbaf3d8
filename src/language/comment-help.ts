// Comment-based help (about_Comment_Based_Help): a `<# .SYNOPSIS ... #>` block (or a run of `#` lines)
// just before a function's keyword or at the start of its body, read by Get-Help.

/** The sections Get-Help shows, keys as written after the dot (upper-cased). */
export interface CommentHelp {
  synopsis?: string
  description?: string
  /** Parameter name (lower-case) -> its description. */
  parameters: Record<string, string>
  examples: string[]
  notes?: string
}

const KEYWORD = /^\s*\.([A-Za-z]+)(?:[ \t]+(.*))?$/

/** The help comment's text right before `offset` (at most one blank line between), or undefined. */
export function commentHelpBefore(text: string, offset: number): string | undefined {
  let end = offset
  // The function keyword's own line may be indented.
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--
  let newlines = 0
  while (end > 0 && /\s/.test(text[end - 1])) {
    if (text[end - 1] === '\n') newlines++
    end--
  }
  if (newlines === 0 || newlines > 2) return undefined
  if (text.endsWith('#>', end)) {
    const open = text.lastIndexOf('<#', end - 2)
    return open === -1 ? undefined : helpText(text.slice(open + 2, end - 2))
  }
  return lineComments(text, end, -1)
}

/** The help comment at the start of a body (between `start` and `end`), or undefined. */
export function commentHelpInside(text: string, start: number, end: number): string | undefined {
  let i = start
  while (i < end && /\s/.test(text[i])) i++
  if (text.startsWith('<#', i)) {
    const close = text.indexOf('#>', i + 2)
    return close === -1 || close > end ? undefined : helpText(text.slice(i + 2, close))
  }
  return text[i] === '#' ? lineComments(text, i, 1) : undefined
}

/** A run of `#` comment lines ending at `end` (direction -1) or starting at `end` (direction 1). */
function lineComments(text: string, at: number, direction: 1 | -1): string | undefined {
  const lines: string[] = []
  let pos = at
  for (;;) {
    const lineStart = direction === 1 ? pos : text.lastIndexOf('\n', pos - 1) + 1
    const newline = text.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? text.length : newline
    const line = text.slice(lineStart, direction === 1 ? lineEnd : pos).trim()
    if (!line.startsWith('#') || line.startsWith('#>') || line.startsWith('<#')) break
    if (direction === 1) lines.push(line.slice(1))
    else lines.unshift(line.slice(1))
    if (direction === 1) {
      if (newline === -1) break
      pos = newline + 1
      while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos++
    } else {
      if (lineStart === 0) break
      pos = lineStart - 1
      if (text[pos - 1] === '\r') pos--
    }
  }
  return lines.length > 0 ? helpText(lines.join('\n')) : undefined
}

/** The text only when it has help keywords (a plain comment is not help). */
function helpText(raw: string): string | undefined {
  return raw.split(/\r?\n/).some((line) => KEYWORD.test(line)) ? raw : undefined
}

/** Splits help text into its sections. */
export function parseCommentHelp(raw: string): CommentHelp {
  const help: CommentHelp = { parameters: {}, examples: [] }
  let section: { keyword: string; argument?: string; lines: string[] } | undefined
  const flush = () => {
    if (!section) return
    const body = dedent(section.lines)
    switch (section.keyword) {
      case 'SYNOPSIS':
        help.synopsis = body
        break
      case 'DESCRIPTION':
        help.description = body
        break
      case 'PARAMETER':
        if (section.argument) help.parameters[section.argument.trim().toLowerCase()] = body
        break
      case 'EXAMPLE':
        help.examples.push(body)
        break
      case 'NOTES':
        help.notes = body
        break
    }
  }
  for (const line of raw.split(/\r?\n/)) {
    const match = KEYWORD.exec(line)
    if (match) {
      flush()
      section = { keyword: match[1].toUpperCase(), argument: match[2], lines: [] }
    } else {
      section?.lines.push(line)
    }
  }
  flush()
  return help
}

function dedent(lines: string[]): string {
  while (lines.length > 0 && lines[0].trim() === '') lines.shift()
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop()
  const indent = Math.min(
    ...lines.filter((line) => line.trim() !== '').map((line) => /^\s*/.exec(line)![0].length),
  )
  return lines.map((line) => line.slice(Number.isFinite(indent) ? indent : 0).trimEnd()).join('\n')
}
