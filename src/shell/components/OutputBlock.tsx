// One finished block of scroll-back: an echoed line, formatted output, a message or an error.
import { Text, Box } from 'ink'
import type { ScrollEntry } from '../host.js'
import type { Theme } from '../theme.js'
import { ErrorView } from './ErrorView.js'
import { InputLine } from './InputLine.js'

export interface OutputBlockProps {
  entry: ScrollEntry
  theme: Theme
}

/** True for the header line of a table: the next line is its dashes. */
function isTableHeader(lines: readonly string[], index: number): boolean {
  const next = lines[index + 1]
  return next !== undefined && /^-[- ]*$/.test(next) && lines[index].trim() !== ''
}

/**
 * Groups lines into as few Text nodes as possible: one per table header, one per run of other
 * lines. A 100,000-row table is then three layout nodes, not 100,000.
 */
export function runs(lines: readonly string[]): Array<{ text: string; header: boolean }> {
  const out: Array<{ text: string; header: boolean }> = []
  let body: string[] = []
  const flush = () => {
    if (body.length > 0) out.push({ text: body.join('\n'), header: false })
    body = []
  }
  lines.forEach((line, i) => {
    if (isTableHeader(lines, i)) {
      flush()
      out.push({ text: line, header: true })
    } else body.push(line === '' ? ' ' : line)
  })
  flush()
  return out
}

/** Draws an entry; rendered once into `<Static>` and never again. */
export function OutputBlock({ entry, theme }: OutputBlockProps) {
  switch (entry.kind) {
    case 'echo':
      return (
        <InputLine prompt={<Text {...theme.prompt}>{entry.prompt}</Text>} text={entry.text} theme={theme} />
      )
    case 'error':
      return <ErrorView record={entry.record} theme={theme} />
    case 'output':
      return (
        <Box flexDirection="column">
          {runs(entry.lines).map((run, i) => (
            <Text key={i} {...(run.header ? theme.tableHeader : {})}>
              {run.text}
            </Text>
          ))}
        </Box>
      )
    case 'text':
      return <Text {...(entry.tone ? theme[entry.tone] : {})}>{entry.lines.join('\n')}</Text>
  }
}
