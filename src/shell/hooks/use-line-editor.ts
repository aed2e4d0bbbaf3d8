// The line editor as a pure state machine: key -> command -> new state. Ink only feeds it keys,
// so every binding is unit-tested without a terminal, and a keystroke costs one small reducer call.
import { useCallback, useRef, useState } from 'react'
import type { Key } from 'ink'

/** The text being edited, the cursor (a UTF-16 offset) and the last killed text (for Ctrl+Y). */
export interface EditorState {
  text: string
  cursor: number
  killed: string
}

/** Pure edits of the buffer. */
export type EditAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'deleteForward' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'wordLeft' }
  | { type: 'wordRight' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'killToEnd' }
  | { type: 'killToStart' }
  | { type: 'killWordBack' }
  | { type: 'yank' }
  | { type: 'set'; text: string; cursor?: number }
  | { type: 'replaceRange'; start: number; end: number; text: string }

/** What a key means to the shell: an edit, or an intent the shell handles (submit, complete...). */
export type KeyCommand =
  | EditAction
  | { type: 'submit' }
  | { type: 'paste'; text: string }
  | { type: 'complete'; reverse: boolean }
  | { type: 'historyPrevious' }
  | { type: 'historyNext' }
  | { type: 'historySearch' }
  | { type: 'interrupt' }
  | { type: 'eof' }
  | { type: 'escape' }
  | { type: 'ignore' }

export const emptyEditor: EditorState = { text: '', cursor: 0, killed: '' }

/** Start of the line (within a multi-line buffer) that holds the cursor. */
function lineStart(text: string, cursor: number): number {
  return text.lastIndexOf('\n', cursor - 1) + 1
}

function lineEnd(text: string, cursor: number): number {
  const end = text.indexOf('\n', cursor)
  return end === -1 ? text.length : end
}

/** Offset of the start of the word before the cursor (readline's unix-word-rubout rule: spaces). */
function wordStartBefore(text: string, cursor: number): number {
  let i = cursor
  while (i > 0 && /\s/.test(text[i - 1])) i--
  while (i > 0 && !/\s/.test(text[i - 1])) i--
  return i
}

function wordEndAfter(text: string, cursor: number): number {
  let i = cursor
  while (i < text.length && /\s/.test(text[i])) i++
  while (i < text.length && !/\s/.test(text[i])) i++
  return i
}

/** Applies one edit; returns the same object when nothing changed so React can skip the render. */
export function editorReducer(state: EditorState, action: EditAction): EditorState {
  const { text, cursor } = state
  switch (action.type) {
    case 'insert':
      if (action.text === '') return state
      return {
        ...state,
        text: text.slice(0, cursor) + action.text + text.slice(cursor),
        cursor: cursor + action.text.length,
      }
    case 'backspace':
      if (cursor === 0) return state
      return { ...state, text: text.slice(0, cursor - 1) + text.slice(cursor), cursor: cursor - 1 }
    case 'deleteForward':
      if (cursor >= text.length) return state
      return { ...state, text: text.slice(0, cursor) + text.slice(cursor + 1) }
    case 'left':
      return cursor === 0 ? state : { ...state, cursor: cursor - 1 }
    case 'right':
      return cursor >= text.length ? state : { ...state, cursor: cursor + 1 }
    case 'wordLeft':
      return { ...state, cursor: wordStartBefore(text, cursor) }
    case 'wordRight':
      return { ...state, cursor: wordEndAfter(text, cursor) }
    case 'home':
      return { ...state, cursor: lineStart(text, cursor) }
    case 'end':
      return { ...state, cursor: lineEnd(text, cursor) }
    case 'killToEnd': {
      const end = lineEnd(text, cursor)
      if (end === cursor) return state
      return { text: text.slice(0, cursor) + text.slice(end), cursor, killed: text.slice(cursor, end) }
    }
    case 'killToStart': {
      const start = lineStart(text, cursor)
      if (start === cursor) return state
      return {
        text: text.slice(0, start) + text.slice(cursor),
        cursor: start,
        killed: text.slice(start, cursor),
      }
    }
    case 'killWordBack': {
      const start = wordStartBefore(text, cursor)
      if (start === cursor) return state
      return {
        text: text.slice(0, start) + text.slice(cursor),
        cursor: start,
        killed: text.slice(start, cursor),
      }
    }
    case 'yank':
      return editorReducer(state, { type: 'insert', text: state.killed })
    case 'set':
      return {
        ...state,
        text: action.text,
        cursor: Math.min(action.cursor ?? action.text.length, action.text.length),
      }
    case 'replaceRange': {
      const replaced = text.slice(0, action.start) + action.text + text.slice(action.end)
      return { ...state, text: replaced, cursor: action.start + action.text.length }
    }
  }
}

/** Maps one Ink keypress to a command. Multi-character input is a paste (or fast typing). */
export function keyToCommand(input: string, key: Key): KeyCommand {
  if (key.ctrl && !key.meta) {
    switch (input) {
      case 'a':
        return { type: 'home' }
      case 'e':
        return { type: 'end' }
      case 'b':
        return { type: 'left' }
      case 'f':
        return { type: 'right' }
      case 'k':
        return { type: 'killToEnd' }
      case 'u':
        return { type: 'killToStart' }
      case 'w':
        return { type: 'killWordBack' }
      case 'y':
        return { type: 'yank' }
      case 'h':
        return { type: 'backspace' }
      case 'r':
        return { type: 'historySearch' }
      case 'p':
        return { type: 'historyPrevious' }
      case 'n':
        return { type: 'historyNext' }
      case 'c':
        return { type: 'interrupt' }
      case 'd':
        return { type: 'eof' }
    }
  }
  if (key.return) return { type: 'submit' }
  if (key.tab) return { type: 'complete', reverse: key.shift }
  if (key.upArrow) return { type: 'historyPrevious' }
  if (key.downArrow) return { type: 'historyNext' }
  if (key.leftArrow) return key.ctrl || key.meta ? { type: 'wordLeft' } : { type: 'left' }
  if (key.rightArrow) return key.ctrl || key.meta ? { type: 'wordRight' } : { type: 'right' }
  if (key.home) return { type: 'home' }
  if (key.end) return { type: 'end' }
  // Terminals send DEL (0x7f) for Backspace, which Ink reports as `delete`; both erase backwards.
  if (key.backspace || key.delete) return key.meta ? { type: 'killWordBack' } : { type: 'backspace' }
  if (key.meta && input === 'b') return { type: 'wordLeft' }
  if (key.meta && input === 'f') return { type: 'wordRight' }
  if (key.escape) return { type: 'escape' }
  if (key.ctrl || key.meta || input === '') return { type: 'ignore' }
  if (input.length > 1 && /[\r\n]/.test(input)) return { type: 'paste', text: normalizeNewlines(input) }
  // Drop other control characters (a stray \x1b sequence must not land in the buffer).
  // eslint-disable-next-line no-control-regex
  const printable = input.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
  return printable === '' ? { type: 'ignore' } : { type: 'insert', text: printable }
}

/**
 * Ink hands over what the terminal sent in one read as one input, so text typed ahead of a control
 * key arrives with it: `Get-VcsU\t` when the shell was busy for a moment, or `abc\x7f`. Split such a
 * chunk into the keys the person pressed, so Tab completes (and Backspace erases) instead of landing
 * in the line. Multi-line pastes stay whole: they are handled as a paste.
 */
export function splitTypedAhead(input: string, key: Key): Array<[string, Key]> {
  // eslint-disable-next-line no-control-regex
  const control = /[\x00-\x08\x09\x0b\x0c\x0e-\x1f\x7f]/
  if (key.ctrl || key.meta || input.length < 2 || /[\r\n]/.test(input) || !control.test(input)) {
    return [[input, key]]
  }
  const keys: Array<[string, Key]> = []
  // eslint-disable-next-line no-control-regex
  for (const [part] of input.matchAll(/[\x00-\x1f\x7f]|[^\x00-\x1f\x7f]+/g)) {
    const code = part.charCodeAt(0)
    if (part.length > 1 || (code > 0x1f && code !== 0x7f)) keys.push([part, key])
    else if (code === 0x09) keys.push(['', { ...key, tab: true }])
    else if (code === 0x7f || code === 0x08) keys.push(['', { ...key, backspace: true }])
    else if (code === 0x1b) keys.push(['', { ...key, escape: true }])
    else if (code >= 0x01 && code <= 0x1a)
      keys.push([String.fromCharCode(code + 0x60), { ...key, ctrl: true }])
  }
  return keys
}

/** Pasted text uses \r (terminals) or \r\n (Windows clipboards); the buffer keeps \n only. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}

/**
 * React binding of the reducer. The state is also kept in a ref updated synchronously, because
 * keys arrive faster than renders (a paste followed by Tab): handlers must see the latest text.
 */
export function useLineEditor(): [
  EditorState,
  (action: EditAction) => void,
  { readonly current: EditorState },
] {
  const ref = useRef(emptyEditor)
  const [state, setState] = useState(emptyEditor)
  const dispatch = useCallback((action: EditAction) => {
    const next = editorReducer(ref.current, action)
    if (next === ref.current) return
    ref.current = next
    setState(next)
  }, [])
  return [state, dispatch, ref]
}
