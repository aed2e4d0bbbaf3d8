// The code of ForEach-Object (declared in ForEach-Object.ts).
import {
  implement,
  getProperty,
  invokeMethodOf,
  isRecord,
  UsageError,
  type CmdletContext,
  type ScriptBlockLike,
} from '../../src/engine/index.js'
import { argumentsOf, invokeDotSourced, isScriptBlockLike } from './shared.js'
import type { ForEachObject } from './ForEach-Object.js'

async function* each(args: Record<string, unknown>, ctx: CmdletContext): AsyncGenerator<unknown> {
  const object = args.inputObject
  const member = args.memberName ?? (isScriptBlockLike(args.process) ? undefined : args.process)
  if (typeof member === 'string') {
    yield* memberOf(object, member, (args.argumentList as unknown[] | undefined) ?? [], ctx)
    return
  }
  yield* outputOf(ctx, args.process as ScriptBlockLike, object)
}

/** `ForEach-Object Name`: the property of that name, else the method of that name called. */
async function* memberOf(
  object: unknown,
  member: string,
  argumentList: unknown[],
  ctx: CmdletContext,
): AsyncGenerator<unknown> {
  // PowerShell outputs nothing for $null input in the member form.
  if (object === null || object === undefined) return
  const value = argumentList.length === 0 ? propertyOf(object, member) : undefined
  if (value !== undefined) {
    if (Array.isArray(value)) yield* value
    else yield value
    return
  }
  const called = invokeMethodOf(object, member, argumentList)
  if (called) {
    const result = called.value instanceof Promise ? await called.value : called.value
    if (Array.isArray(result)) yield* result
    else if (result !== undefined) yield result
    return
  }
  ctx.writeError(
    new UsageError(
      'InvalidParameterValue',
      `ForEach-Object: The input name "${member}" cannot be resolved to a member.`,
      {
        hint: 'Get-Member lists the properties and methods of the input.',
      },
    ),
    object,
  )
}

/** A property of a record, or the intrinsic Length/Count of a string or array. */
function propertyOf(object: unknown, name: string): unknown {
  if (isRecord(object) || Array.isArray(object) || typeof object === 'string' || object instanceof Date)
    return getProperty(object, name)
  return undefined
}

/** A block's output, enumerated: a list result becomes several pipeline objects. */
async function* outputOf(
  ctx: CmdletContext,
  block: ScriptBlockLike,
  input: unknown,
): AsyncGenerator<unknown> {
  const result = await invokeDotSourced(ctx, block, input)
  if (Array.isArray(result)) yield* result
  else if (result !== undefined) yield result
}

export const forEachObject = implement<typeof ForEachObject>({
  async *stream(records, ctx) {
    const blocks = argumentsOf<{ begin?: ScriptBlockLike; end?: ScriptBlockLike }>(ctx)
    if (blocks.begin) yield* outputOf(ctx, blocks.begin, undefined)
    for await (const args of records) {
      // Without pipeline input the block still runs once, as in PowerShell (`ForEach-Object { 1 }`).
      if (!ctx.expectingInput || 'inputObject' in args) yield* each(args, ctx)
    }
    if (blocks.end) yield* outputOf(ctx, blocks.end, undefined)
  },
})
