// Reads one line for Read-Host or a secret; a secret is shown as bullets and never kept in history.
import { Text, useInput } from 'ink'
import { useLatestState } from '../hooks/use-latest-state.js'
import type { DialogKeyHandler } from './ConfirmPrompt.js'
import type { Theme } from '../theme.js'

export interface SecretPromptProps {
  message: string
  /** Hide the typed characters (secrets); otherwise echo them (Read-Host). */
  hidden: boolean
  theme: Theme
  onSubmit: (value: string) => void
  onCancel: () => void
  /** Where the shell sends keys while the prompt is open; without it, the prompt reads keys itself. */
  keys?: { current: DialogKeyHandler | undefined }
}

/** A one-line prompt that owns its own buffer, so a secret never passes through the shell's editor. */
export function SecretPrompt({ message, hidden, theme, onSubmit, onCancel, keys }: SecretPromptProps) {
  const [value, setValue, valueRef] = useLatestState('')
  const onKey: DialogKeyHandler = (input, key) => {
    if (key.ctrl && input === 'c') return onCancel()
    if (key.return) return onSubmit(valueRef.current)
    if (key.backspace || key.delete) return setValue(valueRef.current.slice(0, -1))
    if (key.ctrl && input === 'u') return setValue('')
    if (key.ctrl || key.meta || input === '') return
    // eslint-disable-next-line no-control-regex
    setValue(valueRef.current + input.replace(/[\x00-\x1f\x7f]/g, ''))
  }
  if (keys) keys.current = onKey
  useInput(onKey, { isActive: !keys })
  return (
    <Text>
      <Text {...theme.accent}>{`${message.replace(/:\s*$/, '')}: `}</Text>
      {hidden ? '•'.repeat(value.length) : value}
      <Text {...theme.selection}> </Text>
    </Text>
  )
}
