// The code of Write-Progress (declared in Write-Progress.ts).
import { implement } from '../../src/engine/index.js'
import type { WriteProgress } from './Write-Progress.js'

export const writeProgress = implement<typeof WriteProgress>({
  process(args, ctx) {
    if (String(ctx.session.scopedVariable('ProgressPreference') ?? '').toLowerCase() === 'silentlycontinue')
      return
    ctx.host.writeProgress({
      id: args.id ?? 0,
      activity: args.activity ?? 'Processing',
      status: args.currentOperation ?? args.status,
      completed: Math.max(0, args.percentComplete ?? 0),
      total: 100,
      done: args.completed === true,
    })
  },
})
