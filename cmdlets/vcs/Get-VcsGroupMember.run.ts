// The code of Get-VcsGroupMember (declared in Get-VcsGroupMember.ts).
import { implement } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import { groupMembers, resolveGroup } from './shared/group-members.js'
import { toVcsUser, uidScope } from './shared/model.js'
import type GetVcsGroupMember from './Get-VcsGroupMember.js'

export const getVcsGroupMember = implement<typeof GetVcsGroupMember>({
  async *process(args, ctx) {
    const call = await cspCall(ctx, args.server)
    const group = await resolveGroup(call, args.group)
    for await (const user of groupMembers(call, group.id))
      yield toVcsUser({ user, orgId: call.client.orgId }, uidScope(call))
  },
})
