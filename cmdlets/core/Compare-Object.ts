// Compare-Object: what differs between two lists, with PowerShell's side indicators: `<=` only in the
// reference, `=>` only in the difference, `==` in both (with -IncludeEqual).
import { defineCmdlet, type TypeView } from '../../src/engine/index.js'

const compareResultView: TypeView = {
  table: [
    { label: 'InputObject', value: 'InputObject' },
    { label: 'SideIndicator', value: 'SideIndicator' },
  ],
}

/** Compare-Object: differences between two lists. */
export const CompareObject = defineCmdlet({
  name: 'Compare-Object',
  views: { CompareResult: compareResultView },
  synopsis: 'Compares two lists of objects and outputs the differences.',
  description:
    'Each result has the object and a SideIndicator: <= only in -ReferenceObject, => only in -DifferenceObject, == in both.',
  aliases: ['compare', 'diff'],
  parameters: {
    referenceObject: { type: 'any[]', position: 0, mandatory: true, description: 'The first list.' },
    differenceObject: {
      type: 'any[]',
      position: 1,
      mandatory: true,
      pipeline: 'byValue',
      description: 'The second list.',
    },
    property: { type: 'string[]', description: 'Compares these properties instead of the whole objects.' },
    includeEqual: { type: 'switch', description: 'Also outputs the objects in both lists.' },
    excludeDifferent: { type: 'switch', description: 'Outputs only the objects in both lists.' },
    caseSensitive: { type: 'switch', description: 'Text differs by case.' },
    passThru: { type: 'switch', description: 'Outputs the objects themselves.' },
  },
  examples: [
    {
      title: 'Who was added and who left',
      code: "Compare-Object 'ann','bob' 'bob','cy' | ForEach-Object { $_.InputObject + ' ' + $_.SideIndicator }",
      expect: ['cy =>', 'ann <='],
    },
  ],
  load: () => import('./Compare-Object.run.js'),
})

export default CompareObject
