// Write-Verbose, Write-Debug and Write-Information: messages on their own streams, shown as
// PowerShell shows them: verbose and debug only when asked for ($VerbosePreference, -Verbose, which a
// function's -Verbose sets for its body), information only when $InformationPreference or
// -InformationAction is Continue (about_Preference_Variables; Write-Information's default is silent).
import { defineCmdlet, RuntimeError, UsageError, type CmdletContext } from '../../src/engine/index.js'

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

/** Write-Verbose: a message shown with -Verbose. */
export const WriteVerbose = defineCmdlet({
  name: 'Write-Verbose',
  synopsis: 'Writes a message to the verbose stream.',
  description: 'Shown as "VERBOSE: ..." when $VerbosePreference is Continue or -Verbose is given.',
  parameters: {
    message: { type: 'string', position: 0, mandatory: true, pipeline: 'byValue', description: 'The text.' },
  },
  examples: [
    { title: 'A message shown with -Verbose', code: "Write-Verbose 'Loaded 3 rows' -Verbose", expect: [] },
  ],
  process(args, ctx) {
    if (!preferenceStops(ctx, 'VerbosePreference', args.message)) ctx.writeVerbose(args.message)
  },
})

/** Write-Debug: a message shown with -Debug. */
export const WriteDebug = defineCmdlet({
  name: 'Write-Debug',
  synopsis: 'Writes a message to the debug stream.',
  description: 'Shown as "DEBUG: ..." when $DebugPreference is Continue or -Debug is given.',
  parameters: {
    message: { type: 'string', position: 0, mandatory: true, pipeline: 'byValue', description: 'The text.' },
  },
  examples: [{ title: 'A debug message', code: "Write-Debug 'state: ready'", expect: [] }],
  process(args, ctx) {
    if (!preferenceStops(ctx, 'DebugPreference', args.message)) ctx.writeDebug(args.message)
  },
})

/** Write-Information: a message on the information stream. */
export const WriteInformation = defineCmdlet({
  name: 'Write-Information',
  synopsis: 'Writes a message to the information stream.',
  description:
    'Silent unless $InformationPreference is Continue or -InformationAction Continue is given, as in PowerShell.',
  parameters: {
    messageData: {
      type: 'any',
      position: 0,
      mandatory: true,
      pipeline: 'byValue',
      aliases: ['Msg', 'Message'],
      description: 'The message.',
    },
    informationAction: {
      type: 'string',
      aliases: ['infa'],
      validateSet: ['Continue', 'SilentlyContinue', 'Ignore', 'Stop'],
      description: 'Continue shows the message.',
    },
  },
  examples: [
    {
      title: 'A message that is shown',
      code: "Write-Information 'Import done' -InformationAction Continue",
      expect: [],
    },
  ],
  process(args, ctx) {
    const preference =
      args.informationAction ?? String(ctx.session.scopedVariable('InformationPreference') ?? '')
    if (preference.toLowerCase() === 'continue') ctx.writeInformation(String(args.messageData))
  },
})

export default WriteVerbose
