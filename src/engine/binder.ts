// Parameter binding as PowerShell does it: named (case-insensitive, unique prefixes, aliases), then
// positional, coercion and validation, then parameter-set resolution; and per pipeline record,
// ByValue first and ByPropertyName second. Everything here runs before any request is sent.
import { UsageError, type SourcePosition } from './errors.js'
import { findPropertyName, isRecord, propertyNames, typeNameOf, toDisplayString } from './objects.js'
import { redact, redactValue } from './redact.js'
import { coerceParameter, displayName } from './coerce.js'
import type { AnyCmdlet as Cmdlet, ParameterDef, ParameterDefs } from './types.js'

/** One element of a command as written: `-Name`, `-Name:value`, or a value. */
export type CommandArgument =
  | { kind: 'parameter'; name: string; value?: unknown; hasValue: boolean; position?: SourcePosition }
  | {
      kind: 'value'
      value: unknown
      position?: SourcePosition
      /** the literal text, for errors */ text?: string
    }

/** The result of binding a command's own arguments (before pipeline input). */
export interface Binding {
  cmdlet: Cmdlet
  /** camelCase name -> coerced, validated value. */
  args: Record<string, unknown>
  /** Names given explicitly. */
  explicit: Set<string>
  /** Parameter sets still possible. */
  candidateSets: string[]
  /** The resolved set, when known before pipeline input. */
  set?: string
  expectingInput: boolean
}

export const ALL_SETS = '__AllParameterSets'

/** `expiresInDays` -> `ExpiresInDays`, as shown in the shell and in help. */
export { displayName }

/** `expiresInDays` -> `expires-in-days`, as used by the one-shot CLI. */
export function kebabName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()
}

/** Resolves a parameter name as typed (any case, a unique prefix, an alias, kebab-case) to its key. */
export function resolveParameterName(cmdlet: Cmdlet, typed: string, position?: SourcePosition): string {
  const wanted = typed.replace(/^-+/, '').replace(/-/g, '').toLowerCase()
  const entries = Object.entries(cmdlet.allParameters)
  for (const [name, def] of entries) {
    if (name.toLowerCase() === wanted) return name
    if (def.aliases?.some((alias) => alias.toLowerCase().replace(/-/g, '') === wanted)) return name
  }
  const matches = entries.filter(([name]) => name.toLowerCase().startsWith(wanted)).map(([name]) => name)
  if (matches.length === 1 && wanted.length > 0) return matches[0]
  if (matches.length > 1) {
    throw new UsageError(
      'ParameterAmbiguous',
      `Parameter -${typed.replace(/^-+/, '')} of ${cmdlet.name} is ambiguous: it could be ${matches.map((m) => `-${displayName(m)}`).join(', ')}.`,
      { position, hint: 'Type more of the parameter name.' },
    )
  }
  const close = entries
    .map(([name]) => name)
    .filter((name) => !(name in commonNames) && similarity(name.toLowerCase(), wanted) >= 0.5)
  throw new UsageError('ParameterNotFound', `${cmdlet.name} has no parameter -${typed.replace(/^-+/, '')}.`, {
    position,
    hint: close.length
      ? `Did you mean ${close.map((n) => `-${displayName(n)}`).join(' or ')}?`
      : `See: Get-Help ${cmdlet.name}`,
  })
}

const commonNames = { verbose: 1, debug: 1, errorAction: 1, warningAction: 1, errorVariable: 1 }

function similarity(a: string, b: string): number {
  if (!a || !b) return 0
  if (a.includes(b) || b.includes(a)) return 0.9
  const bigrams = (s: string) => new Set(Array.from({ length: s.length - 1 }, (_, i) => s.slice(i, i + 2)))
  const x = bigrams(a)
  const y = bigrams(b)
  let common = 0
  for (const gram of x) if (y.has(gram)) common++
  return (2 * common) / Math.max(1, x.size + y.size)
}

/** Sets a parameter belongs to (all declared sets when it lists none). */
export function setsOf(cmdlet: Cmdlet, def: ParameterDef): string[] {
  return def.sets ? [...def.sets] : [...cmdlet.setNames]
}

/**
 * Binds a command's arguments: the shell and CLI pass CommandArgument[]; the library an object.
 * Throws UsageError naming the parameter and the cmdlet on any problem.
 */
export function bindArguments(
  cmdlet: Cmdlet,
  input: readonly CommandArgument[] | Record<string, unknown>,
  options: { expectingInput?: boolean } = {},
): Binding {
  const elements = Array.isArray(input)
    ? (input as CommandArgument[])
    : objectToArguments(input as Record<string, unknown>)
  const args: Record<string, unknown> = {}
  const explicit = new Set<string>()
  const positional: Extract<CommandArgument, { kind: 'value' }>[] = []

  for (let i = 0; i < elements.length; i++) {
    const element = elements[i]
    if (element.kind === 'value') {
      positional.push(element)
      continue
    }
    const name = resolveParameterName(cmdlet, element.name, element.position)
    const def = cmdlet.allParameters[name]
    if (explicit.has(name)) {
      throw new UsageError(
        'InvalidParameterValue',
        `Parameter -${displayName(name)} of ${cmdlet.name} is given more than once.`,
        {
          position: element.position,
        },
      )
    }
    let value: unknown
    if (def.type === 'switch') {
      value = element.hasValue ? element.value : true
    } else if (element.hasValue) {
      value = element.value
    } else {
      const next = elements[i + 1]
      if (!next || next.kind !== 'value') {
        throw new UsageError(
          'InvalidParameterValue',
          `Parameter -${displayName(name)} of ${cmdlet.name} needs a value of type ${def.type}.`,
          { position: element.position, hint: usageHint(cmdlet, name) },
        )
      }
      value = next.value
      i++
    }
    args[name] = coerceParameter(cmdlet, name, def, value, element.position)
    explicit.add(name)
  }

  let candidateSets = narrowSets(cmdlet, [...cmdlet.setNames], explicit)
  if (candidateSets.length === 0) throw setConflict(cmdlet, explicit)

  if (positional.length > 0) {
    const slots = positionalSlots(cmdlet, candidateSets, explicit)
    // ValueFromRemainingArguments: values beyond the positional slots collect into one array.
    const remaining = Object.entries(cmdlet.allParameters as ParameterDefs).find(
      ([name, def]) => def.remaining && !explicit.has(name),
    )?.[0]
    const leftovers = remaining ? positional.slice(slots.length) : []
    if (remaining && leftovers.length > 0) {
      args[remaining] = coerceParameter(
        cmdlet,
        remaining,
        cmdlet.allParameters[remaining],
        leftovers.map((element) => element.value),
        leftovers[0].position,
      )
      explicit.add(remaining)
    }
    positional.slice(0, remaining ? slots.length : positional.length).forEach((element, index) => {
      const name = slots[index]
      if (!name) {
        throw new UsageError(
          'ParameterNotFound',
          `${cmdlet.name} has no positional parameter for the argument '${element.text ?? toDisplayString(element.value)}'.`,
          {
            position: element.position,
            hint: `Name the parameter, e.g. -${displayName(Object.keys(cmdlet.parameters)[0] ?? 'Name')}. See: Get-Help ${cmdlet.name}`,
          },
        )
      }
      args[name] = coerceParameter(cmdlet, name, cmdlet.allParameters[name], element.value, element.position)
      explicit.add(name)
    })
    candidateSets = narrowSets(cmdlet, candidateSets, explicit)
    if (candidateSets.length === 0) throw setConflict(cmdlet, explicit)
  }

  const expectingInput = options.expectingInput ?? false
  const binding: Binding = { cmdlet, args, explicit, candidateSets, expectingInput }
  const satisfiable = candidateSets.filter(
    (set) => missingMandatory(cmdlet, set, args, expectingInput).length === 0,
  )
  if (satisfiable.length === 0) {
    const best = candidateSets.includes(cmdlet.defaultSet) ? cmdlet.defaultSet : candidateSets[0]
    const missing = missingMandatory(cmdlet, best, args, expectingInput)
    throw new UsageError(
      'MissingMandatoryParameter',
      `${cmdlet.name} needs ${missing.map((m) => `-${displayName(m)}`).join(', ')}.`,
      { hint: usageHint(cmdlet, missing[0]) },
    )
  }
  binding.candidateSets = satisfiable
  binding.set = pickSet(cmdlet, satisfiable, args)
  if (!binding.set && !expectingInput) {
    throw new UsageError(
      'ParameterSetAmbiguous',
      `${cmdlet.name} cannot tell which parameter set to use (${satisfiable.join(', ')}) from the parameters given.`,
      { hint: `See the syntax in: Get-Help ${cmdlet.name}` },
    )
  }
  return binding
}

/**
 * Binds one pipeline record on top of a command's binding: ByValue (exact type), ByPropertyName,
 * then ByValue with coercion. Returns the full argument object, or throws InputNotBound.
 */
export function bindPipelineRecord(binding: Binding, record: unknown): Record<string, unknown> {
  const { cmdlet } = binding
  const candidates = pipelineParameters(binding)
  // As PowerShell does, each candidate parameter set is tried on its own (the default set first):
  // a record with both Id and Email binds to the set that takes one of them, not to a mix of two.
  let firstProblem: unknown
  for (const set of orderedSets(binding)) {
    const inSet = candidates.filter(([, def]) => setsOf(cmdlet, def).includes(set))
    try {
      const args = bindInSet(binding, inSet, record)
      if (args && missingMandatory(cmdlet, set, args, false).length === 0) return args
    } catch (error) {
      firstProblem ??= error
    }
  }
  if (firstProblem) throw firstProblem
  const expected = candidates.map(([name]) => `-${displayName(name)}`).join(', ')
  throw new UsageError(
    'InputNotBound',
    `${cmdlet.name} cannot bind the input ${describeRecord(record)}${expected ? ` to ${expected}` : ''}.`,
    {
      target: record,
      category: 'InvalidArgument',
      hint: candidates.some(([, d]) => d.pipeline !== 'byValue')
        ? `Objects need a property named ${candidates.map(([n]) => displayName(n)).join(' or ')}.`
        : undefined,
    },
  )
}

/** The binding's candidate sets, the default first. */
function orderedSets(binding: Binding): string[] {
  const { candidateSets, cmdlet } = binding
  return candidateSets.includes(cmdlet.defaultSet)
    ? [cmdlet.defaultSet, ...candidateSets.filter((set) => set !== cmdlet.defaultSet)]
    : candidateSets
}

/**
 * Binds a record to the pipeline parameters of one set: ByValue with the exact type, else
 * ByPropertyName, else ByValue with coercion. Returns undefined when nothing bound; throws when a
 * matching value fails validation (an invalid e-mail in an Email column).
 */
function bindInSet(
  binding: Binding,
  parameters: [string, ParameterDef][],
  record: unknown,
): Record<string, unknown> | undefined {
  const { cmdlet } = binding
  const args = { ...binding.args }
  const bound = new Set(binding.explicit)
  const tryBind = (mode: 'exact' | 'property' | 'coerce'): boolean => {
    let any = false
    for (const [name, def] of parameters) {
      if (bound.has(name)) continue
      const byValue = def.pipeline === 'byValue' || def.pipeline === 'both'
      const byProperty = def.pipeline === 'byPropertyName' || def.pipeline === 'both'
      if (mode === 'property' && byProperty && isRecord(record)) {
        const key =
          findPropertyName(record, name) ??
          def.aliases?.map((alias) => findPropertyName(record, alias)).find(Boolean)
        if (key === undefined) continue
        const value = (record as Record<string, unknown>)[key]
        if (value === undefined || value === null || value === '') continue
        try {
          args[name] = coerceParameter(cmdlet, name, def, value)
        } catch (error) {
          throw withTarget(error, record)
        }
        bound.add(name)
        any = true
      } else if (mode !== 'property' && byValue) {
        if (mode === 'exact' && !exactTypeMatch(def, record)) continue
        if (mode === 'coerce' && !coercibleByValue(def, record)) continue
        try {
          args[name] = coerceParameter(cmdlet, name, def, record)
        } catch (error) {
          if (mode === 'exact') throw withTarget(error, record)
          continue
        }
        // A record binds ByValue to one parameter only.
        return true
      }
    }
    return any
  }
  return tryBind('exact') || tryBind('property') || tryBind('coerce') ? args : undefined
}

function withTarget(error: unknown, record: unknown): unknown {
  if (error instanceof UsageError && error.target === undefined) error.target = record
  return error
}

/** Longest input text a binding error shows (PowerShell shows a record as `@{Email=x; Name=a}`). */
const INPUT_TEXT_LIMIT = 100

/**
 * The input as a binding error shows it, on one line, shortened, secrets masked: a record as
 * `@{E-mail=x@y.z; Name=a} (PSCustomObject)`, anything else in quotes.
 */
function describeRecord(record: unknown): string {
  const ownText = isRecord(record) && (record as object).toString !== Object.prototype.toString
  if (isRecord(record) && !ownText) return `@{${shorten(recordText(record))}} (${typeNameOf(record)})`
  const text = `'${shorten(oneLine(redact(toDisplayString(record))))}'`
  return isRecord(record) ? `${text} (${typeNameOf(record)})` : text
}

/** `Name=a; E-mail=x@y.z`: nested records as `@{…}`, secret-named properties and secrets masked. */
function recordText(record: Record<string, unknown>): string {
  const parts = propertyNames(record).map((name) => {
    const value = record[name]
    // The redactor's rule for property names that hold secrets (AppSecret, Token, ...).
    const secretName = (redactValue({ [name]: '' }) as Record<string, unknown>)[name] !== ''
    return `${name}=${secretName && value !== undefined && value !== null && value !== '' ? '***' : briefText(value)}`
  })
  return oneLine(redact(parts.join('; ')))
}

function briefText(value: unknown): string {
  if (Array.isArray(value)) return value.map(briefText).join(', ')
  if (isRecord(value)) return '@{…}'
  return toDisplayString(value)
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ')
}

/** The text cut to the limit, with an ellipsis when cut. */
function shorten(text: string): string {
  return text.length <= INPUT_TEXT_LIMIT ? text : `${text.slice(0, INPUT_TEXT_LIMIT)}…`
}

const pipelineCache = new WeakMap<Binding, [string, ParameterDef][]>()

/** Pipeline parameters of the binding's candidate sets, computed once per binding (hot path). */
function pipelineParameters(binding: Binding): [string, ParameterDef][] {
  const cached = pipelineCache.get(binding)
  if (cached) return cached
  const sets = new Set(binding.candidateSets)
  const result = Object.entries(binding.cmdlet.allParameters as ParameterDefs).filter(
    ([, def]) => def.pipeline && setsOf(binding.cmdlet, def).some((set) => sets.has(set)),
  )
  pipelineCache.set(binding, result)
  return result
}

function exactTypeMatch(def: ParameterDef, value: unknown): boolean {
  switch (def.type) {
    case 'string':
    case 'secret':
      return typeof value === 'string'
    case 'string[]':
      return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    case 'int':
    case 'number':
      return typeof value === 'number'
    case 'object':
    case 'object[]':
      return isRecord(value) && objectTypeMatches(def, value)
    case 'any':
    case 'any[]':
      return true
    default:
      return false
  }
}

/** ByValue with coercion: scalars convert to scalar types; records only bind to matching object types. */
function coercibleByValue(def: ParameterDef, value: unknown): boolean {
  if (def.objectType) return isRecord(value) && objectTypeMatches(def, value)
  if (isRecord(value)) return objectTypeMatches(def, value)
  return true
}

function objectTypeMatches(def: ParameterDef, value: unknown): boolean {
  if (!def.objectType)
    return def.type === 'any' || def.type === 'any[]' || def.type === 'object' || def.type === 'object[]'
  const types = typeof def.objectType === 'string' ? [def.objectType] : def.objectType
  return types.includes(typeNameOf(value))
}

function narrowSets(cmdlet: Cmdlet, sets: string[], bound: Iterable<string>): string[] {
  let result = sets
  for (const name of bound) {
    const def = cmdlet.allParameters[name]
    if (def?.sets) result = result.filter((set) => def.sets!.includes(set))
  }
  return result
}

function positionalSlots(cmdlet: Cmdlet, sets: string[], bound: Set<string>): string[] {
  const preferred = sets.includes(cmdlet.defaultSet) ? [cmdlet.defaultSet] : sets
  const slots = Object.entries(cmdlet.allParameters)
    .filter(([name, def]) => def.position !== undefined && !bound.has(name))
    .filter(([, def]) => setsOf(cmdlet, def).some((set) => preferred.includes(set)))
    .sort(([, a], [, b]) => (a.position ?? 0) - (b.position ?? 0))
  return slots.map(([name]) => name)
}

const mandatoryCache = new WeakMap<Cmdlet, Map<string, [string, ParameterDef][]>>()

/** Mandatory parameters per set, computed once per cmdlet: binding runs for every pipeline record. */
function mandatoryOf(cmdlet: Cmdlet, set: string): [string, ParameterDef][] {
  let perSet = mandatoryCache.get(cmdlet)
  if (!perSet) mandatoryCache.set(cmdlet, (perSet = new Map()))
  let list = perSet.get(set)
  if (!list) {
    list = Object.entries(cmdlet.allParameters as ParameterDefs).filter(
      ([, def]) => def.mandatory && setsOf(cmdlet, def).includes(set),
    )
    perSet.set(set, list)
  }
  return list
}

function missingMandatory(
  cmdlet: Cmdlet,
  set: string,
  args: Record<string, unknown>,
  expectingInput: boolean,
): string[] {
  return mandatoryOf(cmdlet, set)
    .filter(([name, def]) => args[name] === undefined && !(expectingInput && def.pipeline))
    .map(([name]) => name)
}

function pickSet(cmdlet: Cmdlet, sets: string[], args: Record<string, unknown>): string | undefined {
  if (sets.length === 1) return sets[0]
  // Prefer a set that some given parameter belongs to exclusively, then the default set.
  const specific = sets.filter((set) =>
    Object.keys(args).some((name) => {
      const def = cmdlet.allParameters[name]
      return def?.sets?.includes(set) && def.sets.length < cmdlet.setNames.length
    }),
  )
  if (specific.length === 1) return specific[0]
  if (sets.includes(cmdlet.defaultSet)) return cmdlet.defaultSet
  return undefined
}

function setConflict(cmdlet: Cmdlet, explicit: Set<string>): UsageError {
  return new UsageError(
    'ParameterSetNotResolved',
    `${cmdlet.name}: the parameters ${[...explicit].map((n) => `-${displayName(n)}`).join(', ')} cannot be used together.`,
    { hint: `See the syntax in: Get-Help ${cmdlet.name}` },
  )
}

function usageHint(cmdlet: Cmdlet, name: string | undefined): string {
  if (!name) return `See: Get-Help ${cmdlet.name}`
  const def = cmdlet.allParameters[name]
  const example = cmdlet.examples.find((e) => e.code.toLowerCase().includes(`-${name.toLowerCase()}`))
  if (example) return `Example: ${example.code}`
  return `-${displayName(name)} takes ${def.type}${def.validateSet ? ` (${def.validateSet.join(', ')})` : ''}.`
}

function objectToArguments(input: Record<string, unknown>): CommandArgument[] {
  return Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ({ kind: 'parameter', name, value, hasValue: true }))
}

export type { ParameterDefs }
