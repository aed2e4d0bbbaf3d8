// Remove-VcsUserInvitation: revokes invitations (from the pipeline, by id or by e-mail), so their
// links stop working.
import { defineCmdlet, recordSuccess } from '../../src/engine/index.js'
import { cspCall, type CspCall } from '../../src/csp/connection.js'
import { invitationPath, revokeInvitation } from '../../src/csp/endpoints.js'
import { resolveInvitations } from './shared/invitations.js'
import { invitationId, invitationStatus, toVcsUserInvitation } from './shared/model.js'
import type { UserOrganizationInvitationResponse } from '../../src/wire/csp.js'
import { invitationTargetParameters, serverParameter } from './shared/parameters.js'
import { vcsUserInvitationView } from './shared/views.js'

export default defineCmdlet({
  name: 'Remove-VcsUserInvitation',
  synopsis: 'Revokes invitations.',
  description:
    'Revokes invitations given as objects (from Get-VcsUserInvitation), ids or invitee e-mails. Redeemed and already revoked invitations are reported and left alone.',
  output: 'VcsUserInvitation',
  views: { VcsUserInvitation: vcsUserInvitationView },
  requiresConnection: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameterSets: { ByInvitation: { default: true }, ById: {}, ByEmail: {} },
  parameters: {
    ...invitationTargetParameters('revoke', 'Invitee e-mails: their pending invitation is revoked.'),
    passThru: { type: 'switch', description: 'Outputs each revoked invitation.' },
    server: serverParameter,
  },
  examples: [
    {
      title: 'Revoke every expired invitation',
      code: 'Get-VcsUserInvitation -Status Expired | Remove-VcsUserInvitation -PassThru | Select-Object -ExpandProperty Status',
      expect: ['Revoked', 'Revoked'],
    },
    {
      title: 'Revoke the invitation of one e-mail',
      code: "Remove-VcsUserInvitation -Email 'alex.turner@demo.example' -WhatIf",
      expect: { count: 0 },
    },
  ],
  async *stream(records, ctx) {
    let call: CspCall | undefined
    const cache = {}
    for await (const args of records) {
      call ??= await cspCall(ctx, args.server)
      const invitations = await resolveInvitations(
        call,
        args,
        (error, target) => ctx.writeError(error, target),
        cache,
      )
      for (const invitation of invitations) {
        if ((await revoke(call, invitation)) && args.passThru) {
          yield toVcsUserInvitation({ ...invitation, status: 'REVOKED', revokedAt: Date.now() })
        }
      }
    }
    async function revoke(call: CspCall, invitation: UserOrganizationInvitationResponse): Promise<boolean> {
      const id = invitationId(invitation)
      const status = invitationStatus(invitation)
      if (status === 'Redeemed' || status === 'Revoked') {
        ctx.writeWarning(
          `The invitation of ${invitation.username} is already ${status.toLowerCase()}; nothing to revoke.`,
        )
        return false
      }
      const path = invitationPath(call.client, id)
      if (!(await ctx.shouldProcess(`${invitation.username} (${id})`, 'Revoke invitation', `DELETE ${path}`)))
        return false
      try {
        await revokeInvitation(call.client, id, call)
        recordSuccess(ctx.session)
        return true
      } catch (error) {
        ctx.writeError(error, invitation.username)
        return false
      }
    }
  },
})
