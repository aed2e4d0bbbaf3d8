// Where-Object: filters pipeline objects by a script block, or by the simplified
// `Where-Object Email -like '*@corp.com'` form that compares one property with one operator.
import { defineCmdlet, type ComparisonOperator } from '../../src/engine/index.js'
import { scriptBlockOrName } from './shared.js'

/**
 * An operator parameter of the simplified form (`-Like`, `-CLike`, ...): it takes the value and,
 * as in PowerShell, has a parameter set of its own, so two operators cannot be combined and help
 * shows one syntax line per operator.
 */
const operator = (name: string, text: string) =>
  ({
    type: 'any',
    mandatory: true,
    sets: [`${name}Set`],
    description: `Keeps objects whose property is ${text} this value.`,
  }) as const
const caseSensitive = (name: string, text: string) => operator(name, `${text} (case-sensitive)`)

/** The operator parameters, written out so the library's argument types know each of them. */
const operatorParameters = {
  eq: operator('eq', 'equal to'),
  cEq: caseSensitive('cEq', 'equal to'),
  ne: operator('ne', 'not equal to'),
  cNe: caseSensitive('cNe', 'not equal to'),
  gt: operator('gt', 'greater than'),
  cGt: caseSensitive('cGt', 'greater than'),
  ge: operator('ge', 'greater than or equal to'),
  cGe: caseSensitive('cGe', 'greater than or equal to'),
  lt: operator('lt', 'less than'),
  cLt: caseSensitive('cLt', 'less than'),
  le: operator('le', 'less than or equal to'),
  cLe: caseSensitive('cLe', 'less than or equal to'),
  like: operator('like', 'matching the wildcard pattern'),
  cLike: caseSensitive('cLike', 'matching the wildcard pattern'),
  notLike: operator('notLike', 'not matching the wildcard pattern'),
  cNotLike: caseSensitive('cNotLike', 'not matching the wildcard pattern'),
  match: operator('match', 'matching the regular expression'),
  cMatch: caseSensitive('cMatch', 'matching the regular expression'),
  notMatch: operator('notMatch', 'not matching the regular expression'),
  cNotMatch: caseSensitive('cNotMatch', 'not matching the regular expression'),
  contains: operator('contains', 'a collection containing'),
  cContains: caseSensitive('cContains', 'a collection containing'),
  notContains: operator('notContains', 'a collection not containing'),
  cNotContains: caseSensitive('cNotContains', 'a collection not containing'),
  in: operator('in', 'one of the values in'),
  cIn: caseSensitive('cIn', 'one of the values in'),
  notIn: operator('notIn', 'none of the values in'),
  cNotIn: caseSensitive('cNotIn', 'none of the values in'),
}

/** Each operator parameter's comparison: `cNotLike` is `notlike`, case-sensitive. */
export const OPERATORS = Object.keys(operatorParameters).map((name) => {
  const sensitive = /^c[A-Z]/.test(name)
  return {
    name,
    op: (sensitive ? name.slice(1) : name).toLowerCase() as ComparisonOperator,
    caseSensitive: sensitive,
  }
})

/** Where-Object: keeps the input objects for which the condition holds. */
export const WhereObject = defineCmdlet({
  name: 'Where-Object',
  synopsis: 'Keeps the pipeline objects for which a condition holds.',
  description:
    'With a script block, keeps each object for which the block returns a true value ($_ is the object). ' +
    'With -Property and one comparison operator (-EQ, -Like, -Match, -In, ... and the case-sensitive ' +
    '-CEQ, -CLike, ...), compares that property with the value. With -Property alone, keeps objects ' +
    'whose property is true (non-empty, non-zero).',
  aliases: ['where', '?'],
  parameterSets: {
    ScriptBlock: { default: true },
    Property: {},
    ...Object.fromEntries(OPERATORS.map(({ name }) => [`${name}Set`, {}])),
  },
  parameters: {
    filterScript: {
      type: 'any',
      position: 0,
      mandatory: true,
      sets: ['ScriptBlock'],
      validate: scriptBlockOrName,
      description: 'The condition: a script block returning $true or $false for $_.',
    },
    property: {
      type: 'string',
      position: 0,
      mandatory: true,
      sets: ['Property', ...OPERATORS.map(({ name }) => `${name}Set`)],
      completer: 'property',
      description: 'The property to compare (simplified syntax).',
    },
    ...operatorParameters,
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The object to test.' },
  },
  examples: [
    { title: 'Numbers greater than three', code: '1..5 | Where-Object { $_ -gt 3 }', expect: [4, 5] },
    {
      title: 'Rows whose Email matches a wildcard (simplified syntax)',
      code: "'Email','a@corp.com','b@example.com' | ConvertFrom-Csv | Where-Object Email -like '*@corp.com'",
      expect: [{ Email: 'a@corp.com' }],
    },
    {
      title: 'Rows whose Role is one of several values',
      code: "'Name,Role','ann,admin','bob,member','cy,owner' | ConvertFrom-Csv | Where-Object Role -in 'admin','owner' | ForEach-Object Name",
      expect: ['ann', 'cy'],
    },
  ],
  load: () => import('./Where-Object.run.js'),
})

export default WhereObject
