// The code of Get-VcsUserInvitation (declared in Get-VcsUserInvitation.ts).
import { implement, matchesAny } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import { getInvitation, listInvitations } from '../../src/csp/endpoints.js'
import { NotFoundTracker } from './shared/lookups.js'
import {
  toVcsUserInvitation,
  uidScope,
  type VcsInvitationStatus,
  type VcsUserInvitation,
} from './shared/model.js'
import type GetVcsUserInvitation from './Get-VcsUserInvitation.js'

export const getVcsUserInvitation = implement<typeof GetVcsUserInvitation>({
  async *process(args, ctx) {
    const call = await cspCall(ctx, args.server)
    const now = Date.now()
    const statuses = args.status as VcsInvitationStatus[] | undefined
    const keep = (status: VcsInvitationStatus) => !statuses || statuses.includes(status)
    if (args.id) {
      for (const id of args.id) {
        try {
          const invitation = toVcsUserInvitation(
            await getInvitation(call.client, id, call),
            uidScope(call),
            now,
          )
          if (keep(invitation.Status)) yield invitation
        } catch (error) {
          ctx.writeError(error, id)
        }
      }
      return
    }
    const patterns = [...(args.name ?? []), ...(args.email ?? [])]
    const notFound = new NotFoundTracker<VcsUserInvitation>(
      'invitation',
      [
        { values: args.name, label: 'named', fields: (invitation) => [invitation.Email] },
        { values: args.email, label: 'with e-mail', fields: (invitation) => [invitation.Email] },
      ],
      statuses !== undefined,
    )
    for (const wire of await listInvitations(call.client, call)) {
      if (patterns.length > 0 && !matchesAny(wire.username, patterns)) continue
      const invitation = toVcsUserInvitation(wire, uidScope(call), now)
      if (!keep(invitation.Status)) continue
      notFound.found(invitation)
      yield invitation
    }
    notFound.report((error, target) => ctx.writeError(error, target))
  },
})
