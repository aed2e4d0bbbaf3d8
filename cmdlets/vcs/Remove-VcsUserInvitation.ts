// Remove-VcsUserInvitation: revokes invitations (from the pipeline, by id or by e-mail), so their
// links stop working.
import { defineCmdlet, recordFate, recordSuccess } from '../../src/engine/index.js'
import { cspCall, type CspCall } from '../../src/csp/connection.js'
import {
  invitationPath,
  invitationsPath,
  revokeInvitation,
  revokeInvitationsByUsername,
} from '../../src/csp/endpoints.js'
import { resolveInvitations } from './shared/invitations.js'
import { invitationId, invitationStatus, toVcsUserInvitation, uidScope } from './shared/model.js'
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
    const cache: { list?: Promise<UserOrganizationInvitationResponse[]> } = {}
    // Targets confirmed for a batched revoke by username, sent BATCH at a time.
    let batch: Target[] = []
    for await (const args of records) {
      call ??= await cspCall(ctx, args.server)
      const invitations = await resolveInvitations(
        call,
        args,
        (error, target) => ctx.writeError(error, target),
        cache,
        { idsFromList: true },
      )
      for (const invitation of invitations) {
        const how = await plan(call, invitation)
        if (how === 'batch') {
          batch.push({ invitation, passThru: args.passThru })
          if (batch.length >= BATCH) {
            yield* flush(call, batch)
            batch = []
          }
        } else if (how === 'one' && (await revokeOne(call, invitation)) && args.passThru) {
          yield revokedView(invitation, call)
        }
      }
    }
    if (call && batch.length > 0) yield* flush(call, batch)

    /** Skips finished invitations, asks ShouldProcess, and picks a batched POST or a DELETE by id. */
    async function plan(
      call: CspCall,
      invitation: UserOrganizationInvitationResponse,
    ): Promise<'batch' | 'one' | 'skip'> {
      const id = invitationId(invitation)
      const status = invitationStatus(invitation)
      if (status === 'Redeemed' || status === 'Revoked') {
        ctx.writeWarning(
          `The invitation of ${invitation.username} is already ${status.toLowerCase()}; nothing to revoke.`,
        )
        recordFate(ctx.session, 'skipped')
        return 'skip'
      }
      // A revoke by username takes every AVAILABLE invitation of that e-mail: batch only when the
      // list shows this one is the only one, so nothing wider than asked is revoked.
      const byName = invitation.status === 'AVAILABLE' && (await onlyAvailable(invitation))
      const action = byName
        ? `POST ${invitationsPath(call.client)}?action=revoke`
        : `DELETE ${invitationPath(call.client, id)}`
      if (!(await ctx.shouldProcess(`${invitation.username} (${id})`, 'Revoke invitation', action)))
        return 'skip'
      return byName ? 'batch' : 'one'
    }

    async function onlyAvailable(invitation: UserOrganizationInvitationResponse): Promise<boolean> {
      if (!cache.list) return false
      const name = invitation.username.toLowerCase()
      const available = (await cache.list).filter(
        (other) => other.status === 'AVAILABLE' && other.username.toLowerCase() === name,
      )
      return available.length === 1 && available[0].refLink === invitation.refLink
    }

    async function* flush(call: CspCall, targets: Target[]) {
      try {
        await revokeInvitationsByUsername(
          call.client,
          targets.map((target) => target.invitation.username),
          call,
        )
      } catch (error) {
        if (ctx.signal.aborted) recordFate(ctx.session, 'unknown', targets.length)
        else recordFate(ctx.session, 'failed', targets.length)
        for (const target of targets) ctx.writeError(error, target.invitation.username)
        return
      }
      recordSuccess(ctx.session, targets.length)
      recordFate(ctx.session, 'revoked', targets.length)
      for (const target of targets) if (target.passThru) yield revokedView(target.invitation, call)
    }

    async function revokeOne(
      call: CspCall,
      invitation: UserOrganizationInvitationResponse,
    ): Promise<boolean> {
      try {
        await revokeInvitation(call.client, invitationId(invitation), call)
        recordSuccess(ctx.session)
        recordFate(ctx.session, 'revoked')
        return true
      } catch (error) {
        if (ctx.signal.aborted) throw error
        recordFate(ctx.session, 'failed')
        ctx.writeError(error, invitation.username)
        return false
      }
    }
  },
})

interface Target {
  invitation: UserOrganizationInvitationResponse
  passThru?: boolean
}

/** Usernames per `?action=revoke` request: CSP documents no limit; 100 keeps one failure small. */
const BATCH = 100

function revokedView(invitation: UserOrganizationInvitationResponse, call: CspCall) {
  return toVcsUserInvitation({ ...invitation, status: 'REVOKED', revokedAt: Date.now() }, uidScope(call))
}
