// ForEach-Object: runs a script block for each pipeline object (with optional -Begin and -End
// blocks), or reads one property of each (`ForEach-Object Email`).
import { defineCmdlet } from '../../src/engine/index.js'
import { scriptBlockOnly, scriptBlockOrName } from './shared.js'

/** ForEach-Object: runs a block per object, streaming its output. */
export const ForEachObject = defineCmdlet({
  name: 'ForEach-Object',
  synopsis: 'Runs a script block for each pipeline object, or outputs one of its properties.',
  description:
    'The -Process block runs once per object with $_ set to it; whatever it outputs goes down the ' +
    'pipeline (lists are enumerated). -Begin runs before the first object and -End after the last. ' +
    'A member name instead of a block outputs that property of each object (ForEach-Object Email) or ' +
    'calls that method (ForEach-Object ToUpper, with -ArgumentList for its arguments). As in ' +
    "PowerShell, the blocks run in the caller's scope (variables they set stay set), and `break` or " +
    '`continue` in a block stops the whole pipeline.',
  aliases: ['foreach', '%'],
  parameterSets: { ScriptBlock: { default: true }, Member: {} },
  parameters: {
    process: {
      type: 'any',
      position: 0,
      mandatory: true,
      sets: ['ScriptBlock'],
      validate: scriptBlockOrName,
      // `ForEach-Object Email` binds the name here: Tab completes it as a property, as -MemberName.
      completer: 'property',
      description: 'The block to run for each object ($_), or a property name.',
    },
    begin: {
      type: 'any',
      sets: ['ScriptBlock'],
      validate: scriptBlockOnly,
      description: 'A script block that runs once, before the first object.',
    },
    end: {
      type: 'any',
      sets: ['ScriptBlock'],
      validate: scriptBlockOnly,
      description: 'A script block that runs once, after the last object.',
    },
    memberName: {
      type: 'string',
      mandatory: true,
      sets: ['Member'],
      completer: 'property',
      description: 'The property to output for each object.',
    },
    argumentList: {
      type: 'any[]',
      sets: ['ScriptBlock', 'Member'],
      aliases: ['Args'],
      remaining: true,
      description: 'The arguments of the method that -MemberName names.',
    },
    inputObject: { type: 'any', pipeline: 'byValue', description: 'The object to process.' },
  },
  examples: [
    { title: 'Double each number', code: '1..3 | ForEach-Object { $_ * 2 }', expect: [2, 4, 6] },
    {
      title: 'One property of each row',
      code: "'Email','a@x.com','b@x.com' | ConvertFrom-Csv | ForEach-Object Email",
      expect: ['a@x.com', 'b@x.com'],
    },
    {
      title: 'Begin, process and end blocks',
      code: "1..3 | ForEach-Object -Begin { 'start' } -Process { $_ } -End { 'done' }",
      expect: ['start', 1, 2, 3, 'done'],
    },
  ],
  load: () => import('./ForEach-Object.run.js'),
})

export default ForEachObject
