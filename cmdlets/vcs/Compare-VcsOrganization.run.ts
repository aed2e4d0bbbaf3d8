// The code of Compare-VcsOrganization (declared in Compare-VcsOrganization.ts).
import { DriftError, implement } from '../../src/engine/index.js'
import { desiredStatePlan } from './shared/desired-state.js'
import { describePlan } from './shared/sync-plan.js'
import type CompareVcsOrganization from './Compare-VcsOrganization.js'

export const compareVcsOrganization = implement<typeof CompareVcsOrganization>({
  async *stream(records, ctx) {
    const { plan, remove } = await desiredStatePlan(records, ctx)
    for (const planned of plan.actions) yield planned.view
    if (ctx.arguments.includeEqual) for (const planned of plan.inSync) yield planned.view
    ctx.writeInformation(describePlan(plan, remove))
    if (ctx.arguments.check && plan.actions.length > 0) {
      throw new DriftError(
        `The organization differs from the desired state: ${plan.actions.length} action(s) needed.`,
        { hint: 'Sync-VcsOrganization applies them (-WhatIf shows them first).' },
      )
    }
  },
})
