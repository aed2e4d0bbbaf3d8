// The code of Get-Random, Get-Unique and Start-Sleep (declared in Get-Random.ts).
import { implement, toDisplayString } from '../../src/engine/index.js'
import type { GetRandom, GetUnique, StartSleep } from './Get-Random.js'

export const getRandom = implement<typeof GetRandom>({
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

export const getUnique = implement<typeof GetUnique>({
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

export const startSleep = implement<typeof StartSleep>({
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
