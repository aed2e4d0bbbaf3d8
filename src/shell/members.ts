// What member and property-name completion knows about values: the members of a live value (a
// variable's), and the property names of the records a pipeline stage passes on, inferred from the
// output type the cmdlets declare (PowerShell's type inference for completion does the same from
// [OutputType]). Property names of a type come from records of it seen in this session (the shell's
// own listings, the completion cache's fetches) and from the type's declared views.
import {
  isRecord,
  propertyNames,
  resolveParameterName,
  typeNameOf,
  viewOf,
  type AnyCmdlet,
  type CommandRegistry,
} from '../engine/index.js'
import type { ShellToken } from './tokens.js'

/** A member a value offers after `.`. */
export interface Member {
  name: string
  method: boolean
}

// The methods the language implements (src/language/methods.ts), per kind of value: completion
// offers only what runs. `GetType` works on everything.
const COMMON_METHODS = ['Equals', 'GetType', 'ToString']
const STRING_METHODS = [
  'CompareTo',
  'Contains',
  'EndsWith',
  'IndexOf',
  'Insert',
  'LastIndexOf',
  'Normalize',
  'PadLeft',
  'PadRight',
  'Remove',
  'Replace',
  'Split',
  'StartsWith',
  'Substring',
  'ToCharArray',
  'ToLower',
  'ToLowerInvariant',
  'ToUpper',
  'ToUpperInvariant',
  'Trim',
  'TrimEnd',
  'TrimStart',
]
const ARRAY_METHODS = ['Clone', 'Contains', 'ForEach', 'IndexOf', 'Where']
const HASHTABLE_METHODS = [
  'Add',
  'Clear',
  'Clone',
  'Contains',
  'ContainsKey',
  'ContainsValue',
  'GetEnumerator',
  'Remove',
]
const DATE_PROPERTIES = ['Date', 'Day', 'DayOfWeek', 'DayOfYear', 'Hour', 'Kind', 'Millisecond', 'Minute']
  .concat(['Month', 'Second', 'Ticks', 'Year'])
  .sort()
const DATE_METHODS = [
  'AddDays',
  'AddHours',
  'AddMilliseconds',
  'AddMinutes',
  'AddMonths',
  'AddSeconds',
  'AddYears',
  'CompareTo',
  'Subtract',
  'ToLocalTime',
  'ToLongDateString',
  'ToLongTimeString',
  'ToShortDateString',
  'ToShortTimeString',
  'ToUniversalTime',
]
const NUMBER_METHODS = ['CompareTo']

/** Every method name completion offers, for the test that each of them runs. */
export const METHOD_TABLE = {
  common: COMMON_METHODS,
  string: STRING_METHODS,
  array: ARRAY_METHODS,
  hashtable: HASHTABLE_METHODS,
  date: DATE_METHODS,
  number: NUMBER_METHODS,
} as const

const property = (name: string): Member => ({ name, method: false })
const method = (name: string): Member => ({ name, method: true })
const methods = (names: readonly string[]): Member[] => [...names, ...COMMON_METHODS].sort().map(method)

/** How many elements of an array are looked at for their properties (member enumeration). */
const ELEMENT_SAMPLE = 50

function isHashtable(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeNameOf(value) === 'Hashtable'
}

/**
 * The members of a live value, properties first: a record's properties, a hashtable's keys and
 * Count/Keys/Values, a string's Length, an array's Count and Length and (member enumeration, as
 * `$users.Email` reads every user's Email) the properties of its elements; then the methods.
 */
export function membersOfValue(value: unknown): Member[] {
  if (value === null || value === undefined) return []
  if (typeof value === 'string') return [property('Length'), ...methods(STRING_METHODS)]
  if (typeof value === 'number') return methods(NUMBER_METHODS)
  if (value instanceof Date) return [...DATE_PROPERTIES.map(property), ...methods(DATE_METHODS)]
  if (Array.isArray(value)) {
    const names = new Set<string>(['Count', 'Length'])
    for (const item of value.slice(0, ELEMENT_SAMPLE)) for (const name of propertyNames(item)) names.add(name)
    return [...[...names].map(property), ...methods(ARRAY_METHODS)]
  }
  if (isHashtable(value)) {
    const keys = Object.keys(value).filter((key) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(key))
    return [...keys, 'Count', 'Keys', 'Values'].map(property).concat(methods(HASHTABLE_METHODS))
  }
  if (isRecord(value)) return [...propertyNames(value).map(property), ...methods([])]
  return methods([])
}

/** Type names whose records differ from one to the next: their properties are not learned. */
const SHAPELESS = new Set(['pscustomobject', 'hashtable', 'dictionaryentry', 'object'])

/**
 * Property names per output type, learned from records of that type as they pass (once per type:
 * a 20,000-row listing costs one lookup per row) and from the type's declared views.
 */
export class TypeShapes {
  private readonly learned = new Map<string, string[]>()

  /** Remembers the properties of a record's type, the first time a record of it is seen. */
  learn(record: unknown): void {
    if (!isRecord(record)) return
    const typeName = typeNameOf(record)
    if (this.learned.has(typeName) || SHAPELESS.has(typeName.toLowerCase())) return
    this.learned.set(typeName, propertyNames(record))
  }

  /** The property names of a type: what records of it had, then what its views name. */
  properties(typeName: string): string[] {
    const names = new Set(this.learned.get(typeName) ?? [])
    const view = viewOf(typeName)
    for (const name of view?.list ?? []) names.add(name)
    for (const column of view?.table ?? []) if (typeof column.value === 'string') names.add(column.value)
    return [...names]
  }
}

/** What completion knows of the records entering a pipeline stage: their property names. */
export type Shape = readonly string[] | undefined

/** Cmdlets that pass their input on unchanged (Select-Object only without -Property). */
const PASS_THROUGH = new Set(['where-object', 'sort-object', 'select-object', 'tee-object'])

export interface ShapeSources {
  registry: CommandRegistry
  shapes?: TypeShapes
  /** A variable's value, or undefined when it is not set. */
  variable?: (name: string) => { value: unknown } | undefined
}

const significant = (tokens: readonly ShellToken[]) =>
  tokens.filter((token) => token.kind !== 'whitespace' && token.kind !== 'newline')

/** Where the pipeline that `index` is in starts: after `;`, a newline, an open `{` or `(`, or `=`. */
export function pipelineStart(tokens: readonly ShellToken[], index: number): number {
  let depth = 0
  for (let i = index - 1; i >= 0; i--) {
    const { text, kind } = tokens[i]
    if (text === '}' || text === ')') depth++
    else if (text === '{' || text === '(') {
      if (depth === 0) return i + 1
      depth--
    } else if (depth === 0 && (text === ';' || kind === 'newline' || (kind === 'operator' && text === '=')))
      return i + 1
  }
  return 0
}

/** The stages of the pipeline running from `start` up to (not including) `end`, split at its `|`s. */
function stages(tokens: readonly ShellToken[], start: number, end: number): ShellToken[][] {
  const out: ShellToken[][] = [[]]
  let depth = 0
  for (let i = start; i < end; i++) {
    const token = tokens[i]
    if (token.text === '{' || token.text === '(') depth++
    else if (token.text === '}' || token.text === ')') depth--
    if (depth === 0 && token.text === '|') out.push([])
    else out[out.length - 1].push(token)
  }
  return out
}

/** The property names of what the stages from `start` to before the stage at `end` output. */
export function shapeBefore(tokens: readonly ShellToken[], end: number, sources: ShapeSources): Shape {
  const all = stages(tokens, pipelineStart(tokens, end), end)
  // The last "stage" is the one being typed (its tokens before `end`): what enters it is wanted.
  let shape: Shape
  for (const stage of all.slice(0, -1)) shape = stageOutput(stage, shape, sources)
  return shape
}

/** The property names of what a whole pipeline (from `start` to a `;` or the end) outputs. */
export function pipelineOutput(tokens: readonly ShellToken[], start: number, sources: ShapeSources): Shape {
  let end = start
  let depth = 0
  for (; end < tokens.length; end++) {
    const { text, kind } = tokens[end]
    if (text === '{' || text === '(') depth++
    else if (text === '}' || text === ')') depth--
    if (depth < 0 || (depth === 0 && (text === ';' || kind === 'newline'))) break
  }
  let shape: Shape
  for (const stage of stages(tokens, start, end)) shape = stageOutput(stage, shape, sources)
  return shape
}

/** Element properties of a variable's value (or of the value itself when it is one record). */
function valueShape(value: unknown): Shape {
  const items = Array.isArray(value) ? value.slice(0, ELEMENT_SAMPLE) : [value]
  const names = new Set<string>()
  for (const item of items) for (const name of propertyNames(item)) names.add(name)
  return names.size > 0 ? [...names] : undefined
}

function stageOutput(stage: readonly ShellToken[], input: Shape, sources: ShapeSources): Shape {
  const [first, ...args] = significant(stage)
  if (!first) return undefined
  if (first.kind === 'variable') {
    const found = sources.variable?.(first.text.slice(1))
    return args.length === 0 && found ? valueShape(found.value) : undefined
  }
  if (first.kind !== 'command') return undefined
  const cmdlet = sources.registry.find(first.text)
  if (!cmdlet) return undefined
  if (PASS_THROUGH.has(cmdlet.name.toLowerCase())) {
    if (cmdlet.name.toLowerCase() !== 'select-object') return input
    return selectedShape(cmdlet, args, input)
  }
  return cmdlet.output ? sources.shapes?.properties(cmdlet.output) : undefined
}

/** What Select-Object outputs: its input without -Property, else the named properties. */
function selectedShape(cmdlet: AnyCmdlet, args: readonly ShellToken[], input: Shape): Shape {
  const named: string[] = []
  let target: string | undefined = 'property'
  for (const token of args) {
    if (token.kind === 'parameter') {
      try {
        target = resolveParameterName(cmdlet, token.text.replace(/^-+/, '').replace(/:$/, ''))
      } catch {
        return undefined
      }
      if (target === 'expandProperty') return undefined
      if (target !== 'property') target = cmdlet.allParameters[target].type === 'switch' ? 'property' : target
      continue
    }
    if (target === 'property' && (token.kind === 'word' || token.kind === 'string')) {
      const name = token.text.replace(/^['"]|['"]$/g, '')
      // A wildcard picks from the input's properties.
      if (/[*?[]/.test(name)) return input
      named.push(name)
    } else if (token.text !== ',' && target !== 'property') target = 'property'
  }
  return named.length > 0 ? named : input
}
