// Incremental history search (Ctrl+R backwards, Ctrl+S forwards), as PSReadLine's
// ReverseSearchHistory/ForwardSearchHistory with HistoryNoDuplicates: a command typed several times
// is found once, at its most recent use. When nothing matches, the last match stays and the search
// says it is failing, as bash and PSReadLine do.

/** A history entry found by the search. */
export interface SearchMatch {
  entry: string
  index: number
}

export interface SearchState {
  query: string
  direction: 'backward' | 'forward'
  match?: SearchMatch
  /** True when the query (or the last Ctrl+R / Ctrl+S) found nothing. */
  failing: boolean
}

/** True when no later entry repeats entries[index] (HistoryNoDuplicates keeps the newest). */
export function isLatest(entries: readonly string[], index: number): boolean {
  return entries.lastIndexOf(entries[index]) === index
}

/** The first entry from `from` (inclusive) in `direction` that contains `query`, case-insensitively. */
export function findEntry(
  entries: readonly string[],
  query: string,
  from: number,
  direction: 'backward' | 'forward',
): SearchMatch | undefined {
  const needle = query.toLowerCase()
  const step = direction === 'backward' ? -1 : 1
  for (let index = from; index >= 0 && index < entries.length; index += step) {
    if (entries[index].toLowerCase().includes(needle) && isLatest(entries, index))
      return { entry: entries[index], index }
  }
  return undefined
}

/** A new search; a forward search starts from the oldest entry, a backward one from the newest. */
export function startSearch(direction: 'backward' | 'forward'): SearchState {
  return { query: '', direction, failing: false }
}

/** The query grew or shrank: search again from the current match (or the end the search started at). */
export function withQuery(entries: readonly string[], state: SearchState, query: string): SearchState {
  if (query === '') return { ...state, query, match: undefined, failing: false }
  const from =
    state.match && query.startsWith(state.query)
      ? state.match.index
      : state.direction === 'backward'
        ? entries.length - 1
        : 0
  const match = findEntry(entries, query, from, state.direction)
  return match ? { ...state, query, match, failing: false } : { ...state, query, failing: true }
}

/** Ctrl+R / Ctrl+S again: the next match in that direction, skipping the one shown. */
export function searchAgain(
  entries: readonly string[],
  state: SearchState,
  direction: 'backward' | 'forward',
): SearchState {
  if (state.query === '') return { ...state, direction }
  const step = direction === 'backward' ? -1 : 1
  const from = state.match ? state.match.index + step : direction === 'backward' ? entries.length - 1 : 0
  const match = findEntry(entries, state.query, from, direction)
  return match ? { ...state, direction, match, failing: false } : { ...state, direction, failing: true }
}

/** The search prompt, in bash's words: `(failed reverse-i-search)'que': `. */
export function searchPrompt(state: SearchState): string {
  const name = state.direction === 'backward' ? 'reverse-i-search' : 'i-search'
  return `(${state.failing ? 'failed ' : ''}${name})'${state.query}': `
}

/** What a key does to an open search: go on with a new state, close it, or accept its match. */
export type SearchKeyOutcome =
  | { kind: 'search'; state: SearchState }
  | { kind: 'close' }
  | { kind: 'accept'; run: boolean }
  | { kind: 'ignore' }

/** The key `input`/`key` (Ink's; `raw` its bytes) pressed while the search is open, as PSReadLine. */
export function searchKey(
  entries: readonly string[],
  state: SearchState,
  input: string,
  key: SearchKey,
  raw: string | undefined,
): SearchKeyOutcome {
  if (key.ctrl && (input === 'r' || input === 's'))
    return { kind: 'search', state: searchAgain(entries, state, input === 'r' ? 'backward' : 'forward') }
  if (key.ctrl && (input === 'c' || input === 'g')) return { kind: 'close' }
  if (key.return) return { kind: 'accept', run: true }
  if (key.escape || key.leftArrow || key.rightArrow || key.upArrow || key.downArrow)
    return { kind: 'accept', run: false }
  if (key.backspace || key.delete)
    return { kind: 'search', state: withQuery(entries, state, state.query.slice(0, -1)) }
  if (!key.ctrl && !key.meta && input && raw !== '\x1f') {
    // eslint-disable-next-line no-control-regex
    const typed = input.replace(/[\x00-\x1f\x7f]/g, '')
    if (typed) return { kind: 'search', state: withQuery(entries, state, state.query + typed) }
  }
  return { kind: 'ignore' }
}

/** The parts of Ink's Key the search reads. */
export interface SearchKey {
  ctrl: boolean
  meta: boolean
  return: boolean
  escape: boolean
  leftArrow: boolean
  rightArrow: boolean
  upArrow: boolean
  downArrow: boolean
  backspace: boolean
  delete: boolean
}
