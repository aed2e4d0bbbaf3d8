// The code of Sync-VcsOrganization (declared in Sync-VcsOrganization.ts).
import { implement } from '../../../src/engine/index.js'
import { desiredStatePlan } from '../shared/desired-state.js'
import { describePlan } from '../shared/sync-plan.js'
import { applyPlan } from './apply.js'
import { openSyncResultFile } from './result-file.js'
import type SyncVcsOrganization from './Sync-VcsOrganization.js'

export const syncVcsOrganization = implement<typeof SyncVcsOrganization>({
  async *stream(records, ctx) {
    const own = ctx.arguments
    // A bad result file stops the run before anything is read or sent.
    const resultFile = typeof own.resultPath === 'string' ? openSyncResultFile(own.resultPath) : undefined
    const { plan, call, remove } = await desiredStatePlan(records, ctx)
    ctx.writeInformation(describePlan(plan, remove))
    if (resultFile && resultFile.done.size > 0) {
      const planned = new Set(plan.actions.map((action) => action.key))
      const earlier = [...resultFile.done].filter((key) => !planned.has(key)).length
      ctx.writeInformation(
        `Resuming with '${own.resultPath as string}': ${earlier} action(s) done by an earlier run are already in place; ${plan.actions.length} left.`,
      )
      for (const action of plan.actions) {
        if (resultFile.done.has(action.key))
          ctx.writeVerbose(
            `${action.view.Email}: done by an earlier run, but CSP differs again; doing it again.`,
          )
      }
    }
    const results = applyPlan(call, plan.actions, ctx, {
      throttleLimit: (own.throttleLimit as number | undefined) ?? 4,
      force: !!own.force,
      resultFile,
    })
    for await (const result of results) if (own.passThru) yield result
  },
})
