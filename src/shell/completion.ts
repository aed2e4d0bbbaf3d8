// Tab completion as a pure function of the line, the cursor, the registry and cached live values,
// so it is table-tested without a terminal and stays fast (no I/O here beyond an injected lister).
import { readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import {
  displayName,
  getProperty,
  resolveParameterName,
  type AnyCmdlet,
  type CommandRegistry,
  type LiveValueSource,
} from '../engine/index.js'
import { membersOfValue, pipelineOutput, shapeBefore, type Shape, type TypeShapes } from './members.js'
import { tokenize, type ShellToken } from './tokens.js'

/** One thing Tab can insert. `text` replaces the range; `display` is what the list shows. */
export interface Candidate {
  text: string
  display: string
  kind: 'cmdlet' | 'parameter' | 'value' | 'variable' | 'path' | 'property' | 'method'
  description?: string
}

/** Candidates and the [start, end) range of the line they replace. */
export interface CompletionResult {
  candidates: Candidate[]
  start: number
  end: number
  /** A live-value slot the cache did not have yet; the caller may fetch it and complete again. */
  missing?: LiveValueSource
  /**
   * The cache holds only part of this slot (it is capped): the caller may ask the server for the
   * values starting with `prefix`, add them to the cache and complete again.
   */
  search?: { source: LiveValueSource; prefix: string }
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
  /** A variable's value, or undefined when it is not set (member completion on `$name.`). */
  variableValue?: (name: string) => { value: unknown } | undefined
  /** Property names of the cmdlets' output types (property-name completion after a pipe). */
  shapes?: TypeShapes
  /** True when the cache holds only part of a live slot and `prefix` was not searched for yet. */
  partial?: (slot: LiveValueSource, prefix: string) => boolean
  /** Lists a directory for -Path completion; defaults to the file system. */
  listDirectory?: (directory: string) => DirectoryEntry[]
}

const SEGMENT_BREAKS = new Set(['|', ';', '{', '(', '\n'])

function matches(candidate: string, prefix: string): boolean {
  return candidate.toLowerCase().startsWith(prefix.toLowerCase())
}

/** Quotes a value that the lexer would otherwise split (spaces, quotes, punctuation). */
export function quoteIfNeeded(value: string): string {
  if (/^[\w@.:/\\*+~-]+$/.test(value) && !value.startsWith('-') && !value.startsWith('$')) return value
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

/**
 * Completes the word at `cursor`: candidates match what is typed before the cursor, and replace the
 * whole word, the part after the cursor too (PowerShell's CompletionAnalysis replaces the token at
 * the cursor, from its start to its end).
 */
export function complete(text: string, cursor: number, sources: CompletionSources): CompletionResult {
  const tokens = tokenize(text.slice(0, cursor))
  let last: ShellToken | undefined = tokens[tokens.length - 1]
  // `-Status:` with nothing after it yet: the value comes next, as after `-Status `.
  if (last?.kind === 'parameter' && last.text.endsWith(':') && last.text.length > 2) last = undefined
  const wordToken =
    last && !['whitespace', 'newline', 'punctuation'].includes(last.kind) && last.text !== '|'
      ? last
      : undefined
  const start = wordToken ? wordToken.start : cursor
  const word = wordToken ? wordToken.text : ''
  const empty: CompletionResult = { candidates: [], start, end: wordToken ? wordEnd(text, cursor) : cursor }

  const member = completeMember(tokens, cursor, sources)
  if (member) return { ...empty, ...member, end: member.start === cursor ? cursor : empty.end }

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

  const args = before.slice(commandIndex + 1)
  const parameter = parameterForValue(cmdlet, args)
  if (!parameter) return empty
  const def = cmdlet.allParameters[parameter]
  const unquoted = word.replace(/^['"]/, '')
  if (def.validateSet) {
    return { ...empty, candidates: valueCandidates(def.validateSet, unquoted) }
  }
  if (cmdlet.name === 'Get-Help' && parameter === 'parameter') {
    const named = helpTarget(cmdlet, args, sources.registry)
    return { ...empty, candidates: named ? parameterNames(named, unquoted) : [] }
  }
  switch (def.completer) {
    case undefined:
      return empty
    case 'property': {
      const shape = shapeBefore(before, commandIndex, shapeSources(sources))
      return { ...empty, candidates: propertyCandidates(shape, unquoted) }
    }
    case 'path':
      return { ...empty, candidates: completePath(unquoted, sources.listDirectory ?? defaultListDirectory) }
    case 'cmdlet':
      return { ...empty, candidates: completeCommand(unquoted, sources.registry) }
    default: {
      const values = sources.liveValues?.(def.completer)
      if (!values) return { ...empty, missing: def.completer }
      const search =
        unquoted !== '' && sources.partial?.(def.completer, unquoted)
          ? { source: def.completer, prefix: unquoted }
          : {}
      return { ...empty, candidates: valueCandidates(values, unquoted), ...(search.source ? { search } : {}) }
    }
  }
}

/** The end of the word the cursor is in (the cursor itself when it is not inside one). */
function wordEnd(text: string, cursor: number): number {
  if (cursor >= text.length || /[\s|;,(){}]/.test(text[cursor])) return cursor
  const token = tokenize(text).find((t) => t.start < cursor && cursor < t.start + t.text.length)
  if (!token || token.kind === 'whitespace' || token.kind === 'newline' || token.kind === 'punctuation')
    return cursor
  return token.start + token.text.length
}

function shapeSources(sources: CompletionSources) {
  return { registry: sources.registry, shapes: sources.shapes, variable: sources.variableValue }
}

function propertyCandidates(names: Shape, prefix: string): Candidate[] {
  return dedupe(
    (names ?? [])
      .filter((name) => matches(name, prefix))
      .map((name) => ({ text: quoteIfNeeded(name), display: name, kind: 'property' as const })),
  )
}

/**
 * Member completion after `.`: `$u.`, `$u.Na`, `$u.Email.`, `$u[0].`, `$_.` in a script block.
 * Undefined when the word is not a member access. A set variable offers its value's members;
 * otherwise the properties of what assigned it earlier on the line (`$u = Get-VcsUser; $u.`), or,
 * for `$_`, of what the pipeline passes into the script block's command.
 */
function completeMember(
  lexed: ShellToken[],
  cursor: number,
  sources: CompletionSources,
): Pick<CompletionResult, 'candidates' | 'start'> | undefined {
  const tokens = lexed.flatMap(splitMemberWord)
  let dot = tokens.length - 1
  let prefix = ''
  const last = tokens[dot]
  if (last?.kind === 'word' && tokens[dot - 1]?.text === '.' && adjacent(tokens[dot - 1], last)) {
    prefix = last.text
    dot--
  } else if (last?.text !== '.') return undefined
  // The chain before the dot: names after dots and [n] indexes, back to a variable.
  const path: Array<string | number> = []
  let i = dot - 1
  for (; i >= 0; i--) {
    const token = tokens[i]
    if (!adjacent(token, tokens[i + 1])) return undefined
    if (token.kind === 'variable') break
    if (token.kind === 'word' && tokens[i - 1]?.text === '.') {
      path.unshift(token.text)
      i--
    } else if (token.text === ']' && tokens[i - 1]?.kind === 'number' && tokens[i - 2]?.text === '[') {
      path.unshift(Number(tokens[i - 1].text))
      i -= 2
    } else return undefined
  }
  if (i < 0) return undefined
  const name = tokens[i].text.replace(/^[$@]/, '').replace(/^\{|\}$/g, '')
  const start = prefix ? tokens[tokens.length - 1].start : cursor
  const found = sources.variableValue?.(name)
  let members: Array<{ name: string; method: boolean }>
  if (found) {
    let value = found.value
    for (const step of path)
      value = typeof step === 'number' ? indexOf(value, step) : getProperty(value, step)
    members = membersOfValue(value)
  } else {
    if (path.some((step) => typeof step === 'string')) return { candidates: [], start }
    members = (inferredShape(tokens, i, name, sources) ?? []).map((property) => ({
      name: property,
      method: false,
    }))
  }
  const candidates = members
    .filter((member) => matches(member.name, prefix))
    .map((member) => {
      const text = member.method ? `${member.name}${member.name === 'GetType' ? '()' : '('}` : member.name
      return {
        text: member.method || /^[\p{L}_][\p{L}\p{N}_]*$/u.test(text) ? text : quoteIfNeeded(text),
        display: member.method ? `${member.name}()` : member.name,
        kind: member.method ? ('method' as const) : ('property' as const),
      }
    })
  return { candidates: dedupe(candidates), start }
}

/** In argument mode `$u.Email.To` lexes as `$u` and the word `.Email.To`: split it at its dots. */
function splitMemberWord(token: ShellToken): ShellToken[] {
  if (token.kind !== 'word' || !token.text.startsWith('.')) return [token]
  const out: ShellToken[] = []
  let at = token.start
  for (const part of token.text.slice(1).split('.')) {
    out.push({ ...token, kind: 'punctuation', text: '.', start: at, end: at + 1 })
    at++
    if (part !== '') out.push({ ...token, kind: 'word', text: part, start: at, end: at + part.length })
    at += part.length
  }
  return out
}

function adjacent(a: ShellToken, b: ShellToken | undefined): boolean {
  return b !== undefined && a.start + a.text.length === b.start
}

function indexOf(value: unknown, index: number): unknown {
  if (!Array.isArray(value)) return index === 0 ? value : undefined
  return value[index < 0 ? value.length + index : index]
}

/** The properties an unset variable will have: from its assignment earlier on the line, or `$_`'s. */
function inferredShape(tokens: ShellToken[], at: number, name: string, sources: CompletionSources): Shape {
  if (/^(_|psitem)$/i.test(name)) {
    // The script block `$_` is in, then the pipeline stage that block is an argument of.
    let depth = 0
    for (let i = at - 1; i >= 0; i--) {
      if (tokens[i].text === '}') depth++
      else if (tokens[i].text === '{' && depth-- === 0) return shapeBefore(tokens, i, shapeSources(sources))
    }
    return undefined
  }
  for (let i = at - 1; i >= 0; i--) {
    const token = tokens[i]
    if (token.kind !== 'variable' || token.text.slice(1).toLowerCase() !== name.toLowerCase()) continue
    const next = tokens.slice(i + 1).find((t) => t.kind !== 'whitespace')
    if (next?.kind === 'operator' && next.text === '=')
      return pipelineOutput(tokens, tokens.indexOf(next) + 1, shapeSources(sources))
  }
  return undefined
}

/** The cmdlet `Get-Help` names (by -Name or its first positional argument). */
function helpTarget(help: AnyCmdlet, args: ShellToken[], registry: CommandRegistry): AnyCmdlet | undefined {
  const words = args.filter((token) => token.kind !== 'whitespace' && token.kind !== 'newline')
  for (let i = 0; i < words.length; i++) {
    const token = words[i]
    if (token.kind === 'parameter') {
      let name: string | undefined
      try {
        name = resolveParameterName(help, token.text.replace(/^-+/, '').replace(/:$/, ''))
      } catch {
        return undefined
      }
      if (name === 'name') return registry.find(words[i + 1]?.text.replace(/^['"]|['"]$/g, '') ?? '')
      if (help.allParameters[name].type !== 'switch') i++
    } else return registry.find(token.text.replace(/^['"]|['"]$/g, ''))
  }
  return undefined
}

/** `Get-Help X -Parameter` values: X's parameter names, bare (as PowerShell completes them). */
function parameterNames(cmdlet: AnyCmdlet, prefix: string): Candidate[] {
  return Object.entries(cmdlet.allParameters)
    .filter(([name, def]) => !def.hidden && matches(displayName(name), prefix))
    .map(([name, def]) => ({
      text: displayName(name),
      display: displayName(name),
      kind: 'parameter' as const,
      description: def.description,
    }))
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

/**
 * The parameter an argument in this position belongs to: after `-Name` or `-Name:`, the next
 * element of a list (`-Email a@x, b`), or the next positional. A comma list is one argument.
 */
function parameterForValue(cmdlet: AnyCmdlet, args: ShellToken[]): string | undefined {
  let significant = withoutListTails(args.filter((token) => token.kind !== 'whitespace'))
  // After `a,` the value being typed continues the list: it belongs where the list's first one does.
  if (args.filter((token) => token.kind !== 'whitespace').at(-1)?.text === ',')
    significant = significant.slice(0, -1)
  const previous = significant[significant.length - 1]
  if (previous?.kind === 'parameter') {
    try {
      const name = resolveParameterName(cmdlet, previous.text.replace(/^-+/, '').replace(/:$/, ''))
      return cmdlet.allParameters[name].type === 'switch' && !previous.text.endsWith(':') ? undefined : name
    } catch {
      return undefined
    }
  }
  // Count the positional arguments already given (words not consumed by a named parameter).
  let positional = 0
  for (let i = 0; i < significant.length; i++) {
    const token = significant[i]
    if (token.kind === 'parameter') {
      let takesValue = token.text.endsWith(':')
      try {
        takesValue ||=
          cmdlet.allParameters[resolveParameterName(cmdlet, token.text.replace(/^-+/, '').replace(/:$/, ''))]
            .type !== 'switch'
      } catch {
        takesValue = false
      }
      if (takesValue) i++
    } else positional++
  }
  // Parameters of different sets can share a position (Where-Object's script block or property):
  // the one with values to offer is the one Tab is for.
  const candidates = Object.entries(cmdlet.allParameters).filter(([, def]) => def.position === positional)
  const entry = candidates.find(([, def]) => def.completer || def.validateSet) ?? candidates[0]
  return entry?.[0]
}

/** The tokens with each `, value` dropped, so that a list counts as its first element. */
function withoutListTails(tokens: ShellToken[]): ShellToken[] {
  const out: ShellToken[] = []
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].text === ',') i++
    else out.push(tokens[i])
  }
  return out
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
