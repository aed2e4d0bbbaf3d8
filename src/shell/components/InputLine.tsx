// The line being typed, syntax-highlighted, with its cursor; continuation lines get a `>> ` prefix.
import { memo } from 'react'
import { Box, Text } from 'ink'
import { highlight } from '../highlight.js'
import type { Theme } from '../theme.js'

export interface InputLineProps {
  prompt: React.ReactNode
  text: string
  /** Cursor offset; omitted for echoed (finished) lines. */
  cursor?: number
  theme: Theme
}

/** Draws the input; memoised so that output arriving elsewhere does not re-highlight the line. */
export const InputLine = memo(function InputLine({ prompt, text, cursor, theme }: InputLineProps) {
  const lines = highlight(text, cursor, theme)
  return (
    <Box flexDirection="column">
      {lines.map((segments, index) => (
        <Text key={index}>
          {index === 0 ? prompt : <Text {...theme.muted}>{'>> '}</Text>}
          {segments.map((segment, i) => (
            <Text key={i} {...segment.style}>
              {segment.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  )
})
