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
