// The code of Write-Verbose, Write-Debug and Write-Information (declared in Write-Verbose.ts).
import { implement, RuntimeError, UsageError, type CmdletContext } from '../../src/engine/index.js'
import type { WriteDebug, WriteInformation, WriteVerbose } from './Write-Verbose.js'

/**
 * $VerbosePreference / $DebugPreference 'Stop' shows the message, then stops with PowerShell's words;
 * 'Inquire' would ask, which is not supported here (said so, never ignored).
 */
function preferenceStops(
  ctx: CmdletContext,
  variable: 'VerbosePreference' | 'DebugPreference',
  message: string,
): boolean {
  if (ctx.boundParameters.has(variable === 'VerbosePreference' ? 'verbose' : 'debug')) return false
  const preference = String(ctx.session.scopedVariable(variable) ?? '').toLowerCase()
  if (preference === 'inquire') {
    throw new UsageError('InvalidParameterValue', `$${variable} = 'Inquire' is not supported in vcs-shell.`)
  }
  if (preference !== 'stop') return false
  if (variable === 'VerbosePreference') ctx.host.writeVerbose(message)
  else ctx.host.writeDebug(message)
  throw new RuntimeError(
    'RuntimeError',
    `The running command stopped because the preference variable "${variable}" or common parameter is set to Stop: ${message}`,
    { category: 'OperationStopped' },
  )
}

export const writeVerbose = implement<typeof WriteVerbose>({
  process(args, ctx) {
    if (!preferenceStops(ctx, 'VerbosePreference', args.message)) ctx.writeVerbose(args.message)
  },
})

export const writeDebug = implement<typeof WriteDebug>({
  process(args, ctx) {
    if (!preferenceStops(ctx, 'DebugPreference', args.message)) ctx.writeDebug(args.message)
  },
})

export const writeInformation = implement<typeof WriteInformation>({
  process(args, ctx) {
    const preference =
      args.informationAction ?? String(ctx.session.scopedVariable('InformationPreference') ?? '')
    if (preference.toLowerCase() === 'continue') ctx.writeInformation(String(args.messageData))
  },
})
