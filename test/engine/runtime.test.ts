import { describe, expect, it } from 'vitest'
import {
  bindArguments,
  defineCmdlet,
  input,
  cmdletFunction,
  PartialFailureError,
  RecordingHost,
  Session,
  UsageError,
  withTypeName,
  type CommandArgument,
} from '../../src/engine/index.js'

const fetched: number[] = []
const GetThing = defineCmdlet({
  name: 'Get-Thing',
  synopsis: 'Yields numbered things in pages of ten.',
  parameterSets: { ByName: { default: true }, ById: {} },
  parameters: {
    name: { type: 'string[]', position: 0, wildcards: true, sets: ['ByName'] },
    id: { type: 'int[]', mandatory: true, sets: ['ById'], aliases: ['ThingId'] },
    count: { type: 'int', validateRange: [1, 1000] },
  },
  examples: [],
  async *process(args) {
    const count = args.count ?? 30
    for (let page = 0; page * 10 < count; page++) {
      fetched.push(page)
      for (let i = page * 10; i < Math.min(count, page * 10 + 10); i++) {
        yield withTypeName('Thing', { Id: i, Name: `thing-${i}`, Email: `t${i}@example.com` })
      }
    }
  },
})

const RemoveThing = defineCmdlet({
  name: 'Remove-Thing',
  synopsis: 'Removes things.',
  supportsShouldProcess: true,
  confirmImpact: 'High',
  parameters: {
    thing: { type: 'object', objectType: 'Thing', pipeline: 'byValue', sets: ['ByObject'], mandatory: true },
    email: { type: 'string', pipeline: 'byPropertyName', sets: ['ByEmail'], mandatory: true },
    force: { type: 'switch' },
  },
  parameterSets: { ByObject: { default: true }, ByEmail: {} },
  examples: [],
  async *process(args, ctx) {
    const target = args.thing ? String((args.thing as { Name: string }).Name) : String(args.email)
    if (await ctx.shouldProcess(target, 'Remove thing', `DELETE /things/${target}`)) yield `removed ${target}`
  },
})

const First = defineCmdlet({
  name: 'Select-First',
  synopsis: 'First n records.',
  parameters: {
    first: { type: 'int', position: 0, mandatory: true },
    inputObject: { type: 'any', pipeline: 'byValue' },
  },
  examples: [],
  async *stream(records, ctx) {
    let n = 0
    const first = ctx.boundParameters.has('first') ? undefined : undefined
    void first
    for await (const record of records) {
      if (n >= (record.first as number)) return
      n++
      yield record.inputObject
    }
  },
})

const named = (name: string, value?: unknown): CommandArgument =>
  value === undefined
    ? { kind: 'parameter', name, hasValue: false }
    : { kind: 'parameter', name, value, hasValue: true }
const val = (value: unknown): CommandArgument => ({ kind: 'value', value })

describe('binding', () => {
  it('binds named parameters case-insensitively, by unique prefix and by alias', () => {
    expect(bindArguments(GetThing, [named('NAME'), val('A*')]).args.name).toEqual(['A*'])
    expect(bindArguments(GetThing, [named('cou'), val('5')]).args.count).toBe(5)
    const byAlias = bindArguments(GetThing, [named('thingid'), val('7')])
    expect(byAlias.args.id).toEqual([7])
    expect(byAlias.set).toBe('ById')
  })

  it('binds positionally in the default set', () => {
    const binding = bindArguments(GetThing, [val('B*')])
    expect(binding.args.name).toEqual(['B*'])
    expect(binding.set).toBe('ByName')
  })

  it.each([
    [[named('Nope'), val(1)], /Get-Thing has no parameter -Nope/],
    [[named('count'), val('abc')], /Cannot bind -Count of Get-Thing: 'abc' is not a whole number/],
    [[named('count'), val(5000)], /outside the range 1 to 1000/],
    [[named('name'), val('a'), named('id'), val(1)], /cannot be used together/],
    [[named('count')], /needs a value/],
    [[val('a'), val('b')], /no positional parameter for the argument 'b'/],
  ])('refuses bad arguments with a message naming the parameter: %#', (args, message) => {
    expect(() => bindArguments(GetThing, args as CommandArgument[])).toThrow(message)
  })

  it('reports a missing mandatory parameter', () => {
    expect(() => bindArguments(RemoveThing, [])).toThrow(UsageError)
    expect(() => bindArguments(RemoveThing, [])).toThrow(/Remove-Thing needs -Thing/)
  })

  it('switches take -Confirm:$false form', () => {
    const binding = bindArguments(RemoveThing, [named('confirm', false), named('email', 'x@y.z')])
    expect(binding.args.confirm).toBe(false)
  })
})

describe('pipelines', () => {
  it('stops upstream paging when downstream is done', async () => {
    fetched.length = 0
    const fn = cmdletFunction(GetThing)
    const first = cmdletFunction(First)
    const out = await fn({ count: 100 }).pipe(first({ first: 3 }))
    expect(out).toHaveLength(3)
    expect(fetched).toEqual([0])
  })

  it('offers catch and finally as a Promise does', async () => {
    const failing = input([1]).pipe(cmdletFunction(GetThing)({ count: -1, name: ['x'] }))
    let finished = false
    const caught = await failing.catch((error: unknown) => `caught: ${(error as Error).message}`)
    expect(String(caught)).toMatch(/^caught: /)
    expect(await input(['a', 'b']).finally(() => (finished = true))).toEqual(['a', 'b'])
    expect(finished).toBe(true)
  })

  it('binds records ByValue (typed objects) and ByPropertyName (CSV-like rows)', async () => {
    const session = new Session({ host: new RecordingHost() })
    const remove = cmdletFunction(RemoveThing)
    const byValue = await cmdletFunction(GetThing)({ count: 2 })
      .pipe(remove({ confirm: false }))
      .in(session)
    expect(byValue).toEqual(['removed thing-0', 'removed thing-1'])
    const byProperty = await input([{ email: 'a@x.com' }, { Email: 'b@x.com' }])
      .pipe(remove({ force: true }))
      .in(session)
    expect(byProperty).toEqual(['removed a@x.com', 'removed b@x.com'])
  })

  it('refuses a High-impact change in a non-interactive run, and -WhatIf sends nothing', async () => {
    const host = new RecordingHost()
    const session = new Session({ host })
    const remove = cmdletFunction(RemoveThing)
    await expect(
      input([{ Email: 'a@x.com' }])
        .pipe(remove())
        .in(session),
    ).rejects.toThrow(/needs confirmation/)
    const whatIf = await input([{ Email: 'a@x.com' }])
      .pipe(remove({ whatIf: true }))
      .in(session)
    expect(whatIf).toEqual([])
    // ShouldProcess's line exactly (about_Functions_CmdletBindingAttribute's example output); the
    // request behind it only under -Verbose.
    expect(host.whatIf).toEqual(['What if: Performing the operation "Remove thing" on target "a@x.com".'])
    expect(host.verbose).toEqual([])
    await input([{ Email: 'b@x.com' }])
      .pipe(remove({ whatIf: true, verbose: true }))
      .in(session)
    expect(host.whatIf[1]).toBe('What if: Performing the operation "Remove thing" on target "b@x.com".')
    expect(host.verbose).toEqual(['DELETE /things/b@x.com'])
  })

  it('asks the interactive host, honouring Yes to All', async () => {
    const host = new RecordingHost(true, ['no', 'yesToAll'])
    const session = new Session({ host })
    const out = await cmdletFunction(GetThing)({ count: 4 }).pipe(cmdletFunction(RemoveThing)()).in(session)
    expect(out).toEqual(['removed thing-1', 'removed thing-2', 'removed thing-3'])
    expect(host.confirmations).toHaveLength(2)
  })

  it('writes unbindable records as non-terminating errors under Continue', async () => {
    const host = new RecordingHost()
    const session = new Session({ host, errorActionPreference: 'Continue' })
    // The awaited pipeline rejects at its end, with the errors and the records that succeeded.
    const failure = await input([{ Email: 'a@x.com' }, { Other: 1 }, 42])
      .pipe(cmdletFunction(RemoveThing)({ force: true }))
      .in(session)
      .orThrow()
      .then(
        () => undefined,
        (error: unknown) => error,
      )
    expect(failure).toBeInstanceOf(PartialFailureError)
    const { errors, records } = failure as PartialFailureError
    expect(records).toEqual(['removed a@x.com'])
    expect(errors.map((error) => [error.code, error.target])).toEqual([
      ['InputNotBound', { Other: 1 }],
      ['InputNotBound', 42],
    ])
    expect(host.errors.map((e) => e.error.code)).toEqual(['InputNotBound', 'InputNotBound'])
    expect(session.errors).toHaveLength(2)
  })
})

describe('a run iterated by hand (the library: for await, break, return)', () => {
  const Values = defineCmdlet({
    name: 'Get-Values',
    synopsis: 'Returns what -Kind says: an array, a promise, or a pipeline (thenable and iterable).',
    parameters: { kind: { type: 'string', position: 0, mandatory: true } },
    examples: [],
    process(args): Iterable<unknown> | Promise<void> {
      if (args.kind === 'array') return [1, 2, 3]
      if (args.kind === 'promise') return Promise.resolve()
      // Awaited as the promise it also is, as before: its records are not this stage's output.
      return input(['not', 'output']) as unknown as Promise<void>
    },
  })
  const values = cmdletFunction(Values)

  it('yields an array a process block returns, and nothing for a promise or a pipeline', async () => {
    expect(await values({ kind: 'array' })).toEqual([1, 2, 3])
    expect(await values({ kind: 'promise' })).toEqual([])
    expect(await values({ kind: 'pipeline' })).toEqual([])
  })

  it('binds nothing until the first next(), and return() first runs nothing at all', async () => {
    // Missing its mandatory -Thing: binding fails, but only once iteration starts.
    const unbound = cmdletFunction(RemoveThing)({} as never)
    const stopped = unbound[Symbol.asyncIterator]()
    await expect(stopped.return!()).resolves.toEqual({ done: true, value: undefined })
    await expect(stopped.next()).resolves.toEqual({ done: true, value: undefined })
    const started = unbound[Symbol.asyncIterator]()
    await expect(started.next()).rejects.toThrow(/Remove-Thing needs -Thing/)
    await expect(started.next()).resolves.toEqual({ done: true, value: undefined })
  })

  it('return() mid-run stops the cmdlet (its finally runs) and ends the iteration', async () => {
    let closed = 0
    const Endless = defineCmdlet({
      name: 'Get-Endless',
      synopsis: 'Counts until stopped.',
      parameters: {},
      examples: [],
      async *process() {
        try {
          for (let i = 0; ; i++) yield i
        } finally {
          closed++
        }
      },
    })
    const run = cmdletFunction(Endless)({})[Symbol.asyncIterator]()
    expect((await run.next()).value).toBe(0)
    expect((await run.next()).value).toBe(1)
    await run.return!()
    expect(closed).toBe(1)
    expect(await run.next()).toEqual({ done: true, value: undefined })
    const seen: number[] = []
    for await (const value of cmdletFunction(Endless)({}) as AsyncIterable<number>) {
      if (value === 3) break
      seen.push(value)
    }
    expect(seen).toEqual([0, 1, 2])
    expect(closed).toBe(2)
  })
})

describe('engine details the cmdlets rely on', () => {
  const Echo = defineCmdlet({
    name: 'Write-Thing',
    synopsis: 'Echoes its arguments.',
    parameters: {
      first: { type: 'string', position: 0 },
      rest: { type: 'any[]', remaining: true },
      block: { type: 'scriptblock' },
    },
    examples: [],
    process: (args) => [[args.first, ...(args.rest ?? [])]],
  })

  it('collects values beyond the positions into a remaining-arguments parameter', async () => {
    const binding = bindArguments(Echo, [val('a'), val(3), val('c')])
    expect(binding.args).toMatchObject({ first: 'a', rest: [3, 'c'] })
  })

  it('accepts script-block objects (not only functions) for scriptblock parameters', () => {
    const block = { isScriptBlock: true as const, text: '{ $_ }', invoke: async (x: unknown) => x }
    expect(bindArguments(Echo, [named('block', block)]).args.block).toBe(block)
    expect(() => bindArguments(Echo, [named('block', 'text')])).toThrow(/expected a script block/)
  })
})

describe('pipeline binding across parameter sets', () => {
  const RemoveMember = defineCmdlet({
    name: 'Remove-Member',
    synopsis: 'Removes by id or by e-mail.',
    parameterSets: { ById: { default: true }, ByEmail: {} },
    parameters: {
      id: { type: 'string', pipeline: 'byPropertyName', sets: ['ById'], mandatory: true },
      email: {
        type: 'string',
        pipeline: 'byPropertyName',
        sets: ['ByEmail'],
        mandatory: true,
        validatePattern: /@/,
        patternMessage: 'is not an e-mail address',
      },
    },
    examples: [],
    process: (args) => [args.id ? `id:${args.id}` : `email:${args.email}`],
  })

  it('binds a record carrying properties of two sets to one set, the default first', async () => {
    const session = new Session({ host: new RecordingHost(), errorActionPreference: 'Continue' })
    const out = await input([{ Id: 'u1', Email: 'a@x.com' }, { Email: 'b@x.com' }, { id: 'u3' }])
      .pipe(cmdletFunction(RemoveMember)())
      .in(session)
    expect(out).toEqual(['id:u1', 'email:b@x.com', 'id:u3'])
  })

  it('reports a value that fails validation rather than "cannot bind"', async () => {
    const host = new RecordingHost()
    const session = new Session({ host, errorActionPreference: 'Continue' })
    await expect(
      input([{ Email: 'not-an-address' }])
        .pipe(cmdletFunction(RemoveMember)())
        .in(session)
        .orThrow(),
    ).rejects.toThrow(PartialFailureError)
    expect(host.errors[0].error.message).toMatch(/'not-an-address' is not an e-mail address/)
  })
})
