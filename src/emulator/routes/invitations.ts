// Invitations (csp-api.md §4, §10): create (202, no body), revoke by usernames (`?action=revoke`) or
// by id (DELETE, 200, no body), list (a plain array) and get one — all for owners and admins only;
// console CSP refuses OAuth apps the POST. An e-mail that already has a CSP account is added to the
// org at once, with no pending invitation, unless the config says otherwise (`addExistingAccounts`).
import { randomUUID } from 'node:crypto'
import type { RevokeInvitationsRequest } from '../../wire/csp.js'
import { orgScope, requireManager, requireUserOnConsole, type Principal } from '../auth/principal.js'
import type { EmulatorContext } from '../context.js'
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors.js'
import { ok, type Reply, type RequestContext } from '../http/request.js'
import { put, type Change, type GroupRecord, type InvitationRecord } from '../state/model.js'
import type { OrgState } from '../state/state.js'
import { DAY } from '../seed/seed.js'
import { toInvitation } from '../views.js'
import { parseInvitationRequest, type InvitationPlan } from './invitation-request.js'
import type { Route } from './route.js'

const AM = '/csp/gateway/am/api'

function actor(principal: Principal): string {
  return principal.username ?? principal.sub
}

/** `GET /csp/gateway/am/api/orgs/{orgId}/invitations[?expand][&customGroupId][&expandCustomGroups]` */
function listInvitations(request: RequestContext, emulator: EmulatorContext): Reply {
  const { principal, org } = orgScope(request, emulator)
  requireManager(principal)
  const groupId = request.query.get('customGroupId')
  const options = {
    expand: request.flag('expand'),
    groups: request.flag('expandCustomGroups') ? (id: string) => org.groups.get(id) : undefined,
  }
  const invitations = org.invitationOrder
    .map((id) => org.invitations.get(id)!)
    .filter((invitation) => !groupId || invitation.customGroupsIds.includes(groupId))
  return ok(invitations.map((invitation) => toInvitation(invitation, options)))
}

function invitationOf(request: RequestContext, org: OrgState): InvitationRecord {
  const invitation = org.invitations.get(request.param('invitationId'))
  if (!invitation) throw new NotFoundError(`Invitation ${request.param('invitationId')} not found`)
  return invitation
}

/** `GET /csp/gateway/am/api/orgs/{orgId}/invitations/{invitationId}` */
function getInvitation(request: RequestContext, emulator: EmulatorContext): Reply {
  const { principal, org } = orgScope(request, emulator)
  requireManager(principal)
  const options = {
    expand: request.flag('expand'),
    groups: request.flag('expandCustomGroups') ? (id: string) => org.groups.get(id) : undefined,
  }
  return ok(toInvitation(invitationOf(request, org), options))
}

/** Usernames with an invitation that can still be redeemed. */
function pendingUsernames(org: OrgState, now: number): Set<string> {
  const pending = new Set<string>()
  for (const invitation of org.invitations.values()) {
    if (invitation.status === 'AVAILABLE' && invitation.expirationTime > now) pending.add(invitation.username)
  }
  return pending
}

/** Members and pending invitees make the whole request a 409: nothing is created. */
function checkConflicts(plan: InvitationPlan, org: OrgState, emulator: EmulatorContext): void {
  const pending = pendingUsernames(org, emulator.now())
  const members: string[] = []
  const invited: string[] = []
  for (const username of plan.usernames) {
    const account = emulator.state.accountByEmail(username)
    if (account && org.members.has(account.userId)) members.push(username)
    else if (pending.has(username)) invited.push(username)
  }
  if (members.length + invited.length === 0) return
  const parts = [
    members.length > 0 ? `already members: ${members.join(', ')}` : '',
    invited.length > 0 ? `already invited: ${invited.join(', ')}` : '',
  ].filter((part) => part !== '')
  throw new ConflictError(`Users are ${parts.join('; ')}`, { cspErrorCode: 'invitation.conflict' })
}

/** The changes of an accepted invitation request. */
function invitationChanges(
  plan: InvitationPlan,
  org: OrgState,
  principal: Principal,
  emulator: EmulatorContext,
): Change[] {
  const { state } = emulator
  const now = emulator.now()
  const changes: Change[] = []
  const groups = new Map<string, GroupRecord>()
  // The caller is who invited; `invitedBy` in the body is not honoured, from an app either [I].
  const invitedBy = principal.username ?? principal.sub
  for (const username of plan.usernames) {
    const account = emulator.config.addExistingAccounts ? state.accountByEmail(username) : undefined
    if (account) {
      // An existing CSP account joins at once; no pending invitation is created (csp-api.md §4.4).
      changes.push(
        put('membership', {
          orgId: org.id,
          userId: account.userId,
          seq: state.nextSeq(),
          orgRoles: plan.orgRoles,
          serviceRoles: plan.serviceRoles,
          createdAt: now,
        }),
      )
      for (const groupId of plan.customGroupsIds) {
        const group = groups.get(groupId) ?? { ...org.groups.get(groupId)! }
        if (!group.memberIds.includes(account.userId)) group.memberIds = [...group.memberIds, account.userId]
        groups.set(groupId, group)
      }
      if (plan.notifyExistingUsers) {
        const subject = `You have been given access to ${org.record.displayName} on VMware Cloud Services`
        changes.push(
          put('mail', {
            seq: state.nextSeq(),
            to: username,
            subject,
            orgId: org.id,
            invitationId: null,
            sentAt: now,
          }),
        )
      }
      continue
    }
    const invitation: InvitationRecord = {
      id: randomUUID(),
      orgId: org.id,
      seq: state.nextSeq(),
      username,
      status: 'AVAILABLE',
      generatedAt: now,
      generatedBy: principal.claims.azp,
      invitedByUsername: invitedBy,
      expirationTime: now + plan.expirationDays * DAY,
      orgRoles: plan.orgRoles,
      serviceRoles: plan.serviceRoles,
      customGroupsIds: plan.customGroupsIds,
      redeemedAt: null,
      redeemedBy: null,
      revokedAt: null,
      revokedBy: null,
    }
    changes.push(put('invitation', invitation))
    if (plan.notifyNewUsers) {
      const subject = `You are invited to join ${org.record.displayName} on VMware Cloud Services`
      changes.push(
        put('mail', {
          seq: state.nextSeq(),
          to: username,
          subject,
          orgId: org.id,
          invitationId: invitation.id,
          sentAt: now,
        }),
      )
    }
  }
  for (const group of groups.values()) changes.push(put('group', group))
  return changes
}

function revoked(invitation: InvitationRecord, principal: Principal, now: number): Change {
  return put('invitation', { ...invitation, status: 'REVOKED', revokedAt: now, revokedBy: actor(principal) })
}

/** `?action=revoke`: revokes the AVAILABLE invitations of the given usernames; others are ignored [I]. */
async function revokeByUsernames(
  body: Record<string, unknown>,
  org: OrgState,
  principal: Principal,
  emulator: EmulatorContext,
): Promise<Reply> {
  const usernames = (body as Partial<RevokeInvitationsRequest>).usernames
  if (
    !Array.isArray(usernames) ||
    usernames.length === 0 ||
    !usernames.every((name) => typeof name === 'string')
  ) {
    throw new BadRequestError('Invalid request body: usernames is required')
  }
  const wanted = new Set(usernames.map((name) => name.trim().toLowerCase()))
  const now = emulator.now()
  const changes = [...org.invitations.values()]
    .filter((invitation) => invitation.status === 'AVAILABLE' && wanted.has(invitation.username))
    .map((invitation) => revoked(invitation, principal, now))
  await emulator.state.commit(changes)
  return { status: 202 }
}

/** `POST /csp/gateway/am/api/orgs/{orgId}/invitations[?action=revoke]` */
async function createInvitations(request: RequestContext, emulator: EmulatorContext): Promise<Reply> {
  const { principal, org } = orgScope(request, emulator)
  requireManager(principal)
  requireUserOnConsole(principal, emulator, 'invite users')
  const body = request.jsonObject()
  const action = request.query.get('action')
  if (action === 'revoke') return revokeByUsernames(body, org, principal, emulator)
  if (action !== null) throw new BadRequestError(`Unknown action: ${action}`)
  const plan = parseInvitationRequest(body, org)
  if (plan.orgRoles.includes('org_owner') && !principal.perms.has('csp:org_owner')) {
    // Admins manage members, not owners [I].
    throw new ForbiddenError('The user is forbidden to use the API: only an org_owner can grant org_owner')
  }
  checkConflicts(plan, org, emulator)
  await emulator.state.commit(invitationChanges(plan, org, principal, emulator))
  return { status: 202 }
}

/** `DELETE /csp/gateway/am/api/orgs/{orgId}/invitations/{invitationId}`: idempotent on REVOKED. */
async function revokeInvitation(request: RequestContext, emulator: EmulatorContext): Promise<Reply> {
  const { principal, org } = orgScope(request, emulator)
  requireManager(principal)
  const invitation = invitationOf(request, org)
  if (invitation.status === 'REDEEMED') throw new BadRequestError('The invitation has already been redeemed')
  if (invitation.status === 'AVAILABLE')
    await emulator.state.commit([revoked(invitation, principal, emulator.now())])
  return { status: 200 }
}

/** Invitation routes. */
export const invitationRoutes: Route[] = [
  { method: 'GET', path: `${AM}/orgs/{orgId}/invitations`, handle: listInvitations },
  { method: 'POST', path: `${AM}/orgs/{orgId}/invitations`, handle: createInvitations, write: true },
  { method: 'GET', path: `${AM}/orgs/{orgId}/invitations/{invitationId}`, handle: getInvitation },
  {
    method: 'DELETE',
    path: `${AM}/orgs/{orgId}/invitations/{invitationId}`,
    handle: revokeInvitation,
    write: true,
  },
]
