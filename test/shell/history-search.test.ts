// The keys of an incremental history search (Ctrl+R / Ctrl+S), as PSReadLine's ReverseSearchHistory
// with HistoryNoDuplicates: typing narrows, Ctrl+R goes further back, Enter runs the match, an arrow
// or Escape keeps it for editing, Ctrl+G / Ctrl+C leave the line as it was.
import { describe, expect, it } from 'vitest'
import { searchKey, startSearch, type SearchKey, type SearchState } from '../../src/shell/history-search.js'

const none: SearchKey = {
  ctrl: false,
  meta: false,
  return: false,
  escape: false,
  leftArrow: false,
  rightArrow: false,
  upArrow: false,
  downArrow: false,
  backspace: false,
  delete: false,
}
const entries = ['Get-VcsUser', 'Get-VcsGroup', 'Get-VcsUser', 'exit']

function type(state: SearchState, text: string): SearchState {
  for (const char of text) {
    const outcome = searchKey(entries, state, char, none, char)
    if (outcome.kind !== 'search') throw new Error(`typing ${char}: ${outcome.kind}`)
    state = outcome.state
  }
  return state
}

describe('searchKey', () => {
  it('narrows as text is typed and finds the newest use of a line once', () => {
    const state = type(startSearch('backward'), 'vcs')
    expect(state.match).toEqual({ entry: 'Get-VcsUser', index: 2 })
    const again = searchKey(entries, state, 'r', { ...none, ctrl: true }, '\x12')
    expect(again).toMatchObject({ kind: 'search', state: { match: { entry: 'Get-VcsGroup' } } })
    // Index 0 repeats index 2: the search fails rather than show it twice.
    const failing = searchKey(
      entries,
      (again as { state: SearchState }).state,
      'r',
      { ...none, ctrl: true },
      '\x12',
    )
    expect(failing).toMatchObject({
      kind: 'search',
      state: { failing: true, match: { entry: 'Get-VcsGroup' } },
    })
  })

  it('Backspace shortens the query; control characters are not typed into it', () => {
    const state = type(startSearch('backward'), 'grx')
    expect(state.failing).toBe(true)
    expect(searchKey(entries, state, '', { ...none, backspace: true }, '\x7f')).toMatchObject({
      kind: 'search',
      state: { query: 'gr', failing: false, match: { entry: 'Get-VcsGroup' } },
    })
    expect(searchKey(entries, state, '\x01', none, '\x01')).toEqual({ kind: 'ignore' })
  })

  it('Enter accepts and runs, an arrow or Escape accepts for editing, Ctrl+G and Ctrl+C close', () => {
    const state = type(startSearch('backward'), 'group')
    expect(searchKey(entries, state, '\r', { ...none, return: true }, '\r')).toEqual({
      kind: 'accept',
      run: true,
    })
    expect(searchKey(entries, state, '', { ...none, leftArrow: true }, '\x1b[D')).toEqual({
      kind: 'accept',
      run: false,
    })
    expect(searchKey(entries, state, '', { ...none, escape: true }, '\x1b')).toEqual({
      kind: 'accept',
      run: false,
    })
    expect(searchKey(entries, state, 'g', { ...none, ctrl: true }, '\x07')).toEqual({ kind: 'close' })
    expect(searchKey(entries, state, 'c', { ...none, ctrl: true }, '\x03')).toEqual({ kind: 'close' })
  })
})
