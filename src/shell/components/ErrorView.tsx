// An error as the shell shows it: the command and message, the offending line with a caret under
// the token, and the hint. Messages are redacted so a secret in an error never reaches the screen.
import { Box, Text } from 'ink'
import { formatCaret, redact, type ErrorRecord } from '../../engine/index.js'
import type { Theme } from '../theme.js'

export interface ErrorViewProps {
  record: ErrorRecord
  theme: Theme
}

/** Draws one error record. */
export function ErrorView({ record, theme }: ErrorViewProps) {
  const { error } = record
  const caret = error.position ? formatCaret(error.position) : undefined
  const [sourceLine, caretLine] = caret ? caret.split('\n') : []
  const where = error.position ? ` (line ${error.position.line}, column ${error.position.column})` : ''
  return (
    <Box flexDirection="column">
      {sourceLine !== undefined && <Text>{redact(sourceLine)}</Text>}
      {caretLine !== undefined && <Text {...theme.errorCaret}>{caretLine}</Text>}
      <Text {...theme.error}>
        {record.command ? `${record.command}: ` : ''}
        {redact(error.message)}
        {where}
      </Text>
      {error.hint && <Text {...theme.hint}>{`Hint: ${error.hint}`}</Text>}
    </Box>
  )
}
