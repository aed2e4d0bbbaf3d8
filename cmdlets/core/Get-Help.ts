// Get-Help: shows a cmdlet's synopsis, syntax, parameters and examples, all rendered from its
// definition, so help can never drift from what the binder accepts.
import { defineCmdlet } from '../../src/engine/index.js'

/** Get-Help: help text for a cmdlet, as lines. */
export const GetHelp = defineCmdlet({
  name: 'Get-Help',
  synopsis: 'Shows help for a cmdlet: synopsis, syntax, parameters and examples.',
  description:
    'Without a name, explains how to find help. With a wildcard, lists the matching cmdlets. ' +
    '-Examples shows only the examples, -Full everything, -Parameter one parameter.',
  aliases: ['help', 'man'],
  parameters: {
    name: {
      type: 'string',
      position: 0,
      completer: 'cmdlet',
      description: 'The cmdlet (or alias) to explain.',
    },
    examples: { type: 'switch', description: 'Only the examples.' },
    full: { type: 'switch', description: 'Every section, including each parameter.' },
    parameter: { type: 'string', wildcards: true, description: 'Only this parameter (wildcards allowed).' },
  },
  examples: [
    { title: 'Help for a cmdlet', code: 'Get-Help Where-Object', bindOnly: true },
    { title: 'Only the examples', code: 'Get-Help Select-Object -Examples', bindOnly: true },
    {
      title: 'One parameter',
      code: 'Get-Help Select-Object -Parameter First | Select-Object -First 1',
      expect: ['    -First <int>'],
    },
  ],
  load: () => import('./Get-Help.run.js'),
})

export default GetHelp
