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
          {entry.lines.map((line, i) => (
            <Text key={i} {...(isTableHeader(entry.lines, i) ? theme.tableHeader : {})}>
              {line === '' ? ' ' : line}
            </Text>
          ))}
        </Box>
      )
    case 'text':
      return <Text {...(entry.tone ? theme[entry.tone] : {})}>{entry.lines.join('\n')}</Text>
  }
}
