// What Tab does to the line: one candidate is inserted, several insert their common prefix and open
// a list that further Tabs cycle through. Pure, so it is tested without Ink.
import { commonPrefix, type Candidate, type CompletionResult } from '../completion.js'
import type { LiveValueSource } from '../../engine/index.js'
import type { EditAction, EditorState } from './use-line-editor.js'

/** An open completion list: candidates, the highlighted one, and the range the selection fills. */
export interface OpenCompletion {
  candidates: Candidate[]
  selected: number
  start: number
  end: number
}

/** The effect of one Tab. */
export interface TabOutcome {
  edit?: EditAction
  open?: OpenCompletion
  /** A live slot that must be fetched before this Tab can offer anything. */
  missing?: LiveValueSource
  /** A prefix to search the server for: the cached slot is only part of what there is. */
  search?: CompletionResult['search']
}

/** Computes one Tab (or Shift+Tab) press from the editor and the list already open, if any. */
export function applyTab(
  editor: EditorState,
  open: OpenCompletion | undefined,
  reverse: boolean,
  compute: (text: string, cursor: number) => CompletionResult,
): TabOutcome {
  if (open && open.candidates.length > 0) {
    const count = open.candidates.length
    const selected =
      open.selected < 0 ? (reverse ? count - 1 : 0) : (open.selected + (reverse ? count - 1 : 1)) % count
    const text = open.candidates[selected].text
    return {
      edit: { type: 'replaceRange', start: open.start, end: open.end, text },
      open: { ...open, selected, end: open.start + text.length },
    }
  }
  const result = compute(editor.text, editor.cursor)
  const { candidates, start, end } = result
  if (result.search) return { search: result.search }
  if (candidates.length === 0) return { missing: result.missing }
  if (candidates.length === 1) return { edit: { type: 'replaceRange', start, end, text: candidates[0].text } }
  // What was typed before the cursor is what the candidates match; the list replaces the whole word.
  const typed = editor.text.slice(start, Math.min(end, editor.cursor))
  const prefix = commonPrefix(candidates)
  const grows = prefix.length > typed.replace(/^['"]/, '').length && !prefix.startsWith("'")
  return {
    edit: grows ? { type: 'replaceRange', start, end, text: prefix } : undefined,
    open: { candidates, selected: -1, start, end: grows ? start + prefix.length : end },
  }
}
