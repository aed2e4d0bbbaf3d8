// The invitee's side, which CSP serves as web pages: the link in the invitation e-mail. GET shows
// what is offered; POST redeems it as the invitee's click would, creating the account if needed and
// the membership with the invited roles and groups. Revoked, expired or used invitations refuse
// with CSP's error body.
import { randomUUID } from 'node:crypto'
import type { EmulatorContext } from '../context.js'
import { BadRequestError, NotFoundError } from '../errors.js'
import { ok, type Reply, type RequestContext } from '../http/request.js'
import { put, type AccountRecord, type Change, type InvitationRecord } from '../state/model.js'
import type { OrgState } from '../state/state.js'
import { ACCOUNT_DOMAIN } from '../seed/seed.js'
import { serviceDefinitionLink, toExpandedTypedUser } from '../views.js'
import type { Route } from './route.js'

/** The control API path of an invitation's link. */
export function invitationLinkPath(invitationId: string): string {
  return `/emulator/api/invitations/${invitationId}`
}

function findInvitation(
  request: RequestContext,
  emulator: EmulatorContext,
): { org: OrgState; invitation: InvitationRecord } {
  const id = request.param('invitationId')
  for (const org of emulator.state.orgs.values()) {
    const invitation = org.invitations.get(id)
    if (invitation) return { org, invitation }
  }
  throw new NotFoundError(`Invitation ${id} not found`)
}

/** 400 unless the invitation can still be redeemed. */
function requireRedeemable(invitation: InvitationRecord, now: number): void {
  if (invitation.status === 'REVOKED') {
    throw new BadRequestError('The invitation has been revoked', { cspErrorCode: 'invitation.revoked' })
  }
  if (invitation.status === 'REDEEMED') {
    throw new BadRequestError('The invitation has already been redeemed', {
      cspErrorCode: 'invitation.redeemed',
    })
  }
  if (invitation.expirationTime <= now) {
    throw new BadRequestError('The invitation has expired', { cspErrorCode: 'invitation.expired' })
  }
}

/** `GET /emulator/api/invitations/{invitationId}`: the offer. */
function showInvitation(request: RequestContext, emulator: EmulatorContext): Reply {
  const { org, invitation } = findInvitation(request, emulator)
  requireRedeemable(invitation, emulator.now())
  return ok({
    invitationId: invitation.id,
    orgId: org.id,
    orgDisplayName: org.record.displayName,
    username: invitation.username,
    status: invitation.status,
    expirationTime: invitation.expirationTime,
    invitedByUsername: invitation.invitedByUsername,
    orgRoleNames: invitation.orgRoles,
    serviceRolesDtos: invitation.serviceRoles.map((grant) => ({
      serviceDefinitionLink: serviceDefinitionLink(grant.serviceDefinitionId),
      serviceRoleNames: grant.roles,
    })),
    customGroupsIds: invitation.customGroupsIds,
    accountExists: emulator.state.accountByEmail(invitation.username) !== undefined,
  })
}

/** A display name from an e-mail's local part: `jane.doe` -> Jane, Doe. */
export function namesFromEmail(email: string): { firstName: string; lastName: string } {
  const parts = email
    .split('@')[0]
    .split(/[._-]+/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
  return { firstName: parts[0] ?? email, lastName: parts.slice(1).join(' ') }
}

function optionalName(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string' || value.trim() === '')
    throw new BadRequestError(`${name} must be a non-empty string`)
  return value.trim()
}

/** `POST /emulator/api/invitations/{invitationId}` with optional `{firstName, lastName}`: redeems. */
async function redeemInvitation(request: RequestContext, emulator: EmulatorContext): Promise<Reply> {
  const { org, invitation } = findInvitation(request, emulator)
  const body = request.body.length === 0 ? {} : request.jsonObject()
  const now = emulator.now()
  requireRedeemable(invitation, now)
  const { state } = emulator
  const changes: Change[] = []
  let account = state.accountByEmail(invitation.username)
  if (!account) {
    const derived = namesFromEmail(invitation.username)
    account = {
      userId: `${ACCOUNT_DOMAIN}:${randomUUID()}`,
      username: invitation.username,
      email: invitation.username,
      firstName: optionalName(body, 'firstName') ?? derived.firstName,
      lastName: optionalName(body, 'lastName') ?? derived.lastName,
      domain: ACCOUNT_DOMAIN,
      idpId: ACCOUNT_DOMAIN,
      createdAt: now,
    } satisfies AccountRecord
    changes.push(put('account', account))
  }
  const existing = org.members.get(account.userId)
  const membership = {
    orgId: org.id,
    userId: account.userId,
    seq: existing?.seq ?? state.nextSeq(),
    orgRoles: [...new Set([...(existing?.orgRoles ?? []), ...invitation.orgRoles])],
    serviceRoles: existing ? existing.serviceRoles : invitation.serviceRoles,
    createdAt: existing?.createdAt ?? now,
  }
  if (existing) {
    for (const grant of invitation.serviceRoles) {
      const current = membership.serviceRoles.find(
        (held) => held.serviceDefinitionId === grant.serviceDefinitionId,
      )
      const roles = [...new Set([...(current?.roles ?? []), ...grant.roles])]
      membership.serviceRoles = [
        ...membership.serviceRoles.filter((held) => held.serviceDefinitionId !== grant.serviceDefinitionId),
        { serviceDefinitionId: grant.serviceDefinitionId, roles },
      ]
    }
  }
  changes.push(put('membership', membership))
  for (const groupId of invitation.customGroupsIds) {
    const group = org.groups.get(groupId)
    if (group && !group.memberIds.includes(account.userId)) {
      changes.push(put('group', { ...group, memberIds: [...group.memberIds, account.userId] }))
    }
  }
  changes.push(
    put('invitation', { ...invitation, status: 'REDEEMED', redeemedAt: now, redeemedBy: account.username }),
  )
  await state.commit(changes)
  return ok({
    invitationId: invitation.id,
    status: 'REDEEMED',
    user: toExpandedTypedUser(account, membership, {
      withRoles: true,
      expandProfile: false,
      includeGroupIds: false,
    }),
  })
}

/** The invitee's link. */
export const invitationLinkRoutes: Route[] = [
  { method: 'GET', path: '/emulator/api/invitations/{invitationId}', handle: showInvitation },
  { method: 'POST', path: '/emulator/api/invitations/{invitationId}', handle: redeemInvitation, write: true },
]
