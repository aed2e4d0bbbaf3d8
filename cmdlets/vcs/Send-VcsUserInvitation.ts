// Send-VcsUserInvitation: sends a pending or expired invitation again, by revoking it and inviting
// the same e-mail with the same roles; CSP has no "resend", so this is what resending means.
import { defineCmdlet, toVcsError, VcsError, RemoteError } from '../../src/engine/index.js'
import { cspCall, type CspCall } from '../../src/csp/connection.js'
import { invitationsPath, LIMITS, listInvitations, revokeInvitation } from '../../src/csp/endpoints.js'
import { OrgState, Reconciler, sendBatch, type InviteBatch } from './shared/invite-job.js'
import { resolveInvitations } from './shared/invitations.js'
import {
  invitationId,
  invitationStatus,
  toVcsUserInvitation,
  uidScope,
  type VcsUserInvitation,
} from './shared/model.js'
import { mapConcurrent } from '../../src/csp/paging.js'
import type {
  UserOrganizationInvitationResponse,
  UsersOrganizationInvitationRequest,
} from '../../src/wire/csp.js'
import { vcsUserInvitationView, vcsInvitationResultView } from './shared/views.js'
import { invitationTargetParameters, serverParameter } from './shared/parameters.js'

export default defineCmdlet({
  name: 'Send-VcsUserInvitation',
  synopsis: 'Sends an invitation again.',
  description:
    'Resends pending or expired invitations: the old invitation is revoked and the same e-mail is invited again with the same roles and groups (for -ExpiresInDays when given; otherwise for the host default, 7 days on console.cloud.vmware.com). Invitations from the pipeline are collected, revoked, and sent again in batches of identical roles. Outputs the new invitations. Redeemed and revoked invitations are refused with the reason.',
  output: 'VcsUserInvitation',
  views: { VcsUserInvitation: vcsUserInvitationView, VcsInvitationResult: vcsInvitationResultView },
  requiresConnection: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameterSets: { ByInvitation: { default: true }, ById: {}, ByEmail: {} },
  parameters: {
    ...invitationTargetParameters('resend', 'Invitee e-mails.'),
    expiresInDays: {
      type: 'int',
      validateRange: [1, 90],
      description:
        'Days until the new invitation expires (1 to 90). Sent as invitationExpirationInDays only when given: console.tanzu.broadcom.com honours it; console.cloud.vmware.com does not document it, and its invitations last 7 days.',
    },
    server: serverParameter,
  },
  examples: [
    {
      title: 'Resend every expired invitation',
      code: 'Get-VcsUserInvitation -Status Expired | Send-VcsUserInvitation',
      expect: { count: 2 },
    },
    {
      title: 'Resend one, previewing first',
      code: "Send-VcsUserInvitation -Email 'alex.turner@demo.example' -WhatIf",
      expect: { count: 0 },
    },
  ],
  async *stream(records, ctx) {
    let call: CspCall | undefined
    const cache = {}
    const chosen: Resend[] = []
    for await (const args of records) {
      call ??= await cspCall(ctx, args.server)
      const invitations = await resolveInvitations(
        call,
        args,
        (error, target) => ctx.writeError(error, target),
        cache,
      )
      for (const invitation of invitations) {
        const status = invitationStatus(invitation)
        if (status === 'Redeemed' || status === 'Revoked') {
          ctx.writeError(
            new RemoteError(
              'Conflict',
              `The invitation of ${invitation.username} was ${status.toLowerCase()}; only pending or expired invitations can be sent again.`,
              {
                category: 'InvalidOperation',
                hint: status === 'Revoked' ? 'Invite the person anew with New-VcsUserInvitation.' : undefined,
              },
            ),
            invitation.username,
          )
          continue
        }
        const request = sameRoles(invitation, args.expiresInDays)
        const detail = `DELETE ${invitationsPath(call.client)}/${invitationId(invitation)}; POST ${invitationsPath(call.client)} ${JSON.stringify(request)}`
        if (await ctx.shouldProcess(invitation.username, 'Resend invitation', detail))
          chosen.push({ invitation, request })
      }
    }
    if (!call || chosen.length === 0) return
    yield* resendAll(call, chosen, (error, target) => ctx.writeError(error, target))
  },
})

/** An invitation to send again, and the request that re-creates it. */
interface Resend {
  invitation: UserOrganizationInvitationResponse
  request: UsersOrganizationInvitationRequest
}

/**
 * Resends in bulk: every old invitation is revoked (a few at a time), then the e-mails are invited
 * again in batches of identical roles through the same engine as New-VcsUserInvitation (unknown
 * outcomes checked, 409s set aside), and the new invitations are found with one listing.
 */
async function* resendAll(
  call: CspCall,
  resends: Resend[],
  report: (error: VcsError, target: string) => void,
): AsyncGenerator<VcsUserInvitation> {
  const revoked: Resend[] = []
  for await (const outcome of mapConcurrent(resends, 4, async (resend) => {
    const { invitation } = resend
    try {
      await revokeInvitation(call.client, invitationId(invitation), call)
      return { resend }
    } catch (error) {
      if (call.signal.aborted) throw error
      return { resend, error: toVcsError(error) }
    }
  })) {
    if (outcome.error) report(outcome.error, outcome.resend.invitation.username)
    else revoked.push(outcome.resend)
  }
  const state = new OrgState()
  state.addInvitations(await listInvitations(call.client, call), false)
  const batches = new Map<string, InviteBatch>()
  for (const resend of revoked) {
    const { usernames, ...request } = resend.request
    const key = JSON.stringify(request)
    const batch = batches.get(key) ?? { emails: [], request: { ...request, usernames: [] } }
    batch.emails.push(...usernames)
    batches.set(key, batch)
  }
  const chunks = [...batches.values()].flatMap((batch) =>
    Array.from({ length: Math.ceil(batch.emails.length / LIMITS.inviteBatch) }, (_, i) => ({
      ...batch,
      emails: batch.emails.slice(i * LIMITS.inviteBatch, (i + 1) * LIMITS.inviteBatch),
    })),
  )
  const reconciler = new Reconciler(call, state)
  const notAgain = (email: string, reason: string, cause?: unknown) =>
    report(
      new RemoteError(
        'ServerError',
        `Revoked the old invitation of ${email} but could not invite again: ${reason}`,
        {
          cause,
          hint: 'Run New-VcsUserInvitation for this e-mail.',
        },
      ),
      email,
    )
  for await (const results of mapConcurrent(chunks, 4, (batch) => sendBatch(call, state, batch))) {
    for (const result of results) {
      if (result.failure) notAgain(result.email, result.failure.message, result.failure)
      else if (result.skipped) notAgain(result.email, `${result.skipped.reason}.`)
      else reconciler.add([result.email])
    }
  }
  const { invited, addedDirectly, missing } = await reconciler.run()
  for (const invitation of invited.values()) yield toVcsUserInvitation(invitation, uidScope(call))
  for (const email of addedDirectly.keys())
    notAgain(email, 'CSP added the existing account to the organization directly instead.')
  for (const email of missing) notAgain(email, 'CSP accepted the request but does not list the invitation.')
}

/** The invitation request that grants what the old invitation granted. */
function sameRoles(
  invitation: UserOrganizationInvitationResponse,
  expiresInDays: number | undefined,
): UsersOrganizationInvitationRequest {
  const orgRoles = invitation.orgRoleNames?.length
    ? invitation.orgRoleNames
    : (invitation.organizationRoles ?? []).map((r) => r.name)
  return {
    usernames: [invitation.username],
    organizationRoles: orgRoles.map((name) => ({ name })),
    serviceRolesDtos: (invitation.serviceRolesDtos ?? []).map((dto) => ({
      serviceDefinitionLink: dto.serviceDefinitionLink,
      serviceRoleNames: dto.serviceRoleNames?.length
        ? dto.serviceRoleNames
        : (dto.serviceRoles ?? []).map((r) => r.name),
    })),
    ...(invitation.customGroupsIds?.length ? { customGroupsIds: invitation.customGroupsIds } : {}),
    // Only when asked: console CSP does not document the field (csp-api.md §10).
    ...(expiresInDays === undefined ? {} : { invitationExpirationInDays: expiresInDays }),
  }
}
