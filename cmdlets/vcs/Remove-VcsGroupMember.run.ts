// The code of Remove-VcsGroupMember (declared in Remove-VcsGroupMember.ts).
import { implement } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import { changeGroupMembers, resolveGroup } from './shared/group-members.js'
import { collectTargets, type RoleArguments } from './shared/user-roles.js'
import type RemoveVcsGroupMember from './Remove-VcsGroupMember.js'

export const removeVcsGroupMember = implement<typeof RemoveVcsGroupMember>({
  async *stream(records, ctx) {
    const all: (RoleArguments & { group?: unknown })[] = []
    for await (const args of records) all.push(args)
    if (all.length === 0) return
    const call = await cspCall(ctx, all[0].server)
    const group = await resolveGroup(call, all[0].group)
    const targets = await collectTargets(call, all, ctx)
    const results = await changeGroupMembers(call, group, targets, 'remove', ctx)
    if (all[0].passThru) yield* results
  },
})
