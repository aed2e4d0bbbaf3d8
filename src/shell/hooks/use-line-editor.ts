// The line editor as a pure state machine: key -> command -> new state. Ink only feeds it keys,
// so every binding is unit-tested without a terminal, and a keystroke costs one small reducer call.
// Bindings follow PSReadLine (about_PSReadLine_Functions), on the common ground of its Windows and
// Emacs modes; the cursor moves by grapheme cluster (see graphemes.ts).
import { useCallback, useRef, useState } from 'react'
import type { Key } from 'ink'
import { clusters, nextBoundary, previousBoundary } from '../graphemes.js'

/** The buffer as it was before an edit, for undo. */
interface Snapshot {
  text: string
  cursor: number
}

/** The text being edited, the cursor (a UTF-16 offset on a cluster boundary), kill ring and undo. */
export interface EditorState {
  text: string
  cursor: number
  /** Killed texts, oldest first (PSReadLine's MaximumKillRingCount is 10). */
  killRing: readonly string[]
  /** The entry Ctrl+Y yanks; Alt+Y steps it back. */
  killIndex: number
  undo: readonly Snapshot[]
  /** The previous action: consecutive kills accumulate, consecutive inserts undo together. */
  last?: EditAction['type']
  /** Where the last yank (or Alt+. argument) started, so Alt+Y / Alt+. can replace it. */
  yankStart: number
}

/** Pure edits of the buffer. */
export type EditAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'deleteForward' }
  | { type: 'left' }
  | { type: 'right' }
  /** BackwardWord (Ctrl+Left, Alt+B): start of the previous word. */
  | { type: 'wordLeft' }
  /** NextWord (Ctrl+Right): start of the next word. */
  | { type: 'wordRight' }
  /** ForwardWord (Alt+F): end of the current or next word. */
  | { type: 'wordEnd' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'lineUp' }
  | { type: 'lineDown' }
  | { type: 'killToEnd' }
  | { type: 'killToStart' }
  /** BackwardKillWord (Ctrl+Backspace, Alt+Backspace): by PowerShell's word delimiters. */
  | { type: 'killWordBack' }
  /** UnixWordRubout (Ctrl+W): back to whitespace. */
  | { type: 'killWhitespaceWordBack' }
  /** KillWord (Alt+D, Ctrl+Delete): to the end of the current or next word. */
  | { type: 'killWord' }
  | { type: 'yank' }
  | { type: 'yankPop' }
  /** YankLastArg (Alt+.): inserts `text`, or replaces the argument the previous Alt+. inserted. */
  | { type: 'yankArg'; text: string; replace: boolean }
  | { type: 'undo' }
  | { type: 'set'; text: string; cursor?: number }
  /** A fresh line after a submit or Ctrl+C: empty text and undo; the kill ring survives. */
  | { type: 'newLine' }
  | { type: 'replaceRange'; start: number; end: number; text: string }

/** What a key means to the shell: an edit, or an intent the shell handles (submit, complete...). */
export type KeyCommand =
  | EditAction
  | { type: 'submit' }
  | { type: 'paste'; text: string }
  | { type: 'complete'; reverse: boolean }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'historyPrevious' }
  | { type: 'historyNext' }
  | { type: 'historySearch' }
  | { type: 'historySearchForward' }
  | { type: 'yankLastArg' }
  | { type: 'clearScreen' }
  | { type: 'interrupt' }
  | { type: 'eof' }
  | { type: 'escape' }
  | { type: 'ignore' }

export const emptyEditor: EditorState = {
  text: '',
  cursor: 0,
  killRing: [],
  killIndex: -1,
  undo: [],
  yankStart: 0,
}

const KILL_RING_SIZE = 10
const UNDO_LIMIT = 200

/**
 * PSReadLine's default WordDelimiters (Options.cs): `;:,.[]{}()/\|^&*-=+'"` and the dashes
 * PowerShell treats like `-` (en dash, em dash, horizontal bar). Whitespace also ends a word.
 */
export const WORD_DELIMITERS = ';:,.[]{}()/\\|^&*-=+\'"\u2013\u2014\u2015'

function inWord(ch: string | undefined, delimiters: string): boolean {
  return ch !== undefined && !/\s/.test(ch) && !delimiters.includes(ch)
}

/** Start of the previous word (PSReadLine's FindBackwardWordPoint). */
export function backwardWordPoint(text: string, cursor: number, delimiters = WORD_DELIMITERS): number {
  let i = cursor
  while (i > 0 && !inWord(text[i - 1], delimiters)) i--
  while (i > 0 && inWord(text[i - 1], delimiters)) i--
  return i
}

/** End of the current or next word (PSReadLine's FindForwardWordPoint). */
export function forwardWordPoint(text: string, cursor: number, delimiters = WORD_DELIMITERS): number {
  let i = cursor
  while (i < text.length && !inWord(text[i], delimiters)) i++
  while (i < text.length && inWord(text[i], delimiters)) i++
  return i
}

/** Start of the next word (PSReadLine's FindNextWordPoint). */
export function nextWordPoint(text: string, cursor: number, delimiters = WORD_DELIMITERS): number {
  let i = cursor
  while (i < text.length && inWord(text[i], delimiters)) i++
  while (i < text.length && !inWord(text[i], delimiters)) i++
  return i
}

/** Start of the line (within a multi-line buffer) that holds the cursor. */
function lineStart(text: string, cursor: number): number {
  return text.lastIndexOf('\n', cursor - 1) + 1
}

function lineEnd(text: string, cursor: number): number {
  const end = text.indexOf('\n', cursor)
  return end === -1 ? text.length : end
}

/** True when the cursor is on the first line of the buffer (Up then recalls history). */
export function onFirstLine(state: EditorState): boolean {
  return !state.text.slice(0, state.cursor).includes('\n')
}

/** True when the cursor is on the last line of the buffer (Down then recalls history). */
export function onLastLine(state: EditorState): boolean {
  return !state.text.slice(state.cursor).includes('\n')
}

/** The offset in the line starting at `start` that is `column` clusters in, or the line's end. */
function atColumn(text: string, start: number, column: number): number {
  const line = text.slice(start, lineEnd(text, start))
  return start + clusters(line).slice(0, column).join('').length
}

const columnOf = (text: string, cursor: number) =>
  clusters(text.slice(lineStart(text, cursor), cursor)).length

/** A state with new text, the old one saved for undo (consecutive inserts undo as one). */
function edited(state: EditorState, action: EditAction, text: string, cursor: number): EditorState {
  const merge = action.type === 'insert' && state.last === 'insert'
  const undo = merge
    ? state.undo
    : [...state.undo.slice(-UNDO_LIMIT + 1), { text: state.text, cursor: state.cursor }]
  return { ...state, text, cursor, undo, last: action.type }
}

/** Removes [start, end) into the kill ring; consecutive kills accumulate into one entry. */
function kill(
  state: EditorState,
  action: EditAction,
  start: number,
  end: number,
  backward: boolean,
): EditorState {
  if (start === end) return { ...state, last: action.type }
  const killed = state.text.slice(start, end)
  const accumulating = state.last !== undefined && KILLS.has(state.last) && state.killIndex >= 0
  let { killRing, killIndex } = state
  if (accumulating) {
    const current = killRing[killIndex]
    killRing = killRing.map((entry, i) =>
      i === killIndex ? (backward ? killed + current : current + killed) : entry,
    )
  } else {
    killRing = [...killRing, killed].slice(-KILL_RING_SIZE)
    killIndex = killRing.length - 1
  }
  const next = edited(state, action, state.text.slice(0, start) + state.text.slice(end), start)
  return { ...next, killRing, killIndex }
}

const KILLS = new Set<EditAction['type']>([
  'killToEnd',
  'killToStart',
  'killWordBack',
  'killWhitespaceWordBack',
  'killWord',
])

const moved = (state: EditorState, action: EditAction, cursor: number): EditorState =>
  cursor === state.cursor ? state : { ...state, cursor, last: action.type }

/** Applies one edit; returns the same object when nothing changed so React can skip the render. */
export function editorReducer(state: EditorState, action: EditAction): EditorState {
  const { text, cursor } = state
  switch (action.type) {
    case 'insert':
      if (action.text === '') return state
      return edited(
        state,
        action,
        text.slice(0, cursor) + action.text + text.slice(cursor),
        cursor + action.text.length,
      )
    case 'backspace': {
      if (cursor === 0) return state
      const start = previousBoundary(text, cursor)
      return edited(state, action, text.slice(0, start) + text.slice(cursor), start)
    }
    case 'deleteForward': {
      if (cursor >= text.length) return state
      return edited(state, action, text.slice(0, cursor) + text.slice(nextBoundary(text, cursor)), cursor)
    }
    case 'left':
      return moved(state, action, previousBoundary(text, cursor))
    case 'right':
      return moved(state, action, nextBoundary(text, cursor))
    case 'wordLeft':
      return moved(state, action, backwardWordPoint(text, cursor))
    case 'wordRight':
      return moved(state, action, nextWordPoint(text, cursor))
    case 'wordEnd':
      return moved(state, action, forwardWordPoint(text, cursor))
    case 'home': {
      // PSReadLine's BeginningOfLine: the start of this line, or of the input when already there.
      const start = lineStart(text, cursor)
      return moved(state, action, start === cursor ? 0 : start)
    }
    case 'end': {
      const end = lineEnd(text, cursor)
      return moved(state, action, end === cursor ? text.length : end)
    }
    case 'lineUp': {
      const start = lineStart(text, cursor)
      if (start === 0) return state
      return moved(state, action, atColumn(text, lineStart(text, start - 1), columnOf(text, cursor)))
    }
    case 'lineDown': {
      const end = lineEnd(text, cursor)
      if (end === text.length) return state
      return moved(state, action, atColumn(text, end + 1, columnOf(text, cursor)))
    }
    // PSReadLine's KillLine and BackwardKillInput work on the whole input, not the current line.
    case 'killToEnd':
      return kill(state, action, cursor, text.length, false)
    case 'killToStart':
      return kill(state, action, 0, cursor, true)
    case 'killWordBack':
      return kill(state, action, backwardWordPoint(text, cursor), cursor, true)
    case 'killWhitespaceWordBack':
      return kill(state, action, backwardWordPoint(text, cursor, ''), cursor, true)
    case 'killWord':
      return kill(state, action, cursor, forwardWordPoint(text, cursor), false)
    case 'yank': {
      const killed = state.killRing[state.killIndex]
      if (killed === undefined) return state
      const next = edited(
        state,
        action,
        text.slice(0, cursor) + killed + text.slice(cursor),
        cursor + killed.length,
      )
      return { ...next, yankStart: cursor }
    }
    case 'yankPop': {
      if ((state.last !== 'yank' && state.last !== 'yankPop') || state.killRing.length < 2) return state
      const killIndex = (state.killIndex - 1 + state.killRing.length) % state.killRing.length
      const killed = state.killRing[killIndex]
      const start = state.yankStart
      const next = edited(
        state,
        action,
        text.slice(0, start) + killed + text.slice(cursor),
        start + killed.length,
      )
      return { ...next, killIndex }
    }
    case 'yankArg': {
      const start = action.replace && state.last === 'yankArg' ? state.yankStart : cursor
      const next = edited(
        state,
        action,
        text.slice(0, start) + action.text + text.slice(cursor),
        start + action.text.length,
      )
      return { ...next, yankStart: start }
    }
    case 'undo': {
      const previous = state.undo.at(-1)
      if (!previous) return state
      return { ...state, ...previous, undo: state.undo.slice(0, -1), last: action.type }
    }
    case 'set': {
      const cursorAt = Math.min(action.cursor ?? action.text.length, action.text.length)
      if (action.text === text && cursorAt === cursor) return state
      return edited(state, action, action.text, cursorAt)
    }
    case 'newLine':
      return { ...emptyEditor, killRing: state.killRing, killIndex: state.killIndex }
    case 'replaceRange': {
      const replaced = text.slice(0, action.start) + action.text + text.slice(action.end)
      return edited(state, action, replaced, action.start + action.text.length)
    }
  }
}

/**
 * Keys Ink cannot tell apart, recognised from the bytes the terminal sent: the Delete key and
 * Backspace are both `delete` to Ink, and Alt+. arrives as a plain '.'.
 */
export function rawKeyCommand(raw: string | undefined): KeyCommand | undefined {
  switch (raw) {
    case '\x1b[3~':
      return { type: 'deleteForward' }
    case '\x1b[3;5~': // Ctrl+Delete
    case '\x1bd':
      return { type: 'killWord' }
    // Most terminals send ^H for Ctrl+Backspace (Backspace itself sends DEL); kitty's protocol its own.
    case '\b':
    case '\x1b\x7f':
    case '\x1b\b':
    case '\x1b[127;5u':
      return { type: 'killWordBack' }
    case '\x1b.':
      return { type: 'yankLastArg' }
    case '\x1by':
      return { type: 'yankPop' }
    case '\x1f': // Ctrl+_ (also Ctrl+/ and Ctrl+- in many terminals)
      return { type: 'undo' }
    case '\x1bf':
      return { type: 'wordEnd' }
  }
  return undefined
}

/** Maps one Ink keypress to a command. Multi-character input is a paste (or fast typing). */
export function keyToCommand(input: string, key: Key, raw?: string): KeyCommand {
  const byRaw = rawKeyCommand(raw)
  if (byRaw) return byRaw
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
        return { type: 'killWhitespaceWordBack' }
      case 'y':
        return { type: 'yank' }
      case 'z':
        return { type: 'undo' }
      case 'h':
        return { type: 'killWordBack' }
      case 'l':
        return { type: 'clearScreen' }
      case 'r':
        return { type: 'historySearch' }
      case 's':
        return { type: 'historySearchForward' }
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
  if (key.upArrow) return { type: 'up' }
  if (key.downArrow) return { type: 'down' }
  if (key.leftArrow) return key.ctrl || key.meta ? { type: 'wordLeft' } : { type: 'left' }
  if (key.rightArrow) return key.ctrl || key.meta ? { type: 'wordRight' } : { type: 'right' }
  if (key.home) return { type: 'home' }
  if (key.end) return { type: 'end' }
  // Terminals send DEL (0x7f) for Backspace, which Ink reports as `delete`; the Delete key itself
  // (ESC [ 3 ~) is told apart by rawKeyCommand.
  if (key.backspace || key.delete) return key.meta ? { type: 'killWordBack' } : { type: 'backspace' }
  if (key.meta && input === 'b') return { type: 'wordLeft' }
  if (key.meta && input === 'f') return { type: 'wordEnd' }
  if (key.meta && input === 'd') return { type: 'killWord' }
  if (key.meta && input === 'y') return { type: 'yankPop' }
  if (key.escape) return { type: 'escape' }
  if (input === '\x1f') return { type: 'undo' }
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
    else if (code === 0x7f) keys.push(['', { ...key, backspace: true }])
    else if (code === 0x1b) keys.push(['', { ...key, escape: true }])
    else if (code >= 0x01 && code <= 0x1a)
      keys.push([String.fromCharCode(code + 0x60), { ...key, ctrl: true }])
    else if (code === 0x1f) keys.push(['\x1f', key])
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
