// The code of Add-VcsGroupMember (declared in Add-VcsGroupMember.ts).
import { implement } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import { changeGroupMembers, resolveGroup } from './shared/group-members.js'
import { collectTargets, type RoleArguments } from './shared/user-roles.js'
import type AddVcsGroupMember from './Add-VcsGroupMember.js'

export const addVcsGroupMember = implement<typeof AddVcsGroupMember>({
  async *stream(records, ctx) {
    const all: (RoleArguments & { group?: unknown })[] = []
    for await (const args of records) all.push(args)
    if (all.length === 0) return
    const call = await cspCall(ctx, all[0].server)
    const group = await resolveGroup(call, all[0].group)
    const targets = await collectTargets(call, all, ctx)
    const results = await changeGroupMembers(call, group, targets, 'add', ctx)
    if (all[0].passThru) yield* results
  },
})
