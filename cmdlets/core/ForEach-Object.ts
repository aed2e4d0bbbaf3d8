// ForEach-Object: runs a script block for each pipeline object (with optional -Begin and -End
// blocks), or reads one property of each (`ForEach-Object Email`).
import {
  defineCmdlet,
  getProperty,
  invokeMethodOf,
  isRecord,
  UsageError,
  type CmdletContext,
  type ScriptBlockLike,
} from '../../src/engine/index.js'
import {
  argumentsOf,
  invokeDotSourced,
  isScriptBlockLike,
  scriptBlockOnly,
  scriptBlockOrName,
} from './shared.js'

/** ForEach-Object: runs a block per object, streaming its output. */
export const ForEachObject = defineCmdlet({
  name: 'ForEach-Object',
  synopsis: 'Runs a script block for each pipeline object, or outputs one of its properties.',
  description:
    'The -Process block runs once per object with $_ set to it; whatever it outputs goes down the ' +
    'pipeline (lists are enumerated). -Begin runs before the first object and -End after the last. ' +
    'A member name instead of a block outputs that property of each object (ForEach-Object Email) or ' +
    'calls that method (ForEach-Object ToUpper, with -ArgumentList for its arguments). As in ' +
    "PowerShell, the blocks run in the caller's scope (variables they set stay set), and `break` or " +
    '`continue` in a block stops the whole pipeline.',
  aliases: ['foreach', '%'],
  parameterSets: { ScriptBlock: { default: true }, Member: {} },
  parameters: {
    process: {
      type: 'any',
      position: 0,
      mandatory: true,
      sets: ['ScriptBlock'],
      validate: scriptBlockOrName,
      // `ForEach-Object Email` binds the name here: Tab completes it as a property, as -MemberName.
      completer: 'property',
      description: 'The block to run for each object ($_), or a property name.',
    },
    begin: {
      type: 'any',
      sets: ['ScriptBlock'],
      validate: scriptBlockOnly,
      description: 'A script block that runs once, before the first object.',
    },
    end: {
      type: 'any',
      sets: ['ScriptBlock'],
      validate: scriptBlockOnly,
      description: 'A script block that runs once, after the last object.',
    },
    memberName: {
      type: 'string',
      mandatory: true,
      sets: ['Member'],
      completer: 'property',
      description: 'The property to output for each object.',
    },
    argumentList: {
      type: 'any[]',
      sets: ['ScriptBlock', 'Member'],
      aliases: ['Args'],
      remaining: true,
      description: 'The arguments of the method that -MemberName names.',
    },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The object to process.' },
  },
  examples: [
    { title: 'Double each number', code: '1..3 | ForEach-Object { $_ * 2 }', expect: [2, 4, 6] },
    {
      title: 'One property of each row',
      code: "'Email','a@x.com','b@x.com' | ConvertFrom-Csv | ForEach-Object Email",
      expect: ['a@x.com', 'b@x.com'],
    },
    {
      title: 'Begin, process and end blocks',
      code: "1..3 | ForEach-Object -Begin { 'start' } -Process { $_ } -End { 'done' }",
      expect: ['start', 1, 2, 3, 'done'],
    },
  ],
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

export default ForEachObject
