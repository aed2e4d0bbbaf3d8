// The code of Get-Help (declared in Get-Help.ts).
import { hasWildcard, implement, matchesAny, sessionFunctions } from '../../src/engine/index.js'
import type { GetHelp } from './Get-Help.js'
import { renderHelp, wrapIndented } from './help-text.js'

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

export const getHelp = implement<typeof GetHelp>({
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
