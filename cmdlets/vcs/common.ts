// Parameters shared by the Vcs cmdlets, declared once so they read the same everywhere.
import type { ParameterDef } from '../../src/engine/index.js'

/** PowerCLI's -Server: which connection to use; the default connection when omitted. */
export const serverParameter = {
  type: 'string',
  description: 'The connection (server) to use; the default connection when omitted.',
} as const satisfies ParameterDef

/** -ThrottleLimit: how many requests (pages or batches) run at once. */
export const throttleLimitParameter = {
  type: 'int',
  validateRange: [1, 32],
  default: 4,
  description: 'How many requests run at once (default 4).',
} as const satisfies ParameterDef
