// The code of Write-Warning (declared in Write-Warning.ts).
import { implement } from '../../src/engine/index.js'
import type { WriteWarning } from './Write-Warning.js'

export const writeWarning = implement<typeof WriteWarning>({
  process(args, ctx) {
    ctx.writeWarning(args.message)
  },
})
