// Measure-Object: counts the input and, for numeric properties (or numbers themselves), computes
// sum, average, maximum and minimum in one pass without keeping the objects.
import { defineCmdlet, type TypeView } from '../../src/engine/index.js'

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
  load: () => import('./Measure-Object.run.js'),
})

export default MeasureObject
