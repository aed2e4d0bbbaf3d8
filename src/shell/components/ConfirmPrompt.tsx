// ShouldProcess confirmation, drawn inline with PowerShell's choices; the answer resolves the engine's promise.
import { Box, Text, useInput } from 'ink'
import type { ConfirmChoice, ConfirmRequest } from '../../engine/index.js'
import type { Theme } from '../theme.js'

export interface ConfirmPromptProps {
  request: ConfirmRequest
  theme: Theme
  onAnswer: (choice: ConfirmChoice) => void
  /** Ctrl+C: decline and cancel the whole pipeline. */
  onCancel: () => void
}

const CHOICES: ReadonlyArray<[key: string, label: string, choice: ConfirmChoice]> = [
  ['Y', 'Yes', 'yes'],
  ['A', 'Yes to All', 'yesToAll'],
  ['N', 'No', 'no'],
  ['L', 'No to All', 'noToAll'],
]

/** `[Y] Yes  [A] Yes to All  [N] No  [L] No to All (default is "Y"):` */
export function ConfirmPrompt({ request, theme, onAnswer, onCancel }: ConfirmPromptProps) {
  useInput((input, key) => {
    if (key.ctrl && input === 'c') return onCancel()
    if (key.return) return onAnswer('yes')
    const match = CHOICES.find(([letter]) => letter === input.toUpperCase())
    if (match) onAnswer(match[2])
  })
  return (
    <Box flexDirection="column">
      <Text bold>{request.caption}</Text>
      <Text>{request.message}</Text>
      <Text>
        {CHOICES.map(([letter, label], i) => (
          <Text key={letter}>
            {i > 0 ? '  ' : ''}
            <Text {...(i === 0 ? theme.warning : {})}>{`[${letter}] ${label}`}</Text>
          </Text>
        ))}
        {' (default is "Y"): '}
      </Text>
    </Box>
  )
}
