// The code of Measure-Object (declared in Measure-Object.ts).
import {
  implement,
  getProperty,
  order,
  toDisplayString,
  UsageError,
  withTypeName,
} from '../../src/engine/index.js'
import { argumentsOf, inputObjects } from './shared.js'
import type { MeasureObject, GenericMeasureInfo } from './Measure-Object.js'

class Stats {
  count = 0
  sum = 0
  max: unknown
  min: unknown
  constructor(
    readonly property: string | undefined,
    private readonly ordered: boolean,
  ) {}

  /** Adds one object; returns an error for a non-number under -Sum/-Average (the object is skipped). */
  add(object: unknown, numeric: boolean): UsageError | undefined {
    const value = this.property === undefined ? object : getProperty(object, this.property)
    // Absent, null and empty cells (a blank CSV field) are not counted.
    if (value === undefined || value === null || value === '') return undefined
    // CSV cells are text: compare "12" and "7" as numbers when they look like numbers.
    const number =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && value.trim() !== ''
          ? Number(value)
          : NaN
    if (numeric && Number.isNaN(number)) {
      return new UsageError(
        'InvalidParameterValue',
        `Measure-Object: '${toDisplayString(value)}'${this.property ? ` (property ${this.property})` : ''} is not a number.`,
        { target: object, hint: 'Use -Maximum/-Minimum for text, or measure a numeric property.' },
      )
    }
    const comparable = Number.isNaN(number) ? value : number
    this.count++
    if (numeric) this.sum += number
    if (!this.ordered) return undefined
    if (this.max === undefined || order(comparable, this.max) > 0) this.max = comparable
    if (this.min === undefined || order(comparable, this.min) < 0) this.min = comparable
    return undefined
  }
}

export const measureObject = implement<typeof MeasureObject>({
  async *stream(records, ctx) {
    const args = argumentsOf<{
      property?: string[]
      sum?: boolean
      average?: boolean
      maximum?: boolean
      minimum?: boolean
      allStats?: boolean
    }>(ctx)
    const all = args.allStats === true
    // Ordering compares display text for objects: only pay for it when -Maximum/-Minimum ask.
    const ordered = args.maximum === true || args.minimum === true || all
    let stats: Stats[] | undefined
    for await (const object of inputObjects(records, ctx)) {
      stats ??= (args.property ?? [undefined]).map((property) => new Stats(property, ordered))
      for (const stat of stats) {
        // Like PowerShell: a non-numeric value is reported and skipped, the rest is still measured.
        const problem = stat.add(object, args.sum === true || args.average === true || all)
        if (problem) ctx.writeError(problem, object)
      }
    }
    stats ??= (args.property ?? [undefined]).map((property) => new Stats(property, ordered))
    for (const stat of stats) {
      yield withTypeName<GenericMeasureInfo>('GenericMeasureInfo', {
        Count: stat.count,
        Average: args.average || all ? (stat.count ? stat.sum / stat.count : null) : null,
        Sum: args.sum || all ? stat.sum : null,
        Maximum: args.maximum || all ? (stat.max ?? null) : null,
        Minimum: args.minimum || all ? (stat.min ?? null) : null,
        Property: stat.property ?? null,
      })
    }
  },
})
