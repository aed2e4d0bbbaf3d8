// defineCmdlet turns a declarative definition into a Cmdlet: it checks the definition once (approved
// verb, parameter sets, positions) and derives what binding, help and the CLI need.
import {
  APPROVED_VERBS,
  COMMON_PARAMETERS,
  SHOULD_PROCESS_PARAMETERS,
  type AnyCmdlet,
  type Cmdlet,
  type CmdletDefinition,
  type CmdletImplementation,
  type ImplementationOf,
  type ParameterDefs,
} from './types.js'
import { ALL_SETS } from './binder.js'

const VERBS: ReadonlySet<string> = new Set(APPROVED_VERBS)

/** Declares a cmdlet. Definition mistakes throw at import time, so they surface in every test. */
export function defineCmdlet<const P extends ParameterDefs, O = unknown>(
  definition: CmdletDefinition<P, O>,
): Cmdlet<P, O> {
  const [verb, ...rest] = definition.name.split('-')
  const noun = rest.join('-')
  if (!VERBS.has(verb) || !noun) throw new Error(`${definition.name}: not an approved Verb-Noun name`)
  const inline = Boolean(definition.process || definition.stream || definition.end || definition.begin)
  if (!definition.load && !hasWork(definition)) {
    throw new Error(`${definition.name}: needs process(), stream() or end(), or load() of a module with them`)
  }
  if (definition.load && inline) {
    throw new Error(
      `${definition.name}: its code is either in the definition or in the module load() imports`,
    )
  }
  const declaredSets = Object.keys(definition.parameterSets ?? {})
  const setNames = declaredSets.length > 0 ? declaredSets : [ALL_SETS]
  const defaultSet = declaredSets.find((name) => definition.parameterSets?.[name]?.default) ?? setNames[0]
  for (const [name, def] of Object.entries(definition.parameters)) {
    if (name in COMMON_PARAMETERS || name in SHOULD_PROCESS_PARAMETERS) {
      throw new Error(`${definition.name}: -${name} is a common parameter`)
    }
    for (const set of def.sets ?? []) {
      if (!setNames.includes(set)) throw new Error(`${definition.name}: -${name} names unknown set ${set}`)
    }
  }
  for (const set of setNames) {
    const positions = Object.values(definition.parameters)
      .filter((def) => def.position !== undefined && (!def.sets || def.sets.includes(set)))
      .map((def) => def.position)
    if (new Set(positions).size !== positions.length) {
      throw new Error(`${definition.name}: two parameters share a position in set ${set}`)
    }
  }
  const allParameters: ParameterDefs = {
    ...definition.parameters,
    ...(definition.supportsShouldProcess ? SHOULD_PROCESS_PARAMETERS : {}),
    ...COMMON_PARAMETERS,
  }
  const functionName = (verb.charAt(0).toLowerCase() + verb.slice(1) + noun).replace(/-/g, '')
  return Object.freeze({
    ...definition,
    verb,
    noun,
    allParameters,
    functionName,
    defaultSet,
    setNames,
  }) as Cmdlet<P, O>
}

function hasWork(implementation: { process?: unknown; stream?: unknown; end?: unknown }): boolean {
  return Boolean(implementation.process || implementation.stream || implementation.end)
}

/**
 * The code of a cmdlet declared with `load`, in the module that load() imports:
 * `export const getRandom = implement<typeof GetRandom>({ async *stream(records, ctx) { ... } })`.
 * Typed by the declaration, so its arguments are the declared parameters.
 */
export function implement<C extends AnyCmdlet>(implementation: ImplementationOf<C>): ImplementationOf<C> {
  return implementation
}

const loaded = new WeakMap<AnyCmdlet, Promise<CmdletImplementation<any, any>>>()

/**
 * What `cmdlet` does: its definition, or the export named after it (its function name) of the
 * module its load() imports, loaded once.
 */
export function implementationOf(
  cmdlet: AnyCmdlet,
): CmdletImplementation<any, any> | Promise<CmdletImplementation<any, any>> {
  if (!cmdlet.load) return cmdlet
  let implementation = loaded.get(cmdlet)
  if (!implementation) {
    implementation = cmdlet.load().then((module) => {
      const found = (module as Record<string, CmdletImplementation<any, any> | undefined>)[
        cmdlet.functionName
      ]
      if (!found || !hasWork(found)) {
        throw new Error(
          `${cmdlet.name}: its module exports no ${cmdlet.functionName} with process(), stream() or end()`,
        )
      }
      return found
    })
    // A module that failed to load (a file missing from a broken install) is tried again next time.
    implementation.catch(() => loaded.delete(cmdlet))
    loaded.set(cmdlet, implementation)
  }
  return implementation
}
