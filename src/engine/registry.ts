// Command lookup by name or alias, case-insensitively, over an explicit list of cmdlets.
// The list itself lives in cmdlets/index.ts; the engine only knows how to search it.
import { UsageError, type SourcePosition } from './errors.js'
import { matchWildcard } from './wildcard.js'
import { registerView } from './format.js'
import type { AnyCmdlet as Cmdlet } from './types.js'

/** The registry each cmdlet was listed in, so a running cmdlet reaches the command list through its context. */
const listedIn = new WeakMap<Cmdlet, CommandRegistry>()

/** The registry that lists `cmdlet` (the last one built with it), if any. */
export function registryOf(cmdlet: Cmdlet): CommandRegistry | undefined {
  return listedIn.get(cmdlet)
}

export class CommandRegistry {
  private readonly byName = new Map<string, Cmdlet>()
  private readonly ordered: Cmdlet[] = []

  constructor(cmdlets: readonly Cmdlet[] = []) {
    for (const cmdlet of cmdlets) this.add(cmdlet)
  }

  add(cmdlet: Cmdlet): void {
    const names = [cmdlet.name, ...(cmdlet.aliases ?? [])]
    for (const name of names) {
      const key = name.toLowerCase()
      if (this.byName.has(key)) throw new Error(`Command name ${name} is registered twice`)
      this.byName.set(key, cmdlet)
    }
    this.ordered.push(cmdlet)
    listedIn.set(cmdlet, this)
    for (const [typeName, view] of Object.entries(cmdlet.views ?? {})) registerView(typeName, view)
  }

  /** Every cmdlet, in registration order. */
  all(): readonly Cmdlet[] {
    return this.ordered
  }

  find(name: string): Cmdlet | undefined {
    return this.byName.get(name.toLowerCase())
  }

  /** Finds a command or throws CommandNotFound with a suggestion. */
  resolve(name: string, position?: SourcePosition): Cmdlet {
    const found = this.find(name)
    if (found) return found
    const suggestion = this.suggest(name)
    throw new UsageError('CommandNotFound', `The term '${name}' is not a known cmdlet.`, {
      position: position ? { ...position, length: position.length ?? name.length } : undefined,
      category: 'ObjectNotFound',
      hint: suggestion ? `Did you mean ${suggestion}?` : 'Get-Command lists the cmdlets.',
    })
  }

  /** Cmdlet names (and aliases) matching a wildcard pattern. */
  match(pattern: string): Cmdlet[] {
    return this.ordered.filter(
      (cmdlet) =>
        matchWildcard(cmdlet.name, pattern) || (cmdlet.aliases ?? []).some((a) => matchWildcard(a, pattern)),
    )
  }

  /** Every name the shell can complete: cmdlet names and aliases. */
  names(): string[] {
    return [...this.ordered.map((c) => c.name), ...this.ordered.flatMap((c) => c.aliases ?? [])]
  }

  private suggest(name: string): string | undefined {
    const lower = name.toLowerCase()
    let best: { name: string; distance: number } | undefined
    for (const cmdlet of this.ordered) {
      const distance = levenshtein(lower, cmdlet.name.toLowerCase())
      if (!best || distance < best.distance) best = { name: cmdlet.name, distance }
    }
    if (best && best.distance <= Math.max(2, Math.floor(name.length / 3))) return best.name
    const prefixed = this.ordered.find((c) => c.name.toLowerCase().startsWith(lower))
    return prefixed?.name
  }
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]
}
