// PowerShell wildcard patterns (`*`, `?`, `[a-z]`, backtick escapes), case-insensitive by default,
// shared by -like, -Name filters and Get-Command so they all agree.

/** True when the pattern has a wildcard character that is not escaped. */
export function hasWildcard(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '`') {
      i++
      continue
    }
    if (c === '*' || c === '?' || c === '[') return true
  }
  return false
}

/** One pattern position: a test for a single character. */
type CharTest = (char: string) => boolean

/** A compiled pattern: the runs of single-character tests between its `*`s. */
interface Compiled {
  segments: CharTest[][]
}

const cache = new Map<string, Compiled>()

/**
 * Compiles a PowerShell wildcard (`*`, `?`, `[a-z]`, `[abc]`, backtick escapes) into segments
 * between stars. Matching never backtracks (see {@link matchWildcard}): a regular expression with
 * several `[\s\S]*` took over 40 s for `*a*a*a*a*a*a*a*a` against a 60-character name.
 */
function compile(pattern: string, caseSensitive: boolean): Compiled {
  const key = `${caseSensitive ? 'c' : 'i'}:${pattern}`
  const cached = cache.get(key)
  if (cached) return cached
  const fold = (char: string) => (caseSensitive ? char : char.toLowerCase())
  const chars = Array.from(pattern)
  const segments: CharTest[][] = [[]]
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]
    const current = segments[segments.length - 1]
    if (c === '`' && i + 1 < chars.length) {
      const literal = fold(chars[++i])
      current.push((char) => fold(char) === literal)
    } else if (c === '*') {
      if (current.length > 0 || segments.length === 1) segments.push([])
    } else if (c === '?') {
      current.push(() => true)
    } else if (c === '[' && chars.indexOf(']', i + 1) !== -1) {
      const close = chars.indexOf(']', i + 1)
      current.push(classTest(chars.slice(i + 1, close), fold))
      i = close
    } else {
      const literal = fold(c)
      current.push((char) => fold(char) === literal)
    }
  }
  const compiled: Compiled = { segments }
  if (cache.size > 500) cache.clear()
  cache.set(key, compiled)
  return compiled
}

/** `[abc]`, `[a-z]`, `[!a]` (negated, as before). */
function classTest(body: string[], fold: (char: string) => string): CharTest {
  const negated = body[0] === '!'
  const items = negated ? body.slice(1) : body
  const ranges: [string, string][] = []
  for (let i = 0; i < items.length; i++) {
    if (items[i + 1] === '-' && i + 2 < items.length) {
      ranges.push([fold(items[i]), fold(items[i + 2])])
      i += 2
    } else ranges.push([fold(items[i]), fold(items[i])])
  }
  return (char) => {
    const folded = fold(char)
    const inside = ranges.some(([from, to]) => folded >= from && folded <= to)
    return inside !== negated
  }
}

/** Whether `tests` match `chars` starting at `at`. */
function matchesAt(chars: string[], at: number, tests: CharTest[]): boolean {
  if (at + tests.length > chars.length) return false
  for (let j = 0; j < tests.length; j++) if (!tests[j](chars[at + j])) return false
  return true
}

/**
 * PowerShell's -like. The first segment must match at the start and the last at the end; each
 * segment in between is taken at its leftmost match, which is always right for `*` (it absorbs
 * whatever lies between), so there is no backtracking: at most length × pattern-length tests.
 */
export function matchWildcard(value: string, pattern: string, caseSensitive = false): boolean {
  const { segments } = compile(pattern, caseSensitive)
  const chars = Array.from(value)
  if (segments.length === 1) return chars.length === segments[0].length && matchesAt(chars, 0, segments[0])
  const first = segments[0]
  const last = segments[segments.length - 1]
  if (!matchesAt(chars, 0, first)) return false
  let at = first.length
  const end = chars.length - last.length
  if (end < at) return false
  for (const segment of segments.slice(1, -1)) {
    let found = -1
    for (let start = at; start + segment.length <= end; start++) {
      if (matchesAt(chars, start, segment)) {
        found = start
        break
      }
    }
    if (found < 0) return false
    at = found + segment.length
  }
  return matchesAt(chars, end, last)
}

/** True when any pattern matches; a pattern without wildcards is an exact (case-insensitive) match. */
export function matchesAny(value: string | undefined | null, patterns: readonly string[]): boolean {
  if (value === undefined || value === null) return false
  return patterns.some((pattern) => matchWildcard(value, pattern))
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
