// PowerShell wildcard patterns (`*`, `?`, `[a-z]`, backtick escapes), case-insensitive by default,
// shared by -like, -Name filters and Get-Command so they all agree.

const cache = new Map<string, RegExp>()

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

/** Compiles a PowerShell wildcard to an anchored RegExp. */
export function wildcardToRegExp(pattern: string, caseSensitive = false): RegExp {
  const key = `${caseSensitive ? 'c' : 'i'}:${pattern}`
  const cached = cache.get(key)
  if (cached) return cached
  let source = '^'
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '`' && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[++i])
    } else if (c === '*') {
      source += '[\\s\\S]*'
    } else if (c === '?') {
      source += '[\\s\\S]'
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 1)
      if (close === -1) {
        source += '\\['
      } else {
        const body = pattern
          .slice(i + 1, close)
          .replace(/\\/g, '\\\\')
          .replace(/^!/, '^')
        source += `[${body}]`
        i = close
      }
    } else {
      source += escapeRegExp(c)
    }
  }
  source += '$'
  let regex: RegExp
  try {
    regex = new RegExp(source, caseSensitive ? 'u' : 'iu')
  } catch {
    regex = new RegExp(`^${escapeRegExp(pattern)}$`, caseSensitive ? 'u' : 'iu')
  }
  if (cache.size > 500) cache.clear()
  cache.set(key, regex)
  return regex
}

/** PowerShell's -like. */
export function matchWildcard(value: string, pattern: string, caseSensitive = false): boolean {
  return wildcardToRegExp(pattern, caseSensitive).test(value)
}

/** True when any pattern matches; a pattern without wildcards is an exact (case-insensitive) match. */
export function matchesAny(value: string | undefined | null, patterns: readonly string[]): boolean {
  if (value === undefined || value === null) return false
  return patterns.some((pattern) => matchWildcard(value, pattern))
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
