// Tab completion as a pure function of the line, the cursor, the registry and cached live values,
// so it is table-tested without a terminal and stays fast (no I/O here beyond an injected lister).
import { readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import {
  displayName,
  resolveParameterName,
  type AnyCmdlet,
  type CommandRegistry,
  type LiveValueSource,
} from '../engine/index.js'
import { tokenize, type ShellToken } from './tokens.js'

/** One thing Tab can insert. `text` replaces the range; `display` is what the list shows. */
export interface Candidate {
  text: string
  display: string
  kind: 'cmdlet' | 'parameter' | 'value' | 'variable' | 'path'
  description?: string
}

/** Candidates and the [start, end) range of the line they replace. */
export interface CompletionResult {
  candidates: Candidate[]
  start: number
  end: number
  /** A live-value slot the cache did not have yet; the caller may fetch it and complete again. */
  missing?: LiveValueSource
}

/** A directory entry for path completion. */
export interface DirectoryEntry {
  name: string
  isDirectory: boolean
}

export interface CompletionSources {
  registry: CommandRegistry
  /** Cached live values for a completer slot, or undefined when not fetched yet. */
  liveValues?: (slot: LiveValueSource) => readonly string[] | undefined
  /** Variable names known to the session (without `$`). */
  variables?: readonly string[]
  /** Lists a directory for -Path completion; defaults to the file system. */
  listDirectory?: (directory: string) => DirectoryEntry[]
}

const SEGMENT_BREAKS = new Set(['|', ';', '{', '(', '\n'])

function matches(candidate: string, prefix: string): boolean {
  return candidate.toLowerCase().startsWith(prefix.toLowerCase())
}

/** Quotes a value that the lexer would otherwise split (spaces, quotes, punctuation). */
export function quoteIfNeeded(value: string): string {
  if (/^[\w@.:/\\*+-]+$/.test(value) && !value.startsWith('-') && !value.startsWith('$')) return value
  return `'${value.replace(/'/g, "''")}'`
}

function defaultListDirectory(directory: string): DirectoryEntry[] {
  try {
    return readdirSync(directory, { withFileTypes: true }).map((entry) => ({
      name: entry.name,
      isDirectory: entry.isDirectory(),
    }))
  } catch {
    return []
  }
}

/** Completes the word that ends at `cursor`. */
export function complete(text: string, cursor: number, sources: CompletionSources): CompletionResult {
  const tokens = tokenize(text.slice(0, cursor))
  const last = tokens[tokens.length - 1]
  const onWord = last !== undefined && last.kind !== 'whitespace' && last.kind !== 'newline'
  const wordToken = onWord && !(last.kind === 'punctuation' || last.text === '|') ? last : undefined
  const start = wordToken ? wordToken.start : cursor
  const word = wordToken ? wordToken.text : ''
  const empty: CompletionResult = { candidates: [], start, end: cursor }

  // Walk back to the command of this pipeline segment, collecting the tokens after it.
  const before = wordToken ? tokens.slice(0, -1) : tokens
  let commandIndex = -1
  for (let i = before.length - 1; i >= 0; i--) {
    if (SEGMENT_BREAKS.has(before[i].text) || before[i].kind === 'newline') break
    if (before[i].kind === 'command') {
      commandIndex = i
      break
    }
  }

  if (wordToken?.kind === 'command' || (!wordToken && commandIndex === -1 && expectsCommand(before))) {
    return { ...empty, candidates: completeCommand(word, sources.registry) }
  }
  if (word.startsWith('$')) {
    const names = ['_', ...(sources.variables ?? [])]
    const candidates = names
      .filter((name) => matches(`$${name}`, word))
      .map((name) => ({ text: `$${name}`, display: `$${name}`, kind: 'variable' as const }))
    return { ...empty, candidates: dedupe(candidates) }
  }
  const cmdlet = commandIndex >= 0 ? sources.registry.find(before[commandIndex].text) : undefined
  if (!cmdlet) return empty
  if (word.startsWith('-')) return { ...empty, candidates: completeParameter(cmdlet, word) }

  const parameter = parameterForValue(cmdlet, before.slice(commandIndex + 1))
  if (!parameter) return empty
  const def = cmdlet.allParameters[parameter]
  const unquoted = word.replace(/^['"]/, '')
  if (def.validateSet) {
    return { ...empty, candidates: valueCandidates(def.validateSet, unquoted) }
  }
  switch (def.completer) {
    case undefined:
    case 'property':
      return empty
    case 'path':
      return { ...empty, candidates: completePath(unquoted, sources.listDirectory ?? defaultListDirectory) }
    case 'cmdlet':
      return { ...empty, candidates: completeCommand(unquoted, sources.registry) }
    default: {
      const values = sources.liveValues?.(def.completer)
      if (!values) return { ...empty, missing: def.completer }
      return { ...empty, candidates: valueCandidates(values, unquoted) }
    }
  }
}

/** True when the next word would be a command: at the start or right after | ; { ( or a newline. */
function expectsCommand(before: ShellToken[]): boolean {
  for (let i = before.length - 1; i >= 0; i--) {
    if (before[i].kind === 'whitespace') continue
    return SEGMENT_BREAKS.has(before[i].text) || before[i].kind === 'newline'
  }
  return true
}

function completeCommand(prefix: string, registry: CommandRegistry): Candidate[] {
  const cmdlets = registry.all()
  const out: Candidate[] = []
  for (const cmdlet of cmdlets) {
    if (matches(cmdlet.name, prefix))
      out.push({ text: cmdlet.name, display: cmdlet.name, kind: 'cmdlet', description: cmdlet.synopsis })
  }
  // Aliases only when no cmdlet name matches, so `Get-` does not drown in `gu`, `where`, ...
  if (out.length === 0 && prefix !== '') {
    for (const cmdlet of cmdlets)
      for (const alias of cmdlet.aliases ?? [])
        if (matches(alias, prefix))
          out.push({ text: alias, display: `${alias} -> ${cmdlet.name}`, kind: 'cmdlet' })
  }
  return out
}

function completeParameter(cmdlet: AnyCmdlet, word: string): Candidate[] {
  const prefix = word.replace(/^-+/, '').replace(/:$/, '')
  return Object.entries(cmdlet.allParameters)
    .filter(([name, def]) => !def.hidden && matches(name, prefix))
    .map(([name, def]) => ({
      text: `-${displayName(name)}`,
      display: `-${displayName(name)}`,
      kind: 'parameter' as const,
      description: def.description,
    }))
}

/** The parameter an argument in this position belongs to: after `-Name`, or the next positional. */
function parameterForValue(cmdlet: AnyCmdlet, args: ShellToken[]): string | undefined {
  const significant = args.filter((token) => token.kind !== 'whitespace')
  const previous = significant[significant.length - 1]
  if (previous?.kind === 'parameter' && !previous.text.endsWith(':')) {
    try {
      const name = resolveParameterName(cmdlet, previous.text.replace(/^-+/, ''))
      return cmdlet.allParameters[name].type === 'switch' ? undefined : name
    } catch {
      return undefined
    }
  }
  // Count the positional arguments already given (words not consumed by a named parameter).
  let positional = 0
  for (let i = 0; i < significant.length; i++) {
    const token = significant[i]
    if (token.kind === 'parameter') {
      let takesValue = false
      try {
        takesValue =
          cmdlet.allParameters[resolveParameterName(cmdlet, token.text.replace(/^-+/, ''))].type !== 'switch'
      } catch {
        takesValue = false
      }
      if (takesValue && !token.text.endsWith(':')) i++
    } else positional++
  }
  const entry = Object.entries(cmdlet.allParameters).find(([, def]) => def.position === positional)
  return entry?.[0]
}

function valueCandidates(values: readonly string[], prefix: string): Candidate[] {
  return dedupe(
    values
      .filter((value) => matches(value, prefix))
      .map((value) => ({ text: quoteIfNeeded(value), display: value, kind: 'value' as const })),
  )
}

function completePath(typed: string, list: (directory: string) => DirectoryEntry[]): Candidate[] {
  const expanded = typed.startsWith('~') ? homedir() + typed.slice(1) : typed
  const slash = Math.max(expanded.lastIndexOf('/'), expanded.lastIndexOf('\\'))
  const directoryPart = slash >= 0 ? expanded.slice(0, slash + 1) : ''
  const typedDirectory = slash >= 0 ? typed.slice(0, typed.length - (expanded.length - slash - 1)) : ''
  const namePrefix = expanded.slice(slash + 1)
  const directory =
    directoryPart === '' ? '.' : directoryPart === '/' ? '/' : dirname(join(directoryPart, 'x'))
  return list(directory)
    .filter(
      (entry) =>
        matches(entry.name, namePrefix) && (namePrefix.startsWith('.') || !entry.name.startsWith('.')),
    )
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((entry) => {
      const path = `${typedDirectory}${entry.name}${entry.isDirectory ? '/' : ''}`
      return {
        text: quoteIfNeeded(path),
        display: `${entry.name}${entry.isDirectory ? '/' : ''}`,
        kind: 'path' as const,
      }
    })
}

function dedupe(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>()
  return candidates.filter((candidate) => {
    const key = candidate.text.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The longest prefix shared by every candidate (case-insensitive), in the first one's spelling. */
export function commonPrefix(candidates: readonly Candidate[]): string {
  if (candidates.length === 0) return ''
  let prefix = candidates[0].text
  for (const candidate of candidates.slice(1)) {
    let i = 0
    while (
      i < prefix.length &&
      i < candidate.text.length &&
      prefix[i].toLowerCase() === candidate.text[i].toLowerCase()
    )
      i++
    prefix = prefix.slice(0, i)
  }
  return prefix
}
