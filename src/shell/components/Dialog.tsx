// The dialog a running line opened: a ShouldProcess confirmation or a Read-Host / secret prompt.
// Keys reach it through `keys` (the shell routes them), so none falls between the shell and it.
import type { ConfirmChoice, ConfirmRequest } from '../../engine/index.js'
import type { Theme } from '../theme.js'
import { ConfirmPrompt, type DialogKeyHandler } from './ConfirmPrompt.js'
import { SecretPrompt } from './SecretPrompt.js'

/** An open dialog and how it answers the engine's promise. */
export type Dialog =
  | { kind: 'confirm'; id: number; request: ConfirmRequest; resolve: (choice: ConfirmChoice) => void }
  | {
      kind: 'prompt'
      message: string
      hidden: boolean
      resolve: (value: string) => void
      reject: (e: Error) => void
    }

export interface DialogViewProps {
  dialog: Dialog
  keys: { current: DialogKeyHandler | undefined }
  theme: Theme
  /** A confirmation answered (`typed` as the line read, for the scroll-back). */
  onAnswer: (choice: ConfirmChoice, typed?: string) => void
  /** The dialog is done (a prompt answered or cancelled). */
  onClose: () => void
  /** Ctrl+C in the dialog: the running line is cancelled too. */
  onInterrupt: () => void
}

/** Draws the open dialog. */
export function DialogView({ dialog, keys, theme, onAnswer, onClose, onInterrupt }: DialogViewProps) {
  if (dialog.kind === 'confirm')
    return (
      <ConfirmPrompt
        key={dialog.id}
        keys={keys}
        request={dialog.request}
        theme={theme}
        onAnswer={onAnswer}
        onCancel={() => {
          onAnswer('noToAll', '^C')
          onInterrupt()
        }}
      />
    )
  return (
    <SecretPrompt
      keys={keys}
      message={dialog.message}
      hidden={dialog.hidden}
      theme={theme}
      onSubmit={(value) => {
        dialog.resolve(value)
        onClose()
      }}
      onCancel={() => {
        dialog.reject(new Error('Input cancelled.'))
        onClose()
        onInterrupt()
      }}
    />
  )
}
