// The candidates Tab found, in columns, with the selected one inverse and its description below.
import { Box, Text } from 'ink'
import type { Candidate } from '../completion.js'
import type { Theme } from '../theme.js'

export interface CompletionListProps {
  candidates: readonly Candidate[]
  /** Index of the highlighted candidate, or -1 before the first Tab through the list. */
  selected: number
  width: number
  theme: Theme
  /** Rows to show at most; the rest is summarised. */
  maxRows?: number
}

/** Lays the candidates out in as many columns as fit the terminal. */
export function CompletionList({ candidates, selected, width, theme, maxRows = 10 }: CompletionListProps) {
  const cellWidth = Math.min(width, Math.max(...candidates.map((c) => c.display.length)) + 2)
  const columns = Math.max(1, Math.floor(width / cellWidth))
  const rows = Math.ceil(candidates.length / columns)
  // Scroll the window so the selected candidate stays visible.
  const selectedRow = selected >= 0 ? Math.floor(selected / columns) : 0
  const firstRow = Math.max(0, Math.min(selectedRow - maxRows + 1, rows - maxRows))
  const shownRows = Array.from({ length: Math.min(rows, maxRows) }, (_, i) => firstRow + i)
  const description = candidates[selected]?.description
  return (
    <Box flexDirection="column">
      {shownRows.map((row) => (
        <Text key={row}>
          {candidates.slice(row * columns, row * columns + columns).map((candidate, i) => {
            const index = row * columns + i
            const label = candidate.display.padEnd(cellWidth).slice(0, cellWidth)
            return (
              <Text key={index} {...(index === selected ? theme.selection : {})}>
                {label}
              </Text>
            )
          })}
        </Text>
      ))}
      {rows > maxRows && <Text {...theme.muted}>{`(${candidates.length} candidates)`}</Text>}
      {description && <Text {...theme.muted}>{description}</Text>}
    </Box>
  )
}
