// Get-Help: shows a cmdlet's synopsis, syntax, parameters and examples, all rendered from its
// definition, so help can never drift from what the binder accepts.
import { defineCmdlet, hasWildcard, matchesAny, sessionFunctions } from '../../src/engine/index.js'
import { renderHelp, wrapIndented } from './help-text.js'

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
  async *process(args, ctx) {
    const registry = ctx.commands
    const functions = sessionFunctions(ctx.session)
    // Long lines wrap under their own indentation, not at the terminal's left edge.
    const width = ctx.host.width
    if (args.name === undefined) {
      yield* wrapIndented(INTRO, width)
      return
    }
    if (hasWildcard(args.name)) {
      const matches = [...functions, ...registry.all()].filter((cmdlet) =>
        matchesAny(cmdlet.name, [args.name!]),
      )
      const nameWidth = Math.max(4, ...matches.map((cmdlet) => cmdlet.name.length))
      yield `${'Name'.padEnd(nameWidth)} Synopsis`
      yield `${'-'.repeat(nameWidth)} --------`
      for (const cmdlet of matches) yield `${cmdlet.name.padEnd(nameWidth)} ${cmdlet.synopsis}`
      return
    }
    // A function's help comes from its comment-based help (about_Comment_Based_Help).
    const cmdlet =
      functions.find((fn) => fn.name.toLowerCase() === args.name!.toLowerCase()) ??
      registry.resolve(args.name)
    yield* renderHelp(cmdlet, { full: args.full, examples: args.examples, parameter: args.parameter, width })
  },
})

const INTRO = [
  'TOPIC',
  '    vcs-shell help',
  '',
  'SHORT DESCRIPTION',
  '    Cmdlets for the users of a VMware Cloud Services organization, in a PowerShell-like shell.',
  '',
  'LONG DESCRIPTION',
  '    Get-Command                      lists every cmdlet (Get-Command -Noun VcsUser for some).',
  '    Get-Help <cmdlet>                shows what a cmdlet does and its syntax.',
  '    Get-Help <cmdlet> -Examples      shows its examples.',
  '    Get-Help <cmdlet> -Full          shows everything, parameter by parameter.',
  '    Get-Help <cmdlet> -Parameter X   explains one parameter.',
  '    Get-Help *Csv*                   lists the cmdlets whose names match.',
  '    <object> | Get-Member            lists the properties of objects in the pipeline.',
]

export default GetHelp
