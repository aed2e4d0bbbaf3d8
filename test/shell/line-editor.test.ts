import { describe, expect, it } from 'vitest'
import type { Key } from 'ink'
import {
  editorReducer,
  keyToCommand,
  splitTypedAhead,
  type EditAction,
  type EditorState,
} from '../../src/shell/hooks/use-line-editor.js'

const at = (text: string, cursor = text.length, killed = ''): EditorState => ({ text, cursor, killed })
const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
}
const key = (overrides: Partial<Key>): Key => ({ ...noKey, ...overrides })

describe('editorReducer', () => {
  it.each<[string, EditorState, EditAction, Partial<EditorState>]>([
    [
      'insert at cursor',
      at('Get-User', 4),
      { type: 'insert', text: 'Vcs' },
      { text: 'Get-VcsUser', cursor: 7 },
    ],
    ['backspace', at('abc', 2), { type: 'backspace' }, { text: 'ac', cursor: 1 }],
    ['backspace at start is a no-op', at('abc', 0), { type: 'backspace' }, { text: 'abc', cursor: 0 }],
    ['delete forward', at('abc', 1), { type: 'deleteForward' }, { text: 'ac', cursor: 1 }],
    ['left', at('abc', 2), { type: 'left' }, { cursor: 1 }],
    ['left at start stays', at('abc', 0), { type: 'left' }, { cursor: 0 }],
    ['right', at('abc', 1), { type: 'right' }, { cursor: 2 }],
    ['right at end stays', at('abc'), { type: 'right' }, { cursor: 3 }],
    ['home', at('abc def', 5), { type: 'home' }, { cursor: 0 }],
    ['end', at('abc def', 1), { type: 'end' }, { cursor: 7 }],
    ['home on second line of multi-line input', at('ab {\n  cd', 8), { type: 'home' }, { cursor: 5 }],
    ['end on first line of multi-line input', at('ab {\n  cd', 1), { type: 'end' }, { cursor: 4 }],
    ['word left', at('Get-VcsUser -Name x', 17), { type: 'wordLeft' }, { cursor: 12 }],
    ['word right', at('Get-VcsUser -Name x', 0), { type: 'wordRight' }, { cursor: 11 }],
    [
      'Ctrl+K kills to end',
      at('abc def', 3),
      { type: 'killToEnd' },
      { text: 'abc', cursor: 3, killed: ' def' },
    ],
    [
      'Ctrl+U kills to start',
      at('abc def', 4),
      { type: 'killToStart' },
      { text: 'def', cursor: 0, killed: 'abc ' },
    ],
    [
      'Ctrl+W kills the word before the cursor',
      at('Get-VcsUser -Name', 17),
      { type: 'killWordBack' },
      { text: 'Get-VcsUser ', cursor: 12, killed: '-Name' },
    ],
    ['Ctrl+W skips trailing spaces', at('a bc  '), { type: 'killWordBack' }, { text: 'a ', cursor: 2 }],
    ['Ctrl+Y yanks the killed text', at('ab', 2, 'cd'), { type: 'yank' }, { text: 'abcd', cursor: 4 }],
    [
      'set replaces the buffer',
      at('x'),
      { type: 'set', text: 'Get-VcsRole' },
      { text: 'Get-VcsRole', cursor: 11 },
    ],
    [
      'replaceRange puts the cursor after the replacement',
      at('Get-VcsU -Name', 8),
      { type: 'replaceRange', start: 0, end: 8, text: 'Get-VcsUser' },
      { text: 'Get-VcsUser -Name', cursor: 11 },
    ],
  ])('%s', (_name, state, action, expected) => {
    expect(editorReducer(state, action)).toMatchObject(expected)
  })

  it('returns the same state object when nothing changes, so React skips the render', () => {
    const state = at('abc', 0)
    expect(editorReducer(state, { type: 'backspace' })).toBe(state)
    expect(editorReducer(state, { type: 'left' })).toBe(state)
  })
})

describe('keyToCommand', () => {
  it.each<[string, string, Partial<Key>, string]>([
    ['Ctrl+A', 'a', { ctrl: true }, 'home'],
    ['Ctrl+E', 'e', { ctrl: true }, 'end'],
    ['Ctrl+K', 'k', { ctrl: true }, 'killToEnd'],
    ['Ctrl+U', 'u', { ctrl: true }, 'killToStart'],
    ['Ctrl+W', 'w', { ctrl: true }, 'killWordBack'],
    ['Ctrl+Y', 'y', { ctrl: true }, 'yank'],
    ['Ctrl+R', 'r', { ctrl: true }, 'historySearch'],
    ['Ctrl+C', 'c', { ctrl: true }, 'interrupt'],
    ['Ctrl+D', 'd', { ctrl: true }, 'eof'],
    ['Enter', '', { return: true }, 'submit'],
    ['Tab', '', { tab: true }, 'complete'],
    ['Up', '', { upArrow: true }, 'historyPrevious'],
    ['Down', '', { downArrow: true }, 'historyNext'],
    ['Left', '', { leftArrow: true }, 'left'],
    ['Right', '', { rightArrow: true }, 'right'],
    ['Ctrl+Left', '', { leftArrow: true, ctrl: true }, 'wordLeft'],
    ['Home', '', { home: true }, 'home'],
    ['End', '', { end: true }, 'end'],
    ['Backspace (DEL, reported as delete)', '', { delete: true }, 'backspace'],
    ['Backspace (BS)', '', { backspace: true }, 'backspace'],
    ['Escape', '', { escape: true, meta: true }, 'escape'],
    ['a letter', 'x', {}, 'insert'],
  ])('%s', (_name, input, overrides, type) => {
    expect(keyToCommand(input, key(overrides)).type).toBe(type)
  })

  it('Shift+Tab completes in reverse', () => {
    expect(keyToCommand('', key({ tab: true, shift: true }))).toEqual({ type: 'complete', reverse: true })
  })

  it('treats multi-line input as a paste with normalised newlines', () => {
    expect(keyToCommand('a\r\nb\rc', noKey)).toEqual({ type: 'paste', text: 'a\nb\nc' })
  })

  it('drops stray control characters from typed text', () => {
    expect(keyToCommand('a\x07b', noKey)).toEqual({ type: 'insert', text: 'ab' })
  })
})

describe('splitTypedAhead', () => {
  const commands = (input: string) =>
    splitTypedAhead(input, noKey).map(([part, partKey]) => keyToCommand(part, partKey))

  it('splits text typed ahead of Tab into the text and a completion', () => {
    expect(commands('Get-VcsU\t')).toEqual([
      { type: 'insert', text: 'Get-VcsU' },
      { type: 'complete', reverse: false },
    ])
  })

  it('keeps typing after Tab, and turns DEL and Ctrl+U into their keys', () => {
    expect(commands('Get-\tx\x7f\x15').map((command) => command.type)).toEqual([
      'insert',
      'complete',
      'insert',
      'backspace',
      'killToStart',
    ])
  })

  it('leaves single keys, plain text and multi-line pastes whole', () => {
    for (const input of ['\t', 'Get-VcsUser', 'a\tb\nc']) {
      expect(splitTypedAhead(input, noKey)).toEqual([[input, noKey]])
    }
  })
})
