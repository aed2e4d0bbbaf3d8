// Helpers the everyday cmdlets share: script-block detection, property specs (names, wildcards,
// script blocks and calculated-property hashtables), input enumeration and file-error conversion.
import { resolve } from 'node:path'
import {
  announceDifference,
  datesDisplayed,
  getProperty,
  hasWildcard,
  isRecord,
  matchWildcard,
  propertyNames,
  RuntimeError,
  toDisplayString,
  UsageError,
  type CmdletContext,
  type ScriptBlockLike,
} from '../../src/engine/index.js'

/** True for a language script block or a JavaScript function. */
export function isScriptBlockLike(value: unknown): value is ScriptBlockLike {
  return (
    typeof value === 'function' ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { isScriptBlock?: boolean }).isScriptBlock === true)
  )
}

/** Validator for parameters that take a script block or a property name. */
export function scriptBlockOrName(value: unknown): string | undefined {
  return isScriptBlockLike(value) || typeof value === 'string'
    ? undefined
    : 'expected a script block { ... } or a property name.'
}

/**
 * Validator for script-block parameters declared as 'any': the engine's 'scriptblock' coercion
 * refuses the language's script block objects (isRecord excludes them), so we check here instead.
 */
export function scriptBlockOnly(value: unknown): string | undefined {
  return isScriptBlockLike(value) ? undefined : 'expected a script block { ... }.'
}

/** One property as a cmdlet reads it: its label and how to get its value from a record. */
export interface PropertySpec {
  label: string
  /** A plain name (possibly a wildcard) rather than a calculated property. */
  plainName?: string
  value: (record: unknown, ctx: CmdletContext) => Promise<unknown>
  /** Sort-Object's per-property direction from `@{ Expression = ...; Descending = $true }`. */
  descending?: boolean
}

/** Runs a script block with `$_` = record; a one-element array result becomes its element. */
export async function invokeBlock(
  ctx: CmdletContext,
  block: ScriptBlockLike,
  record: unknown,
): Promise<unknown> {
  const result = await ctx.invoke(block, record)
  return Array.isArray(result) && result.length === 1 ? result[0] : result
}

/**
 * Runs a ForEach-Object / Where-Object block as PowerShell does: dot-sourced, so the variables it
 * sets are the caller's. A JavaScript function (library callers) is simply called.
 */
export async function invokeDotSourced(
  ctx: CmdletContext,
  block: ScriptBlockLike,
  input: unknown,
  withInput = true,
): Promise<unknown> {
  const dotSourcing = block as { invokeDotSourced?: (input: unknown, withInput: boolean) => Promise<unknown> }
  if (typeof dotSourcing.invokeDotSourced === 'function')
    return dotSourcing.invokeDotSourced(input, withInput)
  return ctx.invoke(block, input)
}

/**
 * Reads `-Property` values: names, script blocks, and hashtables with Name/N/Label/L and
 * Expression/E (a script block or a property name), plus Ascending/Descending for Sort-Object.
 */
export function propertySpecs(values: readonly unknown[], command: string): PropertySpec[] {
  return values.map((given): PropertySpec => {
    // A hashtable may arrive as a Map (from a host that keeps key order that way) or a plain object.
    const spec = given instanceof Map ? Object.fromEntries(given) : given
    if (typeof spec === 'string') {
      return { label: spec, plainName: spec, value: async (record) => getProperty(record, spec) }
    }
    if (isScriptBlockLike(spec)) {
      // PowerShell labels a script-block column with the block's text, without the braces.
      const label =
        typeof spec === 'function'
          ? spec.name || 'Expression'
          : spec.text
              .trim()
              .replace(/^\{([\s\S]*)\}$/, '$1')
              .trim()
      return { label, value: (record, ctx) => invokeBlock(ctx, spec, record) }
    }
    if (isRecord(spec)) {
      const expression = getProperty(spec, 'Expression') ?? getProperty(spec, 'E')
      const name =
        getProperty(spec, 'Name') ??
        getProperty(spec, 'N') ??
        getProperty(spec, 'Label') ??
        getProperty(spec, 'L')
      const descending = getProperty(spec, 'Descending')
      const ascending = getProperty(spec, 'Ascending')
      const direction =
        descending !== undefined
          ? descending === true
          : ascending !== undefined
            ? ascending !== true
            : undefined
      if (typeof expression === 'string') {
        return {
          label: name === undefined ? expression : toDisplayString(name),
          value: async (record) => getProperty(record, expression),
          descending: direction,
        }
      }
      if (isScriptBlockLike(expression)) {
        return {
          label: name === undefined ? propertySpecs([expression], command)[0].label : toDisplayString(name),
          value: (record, ctx) => invokeBlock(ctx, expression, record),
          descending: direction,
        }
      }
      throw new UsageError(
        'InvalidParameterValue',
        `Cannot bind -Property of ${command}: a calculated property needs Expression = { ... } or a property name.`,
        { hint: "Example: @{ Name = 'Domain'; Expression = { $_.Email.Split('@')[1] } }" },
      )
    }
    throw new UsageError(
      'InvalidParameterValue',
      `Cannot bind -Property of ${command}: '${toDisplayString(spec)}' is not a property name, script block or hashtable.`,
    )
  })
}

/**
 * The values of several property specs for one object, one after another: script blocks share the
 * interpreter's `$_`, so they must not run concurrently.
 */
export async function keysOf(
  object: unknown,
  specs: readonly PropertySpec[],
  ctx: CmdletContext,
): Promise<unknown[]> {
  const keys: unknown[] = []
  for (const spec of specs) keys.push(await spec.value(object, ctx))
  return keys
}

/** Expands wildcard names (`*`, `Email*`) against a record's properties; other specs stay as they are. */
export function expandWildcards(specs: readonly PropertySpec[], record: unknown): PropertySpec[] {
  const names = propertyNames(record)
  return specs.flatMap((spec) => {
    if (spec.plainName === undefined || !hasWildcard(spec.plainName)) return [spec]
    return names
      .filter((name) => matchWildcard(name, spec.plainName!))
      .map((name) => ({ label: name, plainName: name, value: async (r: unknown) => getProperty(r, name) }))
  })
}

/**
 * The objects a stream()-based cmdlet receives: each record's `inputObject`, or, without pipeline
 * input, the elements of an explicit `-InputObject` array (handy from the library).
 */
export async function* inputObjects(
  records: AsyncIterable<Record<string, unknown>>,
  ctx: CmdletContext,
): AsyncGenerator<unknown> {
  for await (const args of records) {
    if (!('inputObject' in args) || args.inputObject === undefined) continue
    if (!ctx.expectingInput && Array.isArray(args.inputObject)) yield* args.inputObject
    else yield args.inputObject
  }
}

/** The command's own bound arguments, as the engine gives them to every call (see CmdletContext). */
export function argumentsOf<T>(ctx: CmdletContext): T {
  return ctx.arguments as T
}

/** Resolves a user-given path against the working directory, expanding a leading `~`. */
export function resolvePath(path: string): string {
  if (path === '~' || path.startsWith('~/'))
    return resolve(process.getBuiltinModule('node:os').homedir(), path.slice(2))
  return resolve(process.cwd(), path)
}

/** Converts a Node file-system error into a one-line FileError naming the path. */
export function fileError(error: unknown, path: string, action: 'read' | 'write'): RuntimeError {
  const code = (error as { code?: string }).code
  const reason =
    code === 'ENOENT'
      ? action === 'read'
        ? 'the file does not exist'
        : 'the folder does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : (error as Error).message
  return new RuntimeError('FileError', `Cannot ${action} '${path}': ${reason}.`, {
    category: action === 'read' ? 'ReadError' : 'WriteError',
    target: path,
    cause: error,
  })
}

/**
 * Runs a formatter (Format-Table, Out-String, ...) and, when its lines show a date, says once that
 * dates display in this tool's format (a deliberate difference, src/engine/differences.ts).
 */
export function showingDates<T>(ctx: CmdletContext, format: () => T): T {
  const before = datesDisplayed()
  const result = format()
  if (datesDisplayed() !== before) announceDifference(ctx.session, 'displayDate', ctx)
  return result
}
