// defineCmdlet turns a declarative definition into a Cmdlet: it checks the definition once (approved
// verb, parameter sets, positions) and derives what binding, help and the CLI need.
import {
  APPROVED_VERBS,
  COMMON_PARAMETERS,
  SHOULD_PROCESS_PARAMETERS,
  type Cmdlet,
  type CmdletDefinition,
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
  if (!definition.process && !definition.stream && !definition.end) {
    throw new Error(`${definition.name}: needs process(), stream() or end()`)
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
