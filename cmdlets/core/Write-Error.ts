// Write-Error: reports a non-terminating error from a script, which -ErrorAction and
// $ErrorActionPreference treat like any cmdlet's error (Stop makes it end the run).
import { defineCmdlet, type ErrorCategory } from '../../src/engine/index.js'

const CATEGORIES: readonly ErrorCategory[] = [
  'InvalidArgument',
  'InvalidData',
  'InvalidOperation',
  'InvalidResult',
  'ObjectNotFound',
  'ResourceExists',
  'PermissionDenied',
  'AuthenticationError',
  'SecurityError',
  'ConnectionError',
  'LimitsExceeded',
  'OperationStopped',
  'OperationTimeout',
  'ParserError',
  'NotImplemented',
  'ReadError',
  'WriteError',
  'NotSpecified',
]

/** Write-Error: writes a non-terminating error. */
export const WriteError = defineCmdlet({
  name: 'Write-Error',
  synopsis: 'Writes a non-terminating error.',
  description:
    'The error goes to $Error and the error stream, and counts as a failure for the exit code of a ' +
    'one-shot run; the script goes on unless -ErrorAction Stop (or $ErrorActionPreference) says otherwise.',
  parameters: {
    message: {
      type: 'string',
      position: 0,
      mandatory: true,
      pipeline: 'byValue',
      description: 'The error text.',
    },
    category: {
      type: 'string',
      validateSet: CATEGORIES,
      default: 'NotSpecified',
      description: 'The error category.',
    },
    targetObject: { type: 'any', description: 'The object the error is about.' },
  },
  examples: [
    {
      title: 'Report a problem and go on',
      code: "Write-Error 'ann@corp.com: not found' -ErrorAction SilentlyContinue",
      expect: [],
    },
  ],
  load: () => import('./Write-Error.run.js'),
})

export default WriteError
