// Measure-Object: counts the input and, for numeric properties (or numbers themselves), computes
// sum, average, maximum and minimum in one pass without keeping the objects.
import {
  defineCmdlet,
  getProperty,
  order,
  toDisplayString,
  UsageError,
  withTypeName,
  type TypeView,
} from '../../src/engine/index.js'
import { argumentsOf, inputObjects } from './shared.js'

/** The record Measure-Object outputs; statistics not asked for are null, as in PowerShell. */
export interface GenericMeasureInfo {
  Count: number
  Average: number | null
  Sum: number | null
  Maximum: unknown
  Minimum: unknown
  Property: string | null
}

const genericMeasureInfoView: TypeView = {
  table: [
    { label: 'Count', value: 'Count', align: 'right' },
    { label: 'Average', value: 'Average', align: 'right' },
    { label: 'Sum', value: 'Sum', align: 'right' },
    { label: 'Maximum', value: 'Maximum', align: 'right' },
    { label: 'Minimum', value: 'Minimum', align: 'right' },
    { label: 'Property', value: 'Property' },
  ],
  list: ['Count', 'Average', 'Sum', 'Maximum', 'Minimum', 'Property'],
}

/** Measure-Object: counts and sums pipeline objects. */
export const MeasureObject = defineCmdlet({
  name: 'Measure-Object',
  synopsis: 'Counts objects and computes the sum, average, maximum and minimum of property values.',
  description:
    'Outputs one GenericMeasureInfo per -Property (or one for the objects themselves). Count is the ' +
    'number of objects with a non-empty value. -Sum and -Average need numbers; -Maximum and -Minimum ' +
    'also order text and dates.',
  aliases: ['measure'],
  output: 'GenericMeasureInfo',
  views: { GenericMeasureInfo: genericMeasureInfoView },
  parameters: {
    property: { type: 'string[]', position: 0, completer: 'property', description: 'Properties to measure.' },
    sum: { type: 'switch', description: 'Adds up the values.' },
    average: { type: 'switch', description: 'Averages the values.' },
    maximum: { type: 'switch', description: 'The largest value.' },
    minimum: { type: 'switch', description: 'The smallest value.' },
    allStats: { type: 'switch', description: 'All of -Sum, -Average, -Maximum and -Minimum.' },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The object to measure.' },
  },
  examples: [
    { title: 'Count objects', code: '1..42 | Measure-Object | ForEach-Object Count', expect: [42] },
    {
      title: 'Sum and average of numbers',
      code: '1..4 | Measure-Object -Sum -Average',
      expect: [{ Count: 4, Average: 2.5, Sum: 10, Maximum: null, Minimum: null, Property: null }],
    },
    {
      title: 'The largest value of a CSV column',
      code: "'Name,Seats','a,5','b,12','c,7' | ConvertFrom-Csv | Measure-Object Seats -Maximum | ForEach-Object Maximum",
      expect: [12],
    },
  ],
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

export default MeasureObject
