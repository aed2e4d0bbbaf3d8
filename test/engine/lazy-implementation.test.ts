// A cmdlet declared with `load`: its code loads the first time it runs, once, and never for
// listing, help or binding; a module that lacks the implementation is a clear error.
import { describe, expect, it } from 'vitest'
import {
  bindArguments,
  cmdletFunction,
  CommandRegistry,
  defineCmdlet,
  implement,
  implementationOf,
  input,
  RecordingHost,
  Session,
} from '../../src/engine/index.js'

function declared(loads: { count: number }, module: () => unknown) {
  return defineCmdlet({
    name: 'Get-Lazy',
    synopsis: 'Doubles its input.',
    parameters: { value: { type: 'int', position: 0, pipeline: 'byValue' } },
    examples: [],
    load: async () => {
      loads.count++
      return module()
    },
  })
}

describe('a cmdlet whose code is in the module load() imports', () => {
  it('loads it once, the first time it runs, and runs it with the bound arguments', async () => {
    const loads = { count: 0 }
    const GetLazy = declared(loads, () => ({ getLazy }))
    const getLazy = implement<typeof GetLazy>({
      async *process(args) {
        yield (args.value ?? 0) * 2
      },
    })
    const registry = new CommandRegistry([GetLazy])
    expect(registry.find('get-lazy')).toBe(GetLazy)
    expect(bindArguments(GetLazy, [{ kind: 'value', value: '4' }]).args.value).toBe(4)
    expect(loads.count).toBe(0)

    const session = new Session({ host: new RecordingHost() })
    const getLazyFn = cmdletFunction(GetLazy)
    expect(await input([1, 2, 3]).pipe(getLazyFn()).in(session)).toEqual([2, 4, 6])
    expect(await input([5]).pipe(getLazyFn()).in(session)).toEqual([10])
    expect(loads.count).toBe(1)
  })

  it('says which export is missing when the module lacks it, and tries again next time', async () => {
    const loads = { count: 0 }
    let exports: Record<string, unknown> = { somethingElse: {} }
    const GetLazy = declared(loads, () => exports)
    await expect(Promise.resolve(implementationOf(GetLazy))).rejects.toThrow(
      'Get-Lazy: its module exports no getLazy with process(), stream() or end()',
    )
    exports = { getLazy: { process: () => undefined } }
    await expect(Promise.resolve(implementationOf(GetLazy))).resolves.toBe(exports.getLazy)
    expect(loads.count).toBe(2)
  })

  it('is either inline or loaded, never both, and never neither', () => {
    expect(() =>
      defineCmdlet({
        name: 'Get-Both',
        synopsis: 'x',
        parameters: {},
        examples: [],
        load: async () => ({}),
        process: () => undefined,
      }),
    ).toThrow('Get-Both: its code is either in the definition or in the module load() imports')
    expect(() => defineCmdlet({ name: 'Get-None', synopsis: 'x', parameters: {}, examples: [] })).toThrow(
      'Get-None: needs process(), stream() or end(), or load() of a module with them',
    )
  })
})
