// Keys typed while a line runs: kept in order and replayed at the next prompt (as pwsh, bash and
// fish do), and shown meanwhile, dimmed under the spinner, as the line they will make.
import type { Key } from 'ink'
import {
  editorReducer,
  emptyEditor,
  keyToCommand,
  splitTypedAhead,
  type EditAction,
} from './hooks/use-line-editor.js'

/** One key as the shell received it: Ink's input and key, and the raw bytes when known. */
export type TypedKey = [input: string, key: Key, raw: string | undefined]

/** Keys typed while a line runs, replayed at the next prompt; a paste of a whole script fits. */
export const TYPE_AHEAD_LIMIT = 10_000

const EDITS = new Set(['insert', 'backspace', 'deleteForward', 'left', 'right', 'home', 'end', 'killToStart'])

/** The text keys typed ahead will have put on the line (their edits applied to an empty line). */
export function typedAheadPreview(keys: readonly TypedKey[]): string {
  let state = emptyEditor
  for (const [input, key, raw] of keys) {
    for (const [part, partKey] of splitTypedAhead(input, key)) {
      const command = keyToCommand(part, partKey, raw)
      if (command.type === 'submit') state = editorReducer(state, { type: 'insert', text: ' ⏎ ' })
      else if (command.type === 'paste') state = editorReducer(state, { type: 'insert', text: command.text })
      else if (EDITS.has(command.type)) state = editorReducer(state, command as EditAction)
    }
  }
  return state.text.replace(/\n/g, ' ⏎ ')
}
