// Write-Verbose, Write-Debug and Write-Information: messages on their own streams, shown as
// PowerShell shows them: verbose and debug only when asked for ($VerbosePreference, -Verbose, which a
// function's -Verbose sets for its body), information only when $InformationPreference or
// -InformationAction is Continue (about_Preference_Variables; Write-Information's default is silent).
import { defineCmdlet } from '../../src/engine/index.js'

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
  load: () => import('./Write-Verbose.run.js'),
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
  load: () => import('./Write-Verbose.run.js'),
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
  load: () => import('./Write-Verbose.run.js'),
})

export default WriteVerbose
