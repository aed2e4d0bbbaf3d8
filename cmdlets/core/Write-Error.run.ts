// The code of Write-Error (declared in Write-Error.ts).
import { implement, RuntimeError, type ErrorCategory } from '../../src/engine/index.js'
import type { WriteError } from './Write-Error.js'

export const writeError = implement<typeof WriteError>({
  process(args, ctx) {
    ctx.writeError(
      new RuntimeError('UserThrown', args.message, {
        category: (args.category as ErrorCategory | undefined) ?? 'NotSpecified',
        target: args.targetObject,
      }),
      args.targetObject,
    )
  },
})
