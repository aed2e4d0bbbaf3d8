// The code of Write-Output (declared in Write-Output.ts).
import { implement } from '../../src/engine/index.js'
import type { WriteOutput } from './Write-Output.js'

export const writeOutput = implement<typeof WriteOutput>({
  *process(args, ctx) {
    let value = args.inputObject
    // Positional arguments arrive as the list of remaining arguments: one argument is itself.
    if (!ctx.expectingInput && Array.isArray(value) && value.length === 1) value = value[0]
    if (Array.isArray(value) && !args.noEnumerate) yield* value
    else yield value
  },
})
