// Get-Random, Get-Unique and Start-Sleep: small utilities scripts lean on.
import { defineCmdlet, toDisplayString } from '../../src/engine/index.js'

/** Get-Random: a random number, or random items of a list. */
export const GetRandom = defineCmdlet({
  name: 'Get-Random',
  synopsis: 'Returns a random number, or items picked at random from the input.',
  description:
    '-Maximum is exclusive, as in PowerShell. With input objects, -Count picks that many, each once.',
  parameters: {
    maximum: { type: 'number', position: 0, description: 'The upper bound (exclusive).' },
    minimum: { type: 'number', description: 'The lower bound (inclusive, default 0).' },
    inputObject: { type: 'any[]', pipeline: 'byValue', description: 'The items to choose from.' },
    count: { type: 'int', validateRange: [1, 2147483647], description: 'How many items.' },
    shuffle: { type: 'switch', description: 'Every input item, in random order.' },
  },
  examples: [{ title: 'A number from 1 to 6', code: 'Get-Random -Minimum 1 -Maximum 7', bindOnly: true }],
  stream: async function* (records, ctx) {
    const items: unknown[] = []
    let last: Record<string, unknown> = {}
    for await (const args of records) {
      last = args
      if (args.inputObject !== undefined) items.push(...args.inputObject)
    }
    const args = last as { maximum?: number; minimum?: number; count?: number; shuffle?: boolean }
    if (items.length > 0 || ctx.expectingInput) {
      const pool = [...items]
      for (let i = pool.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1))
        ;[pool[i], pool[j]] = [pool[j], pool[i]]
      }
      yield* args.shuffle ? pool : pool.slice(0, args.count ?? 1)
      return
    }
    const minimum = args.minimum ?? 0
    const maximum = args.maximum ?? 2147483647
    if (maximum <= minimum)
      throw new Error(
        `The Minimum value (${minimum}) cannot be greater than or equal to the Maximum value (${maximum}).`,
      )
    const integral = Number.isInteger(minimum) && Number.isInteger(maximum)
    for (let i = 0; i < (args.count ?? 1); i++) {
      const value = minimum + Math.random() * (maximum - minimum)
      yield integral ? Math.floor(value) : value
    }
  },
})

/** Get-Unique: drops adjacent duplicates of a sorted list. */
export const GetUnique = defineCmdlet({
  name: 'Get-Unique',
  synopsis: 'Removes adjacent duplicates from a sorted list.',
  description:
    'Compares as text, case-sensitively, as PowerShell does; sort first (Sort-Object) for a list of distinct values.',
  aliases: ['gu'],
  parameters: {
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The items.' },
    asString: { type: 'switch', description: 'Compares items as text (the default here).' },
  },
  examples: [{ title: 'Distinct values', code: "'a','a','b','b','a' | Get-Unique", expect: ['a', 'b', 'a'] }],
  stream: async function* (records) {
    let previous: string | undefined
    for await (const args of records) {
      if (args.inputObject === undefined) continue
      const text = toDisplayString(args.inputObject)
      if (text !== previous) yield args.inputObject
      previous = text
    }
  },
})

/** Start-Sleep: waits. */
export const StartSleep = defineCmdlet({
  name: 'Start-Sleep',
  synopsis: 'Waits for a number of seconds or milliseconds; Ctrl+C stops the wait.',
  aliases: ['sleep'],
  parameters: {
    seconds: { type: 'number', position: 0, aliases: ['s'], description: 'Seconds to wait.' },
    milliseconds: { type: 'int', aliases: ['ms'], description: 'Milliseconds to wait.' },
  },
  examples: [{ title: 'A short pause', code: 'Start-Sleep -Milliseconds 1', expect: [] }],
  async process(args, ctx) {
    const ms = args.milliseconds ?? (args.seconds ?? 0) * 1000
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(done, ms)
      function done() {
        ctx.signal.removeEventListener('abort', stop)
        resolve()
      }
      function stop() {
        clearTimeout(timer)
        try {
          ctx.throwIfAborted()
        } catch (error) {
          reject(error)
        }
      }
      ctx.signal.addEventListener('abort', stop, { once: true })
    })
  },
})

export default GetRandom
