// Send-VcsUserInvitation: sends a pending or expired invitation again, by revoking it and inviting
// the same e-mail with the same roles; CSP has no "resend", so this is what resending means.
import { defineCmdlet, VcsError } from '../../src/engine/index.js'
import { cspCall, type CspCall } from '../../src/csp/connection.js'
import {
  createInvitations,
  invitationsPath,
  listInvitations,
  revokeInvitation,
} from '../../src/csp/endpoints.js'
import { OutcomeUnknownError } from '../../src/csp/errors.js'
import { resolveInvitations } from '../../src/csp/invitations.js'
import { invitationId, invitationStatus, toVcsUserInvitation } from '../../src/csp/model.js'
import type {
  UserOrganizationInvitationResponse,
  UsersOrganizationInvitationRequest,
} from '../../src/wire/csp.js'
import '../../src/csp/views.js'
import { serverParameter } from './common.js'

export default defineCmdlet({
  name: 'Send-VcsUserInvitation',
  synopsis: 'Sends an invitation again.',
  description:
    'Resends pending or expired invitations: the old invitation is revoked and the same e-mail is invited again with the same roles and groups, for -ExpiresInDays (default 7). Outputs the new invitation. Redeemed and revoked invitations are refused with the reason.',
  output: 'VcsUserInvitation',
  requiresConnection: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameterSets: { ByInvitation: { default: true }, ById: {}, ByEmail: {} },
  parameters: {
    invitation: {
      type: 'object[]',
      objectType: 'VcsUserInvitation',
      pipeline: 'byValue',
      mandatory: true,
      position: 0,
      sets: ['ByInvitation'],
      aliases: ['UserInvitation'],
      description: 'Invitations to resend (from Get-VcsUserInvitation).',
    },
    id: {
      type: 'string[]',
      mandatory: true,
      pipeline: 'byPropertyName',
      sets: ['ById'],
      aliases: ['InvitationId'],
      description: 'Invitation ids.',
    },
    email: {
      type: 'string[]',
      mandatory: true,
      pipeline: 'byPropertyName',
      sets: ['ByEmail'],
      completer: 'invitationEmail',
      description: 'Invitee e-mails.',
    },
    expiresInDays: {
      type: 'int',
      validateRange: [1, 90],
      default: 7,
      description: 'Days until the new invitation expires.',
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
            new VcsError(
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
        const request = sameRoles(invitation, args.expiresInDays ?? 7)
        const oldId = invitationId(invitation)
        const detail = `DELETE ${invitationsPath(call.client)}/${oldId}; POST ${invitationsPath(call.client)} ${JSON.stringify(request)}`
        if (!(await ctx.shouldProcess(invitation.username, 'Resend invitation', detail))) continue
        try {
          yield await resend(call, invitation, request)
        } catch (error) {
          ctx.writeError(error, invitation.username)
        }
      }
    }
  },
})

/** The invitation request that grants what the old invitation granted. */
function sameRoles(
  invitation: UserOrganizationInvitationResponse,
  expiresInDays: number,
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
    invitationExpirationInDays: expiresInDays,
  }
}

async function resend(
  call: CspCall,
  invitation: UserOrganizationInvitationResponse,
  request: UsersOrganizationInvitationRequest,
) {
  const oldId = invitationId(invitation)
  await revokeInvitation(call.client, oldId, call)
  for (let attempt = 1; ; attempt++) {
    try {
      await createInvitations(call.client, request, call)
      break
    } catch (error) {
      if (call.signal.aborted) throw error
      // A reset or 5xx may hide a POST that landed, and a 409 says it did: look before sending again.
      const uncertain = error instanceof OutcomeUnknownError || (error as VcsError).status === 409
      if (uncertain) {
        const landed = await newInvitation(call, invitation, oldId)
        if (landed) return toVcsUserInvitation(landed)
      }
      if (!(error instanceof OutcomeUnknownError) || attempt >= 3) {
        // Said plainly: the old link no longer works and no new one was made.
        throw new VcsError(
          'ServerError',
          `Revoked the old invitation of ${invitation.username} but could not invite again: ${(error as Error).message}`,
          { cause: error, hint: 'Run New-VcsUserInvitation for this e-mail.' },
        )
      }
    }
  }
  const fresh = await newInvitation(call, invitation, oldId)
  if (!fresh)
    throw new VcsError(
      'NotFound',
      `CSP accepted the new invitation of ${invitation.username} but does not list it.`,
    )
  return toVcsUserInvitation(fresh)
}

/** The pending invitation of the same e-mail other than the old one, newest first. */
async function newInvitation(
  call: CspCall,
  invitation: UserOrganizationInvitationResponse,
  oldId: string,
): Promise<UserOrganizationInvitationResponse | undefined> {
  return (await listInvitations(call.client, call))
    .filter(
      (i) =>
        i.username.toLowerCase() === invitation.username.toLowerCase() &&
        i.status === 'AVAILABLE' &&
        invitationId(i) !== oldId,
    )
    .sort((a, b) => b.generatedAt - a.generatedAt)[0]
}
