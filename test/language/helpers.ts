// A small registry of test cmdlets (not the product's cmdlets), and a runner that evaluates a script
// in a fresh session and returns what it printed, what it reported, and the interpreter.
import {
  CommandRegistry,
  defineCmdlet,
  RecordingHost,
  RemoteError,
  Session,
  withTypeName,
  type ActionPreference,
} from '../../src/engine/index.js'
import { Interpreter, type RunOptions } from '../../src/language/index.js'

/** Every call to a cmdlet that changes things, so tests can assert that nothing ran. */
export const calls: string[] = []

const things = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    withTypeName('Thing', { Id: i, Name: `thing-${i}`, Email: `t${i}@corp.com` }),
  )

export const GetThing = defineCmdlet({
  name: 'Get-Thing',
  synopsis: 'Yields numbered things.',
  aliases: ['gt'],
  parameters: {
    name: { type: 'string[]', position: 0, wildcards: true },
    count: { type: 'int' },
  },
  examples: [],
  async *process(args) {
    for (const thing of things(args.count ?? 3)) {
      if (
        !args.name ||
        args.name.some((pattern) => new RegExp(`^${pattern.replace(/\*/g, '.*')}$`, 'i').test(thing.Name))
      )
        yield thing
    }
  },
})

export const RemoveThing = defineCmdlet({
  name: 'Remove-Thing',
  synopsis: 'Removes things (records the call).',
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameterSets: { ByObject: { default: true }, ByEmail: {} },
  parameters: {
    thing: {
      type: 'object',
      objectType: 'Thing',
      pipeline: 'byValue',
      sets: ['ByObject'],
      mandatory: true,
      position: 0,
    },
    email: { type: 'string', pipeline: 'byPropertyName', sets: ['ByEmail'], mandatory: true },
  },
  examples: [],
  async *process(args, ctx) {
    const target = args.thing ? String((args.thing as { Email: string }).Email) : String(args.email)
    if (await ctx.shouldProcess(target)) {
      calls.push(`Remove-Thing ${target}`)
      yield `removed ${target}`
    }
  },
})

/** Yields the values it was given, as bound: shows how arguments were parsed and evaluated. */
export const WriteValue = defineCmdlet({
  name: 'Write-Value',
  synopsis: 'Writes its arguments.',
  parameters: {
    value: { type: 'any', position: 0 },
    other: { type: 'any', position: 1 },
    flag: { type: 'switch' },
    inputObject: { type: 'any', pipeline: 'byValue' },
  },
  examples: [],
  async *process(args) {
    if (args.inputObject !== undefined) yield args.inputObject
    if (args.value !== undefined) yield args.value
    if (args.other !== undefined) yield args.other
    if (args.flag !== undefined) yield { flag: args.flag }
  },
})

export const WhereItem = defineCmdlet({
  name: 'Where-Item',
  synopsis: 'Keeps the records a script block accepts.',
  aliases: ['?'],
  parameters: {
    filterScript: { type: 'scriptblock', position: 0, mandatory: true },
    inputObject: { type: 'any', pipeline: 'byValue' },
  },
  examples: [],
  async *process(args, ctx) {
    if (await ctx.invoke(args.filterScript, args.inputObject)) yield args.inputObject
  },
})

export const ForEachItem = defineCmdlet({
  name: 'ForEach-Item',
  synopsis: 'Runs a script block for each record.',
  aliases: ['%'],
  parameters: {
    process: { type: 'scriptblock', position: 0, mandatory: true },
    inputObject: { type: 'any', pipeline: 'byValue' },
  },
  examples: [],
  async *process(args, ctx) {
    const result = await ctx.invoke(args.process, args.inputObject)
    if (Array.isArray(result)) yield* result
    else if (result !== undefined) yield result
  },
})

export const GetFailure = defineCmdlet({
  name: 'Get-Failure',
  synopsis: 'Fails with a terminating error.',
  parameters: { message: { type: 'string', position: 0 } },
  examples: [],
  // eslint-disable-next-line require-yield
  async *process(args) {
    throw new RemoteError('ServerError', args.message ?? 'The server failed.', { status: 500 })
  },
})

export const WriteProblem = defineCmdlet({
  name: 'Write-Problem',
  synopsis: 'Writes a non-terminating error, then a value.',
  parameters: {},
  examples: [],
  async *process(_args, ctx) {
    ctx.writeError(new RemoteError('NotFound', 'One record was not found.'), 'x')
    yield 'after the problem'
  },
})

export const GetForever = defineCmdlet({
  name: 'Get-Forever',
  synopsis: 'Yields numbers until stopped.',
  parameters: {},
  examples: [],
  async *process(_args, ctx) {
    for (let i = 0; ; i++) {
      ctx.throwIfAborted()
      await new Promise((resolve) => setTimeout(resolve, 1))
      yield i
    }
  },
})

export const registry = new CommandRegistry([
  GetThing,
  RemoveThing,
  WriteValue,
  WhereItem,
  ForEachItem,
  GetFailure,
  WriteProblem,
  GetForever,
])

export interface Run {
  output: unknown[]
  /** Messages the host was asked to show. */
  shown: string[]
  interpreter: Interpreter
  session: Session
  host: RecordingHost
}

/** Runs a script in a fresh shell-like session ($ErrorActionPreference = 'Continue' unless given). */
export async function run(
  text: string,
  options: RunOptions & { errorAction?: ActionPreference; session?: Session } = {},
): Promise<Run> {
  const host = new RecordingHost()
  const session =
    options.session ?? new Session({ host, errorActionPreference: options.errorAction ?? 'Continue' })
  const interpreter = new Interpreter({ registry, session })
  const output = await interpreter.evaluate(text, options)
  return {
    output,
    shown: host.errors.map((record) => record.error.message),
    interpreter,
    session,
    host: session.host as RecordingHost,
  }
}

/** The output of a script. */
export async function evaluate(text: string, options: RunOptions = {}): Promise<unknown[]> {
  return (await run(text, options)).output
}

/** The error a script throws (it must throw). */
export async function failure(text: string, options: RunOptions & { errorAction?: ActionPreference } = {}) {
  try {
    await run(text, options)
  } catch (error) {
    return error as import('../../src/engine/index.js').VcsError
  }
  throw new Error(`expected ${JSON.stringify(text)} to throw`)
}
