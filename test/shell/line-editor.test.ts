import { describe, expect, it } from 'vitest'
import type { Key } from 'ink'
import {
  emptyEditor,
  editorReducer,
  keyToCommand,
  splitTypedAhead,
  type EditAction,
  type EditorState,
} from '../../src/shell/hooks/use-line-editor.js'

const at = (text: string, cursor = text.length, killed?: string): EditorState => ({
  ...emptyEditor,
  text,
  cursor,
  killRing: killed === undefined ? [] : [killed],
  killIndex: killed === undefined ? -1 : 0,
})
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
    ['home again goes to the start of the input', at('ab {\n  cd', 5), { type: 'home' }, { cursor: 0 }],
    ['end again goes to the end of the input', at('ab {\n  cd', 4), { type: 'end' }, { cursor: 9 }],
    ['end', at('abc def', 1), { type: 'end' }, { cursor: 7 }],
    ['home on second line of multi-line input', at('ab {\n  cd', 8), { type: 'home' }, { cursor: 5 }],
    ['end on first line of multi-line input', at('ab {\n  cd', 1), { type: 'end' }, { cursor: 4 }],
    // PSReadLine's word rules: `-` and `.` are word delimiters (Options.DefaultWordDelimiters).
    ['word left stops after a dash', at('Get-VcsUser -Name x', 17), { type: 'wordLeft' }, { cursor: 13 }],
    ['word left', at('Get-VcsUser', 11), { type: 'wordLeft' }, { cursor: 4 }],
    ['next word (Ctrl+Right)', at('Get-VcsUser -Name x', 0), { type: 'wordRight' }, { cursor: 4 }],
    ['forward word (Alt+F) ends the word', at('$u.Email x', 3), { type: 'wordEnd' }, { cursor: 8 }],
    [
      'Ctrl+K kills to the end of the input',
      at('a {\n b }', 2),
      { type: 'killToEnd' },
      { text: 'a ', killRing: ['{\n b }'] },
    ],
    [
      'Ctrl+K kills to end',
      at('abc def', 3),
      { type: 'killToEnd' },
      { text: 'abc', cursor: 3, killRing: [' def'] },
    ],
    [
      'Ctrl+U kills to start',
      at('abc def', 4),
      { type: 'killToStart' },
      { text: 'def', cursor: 0, killRing: ['abc '] },
    ],
    [
      'Ctrl+W kills back to whitespace',
      at('Get-VcsUser -Name', 17),
      { type: 'killWhitespaceWordBack' },
      { text: 'Get-VcsUser ', cursor: 12, killRing: ['-Name'] },
    ],
    [
      'Ctrl+W skips trailing spaces',
      at('a bc  '),
      { type: 'killWhitespaceWordBack' },
      { text: 'a ', cursor: 2 },
    ],
    [
      'Ctrl+Backspace kills back by PowerShell word rules',
      at('Get-VcsUser -Name', 17),
      { type: 'killWordBack' },
      { text: 'Get-VcsUser -', cursor: 13, killRing: ['Name'] },
    ],
    [
      'Alt+D kills to the end of the word',
      at('Get-VcsUser -Name', 4),
      { type: 'killWord' },
      { text: 'Get- -Name', cursor: 4, killRing: ['VcsUser'] },
    ],
    ['delete forward at the end is a no-op', at('ab'), { type: 'deleteForward' }, { text: 'ab' }],
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

  const run = (state: EditorState, ...actions: EditAction[]) => actions.reduce(editorReducer, state)

  it('moves, deletes and backspaces whole grapheme clusters (emoji, ZWJ sequences, accents)', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'
    const text = `a${family}e\u0301b\u{1F1EF}\u{1F1F5}`
    const end = at(text)
    expect(run(end, { type: 'left' }).cursor).toBe(text.length - 4) // before the flag
    expect(run(end, { type: 'left' }, { type: 'left' }, { type: 'left' }).cursor).toBe(1 + family.length)
    expect(run(end, { type: 'left' }, { type: 'left' }, { type: 'left' }, { type: 'backspace' }).text).toBe(
      'ae\u0301b\u{1F1EF}\u{1F1F5}',
    )
    expect(run(at(text, 1), { type: 'deleteForward' }).text).toBe('ae\u0301b\u{1F1EF}\u{1F1F5}')
    expect(run(at(text, 1), { type: 'right' }).cursor).toBe(1 + family.length)
    expect(run(at('a\u{1F600}'), { type: 'backspace' }).text).toBe('a')
  })

  it('Up and Down move between the lines of a multi-line command, keeping the column', () => {
    const text = 'if ($x) {\n  Get-VcsUser\n}'
    const state = at(text, 14) // "  Get" on line 2, column 4
    expect(run(state, { type: 'lineUp' }).cursor).toBe(4)
    expect(run(state, { type: 'lineDown' }).cursor).toBe(text.length)
    expect(run(at(text, 2), { type: 'lineUp' })).toEqual(at(text, 2))
  })

  it('accumulates consecutive kills into one kill-ring entry, backward kills prepended', () => {
    const state = run(at('Get-VcsUser -Name Ann', 12), { type: 'killWord' }, { type: 'killWord' })
    expect(state.text).toBe('Get-VcsUser ')
    expect(state.killRing).toEqual(['-Name Ann'])
    const back = run(at('one two three'), { type: 'killWordBack' }, { type: 'killWordBack' })
    expect(back.killRing).toEqual(['two three'])
    const separate = run(
      at('one two three'),
      { type: 'killWordBack' },
      { type: 'left' },
      { type: 'killWordBack' },
    )
    expect(separate.killRing).toEqual(['three', 'two'])
  })

  it('yanks the last kill and cycles older ones with Alt+Y', () => {
    const killed = run(at('aa bb'), { type: 'killWordBack' }, { type: 'left' }, { type: 'killWordBack' })
    expect(killed.killRing).toEqual(['bb', 'aa'])
    const yanked = run(killed, { type: 'end' }, { type: 'yank' })
    expect(yanked.text).toBe(' aa')
    expect(run(yanked, { type: 'yankPop' }).text).toBe(' bb')
  })

  it('undoes edits one step at a time, consecutive typing as one step', () => {
    const typed = run(at(''), { type: 'insert', text: 'G' }, { type: 'insert', text: 'et' }, { type: 'left' })
    const edited = run(typed, { type: 'deleteForward' }, { type: 'killToStart' })
    expect(edited.text).toBe('')
    expect(run(edited, { type: 'undo' })).toMatchObject({ text: 'Ge', cursor: 2 })
    expect(run(edited, { type: 'undo' }, { type: 'undo' }).text).toBe('Get')
    expect(run(edited, { type: 'undo' }, { type: 'undo' }, { type: 'undo' }).text).toBe('')
  })

  it('Alt+. inserts an argument, and again replaces it', () => {
    const first = run(at('echo '), { type: 'yankArg', text: 'a.csv', replace: false })
    expect(first.text).toBe('echo a.csv')
    expect(run(first, { type: 'yankArg', text: 'b', replace: true }).text).toBe('echo b')
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
    ['Ctrl+W', 'w', { ctrl: true }, 'killWhitespaceWordBack'],
    ['Ctrl+Z', 'z', { ctrl: true }, 'undo'],
    ['Ctrl+L', 'l', { ctrl: true }, 'clearScreen'],
    ['Ctrl+S', 's', { ctrl: true }, 'historySearchForward'],
    ['Ctrl+Y', 'y', { ctrl: true }, 'yank'],
    ['Ctrl+R', 'r', { ctrl: true }, 'historySearch'],
    ['Ctrl+C', 'c', { ctrl: true }, 'interrupt'],
    ['Ctrl+D', 'd', { ctrl: true }, 'eof'],
    ['Enter', '', { return: true }, 'submit'],
    ['Tab', '', { tab: true }, 'complete'],
    ['Up', '', { upArrow: true }, 'up'],
    ['Down', '', { downArrow: true }, 'down'],
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

  // Ink reports these alike (Delete and Backspace are both `delete`, Alt+. is '.'): the raw bytes decide.
  it.each<[string, string, Partial<Key>, string, string]>([
    ['Delete', '', { delete: true }, '\x1b[3~', 'deleteForward'],
    ['Backspace', '', { delete: true }, '\x7f', 'backspace'],
    ['Ctrl+Backspace (^H)', '', { backspace: true }, '\b', 'killWordBack'],
    ['Alt+Backspace', '', { delete: true, meta: true }, '\x1b\x7f', 'killWordBack'],
    ['Ctrl+Delete', '', { delete: true, ctrl: true }, '\x1b[3;5~', 'killWord'],
    ['Alt+D', 'd', { meta: true }, '\x1bd', 'killWord'],
    ['Alt+.', '.', {}, '\x1b.', 'yankLastArg'],
    ['Alt+Y', 'y', { meta: true }, '\x1by', 'yankPop'],
    ['Ctrl+_', '\x1f', {}, '\x1f', 'undo'],
    ['a plain dot', '.', {}, '.', 'insert'],
  ])('%s (by its bytes)', (_name, input, overrides, raw, type) => {
    expect(keyToCommand(input, key(overrides), raw).type).toBe(type)
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
