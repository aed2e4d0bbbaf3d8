// The code of Send-VcsUserInvitation (declared in Send-VcsUserInvitation.ts).
import {
  implement,
  InterruptedError,
  recordFate,
  RemoteError,
  toVcsError,
  type CmdletContext,
  type LedgerFate,
  VcsError,
} from '../../src/engine/index.js'
import { cspCall, type CspCall } from '../../src/csp/connection.js'
import {
  getInvitation,
  invitationsPath,
  LIMITS,
  listInvitations,
  revokeInvitation,
} from '../../src/csp/endpoints.js'
import { drainSignal, drainTime } from './shared/drain.js'
import { OrgState, Reconciler, sendBatch, type InviteBatch, type SentEmail } from './shared/invite-job.js'
import { resolveInvitations } from './shared/invitations.js'
import {
  invitationId,
  invitationStatus,
  toVcsUserInvitation,
  uidScope,
  type VcsInvitationStatus as InvitationStatus,
  type VcsUserInvitation,
} from './shared/model.js'
import { mapConcurrent } from '../../src/csp/paging.js'
import type {
  UserOrganizationInvitationResponse,
  UsersOrganizationInvitationRequest,
} from '../../src/wire/csp.js'
import type SendVcsUserInvitation from './Send-VcsUserInvitation.js'

export const sendVcsUserInvitation = implement<typeof SendVcsUserInvitation>({
  async *stream(records, ctx) {
    let call: CspCall | undefined
    const cache = {}
    const chosen: Resend[] = []
    /** -WhatIf: what would be resent, for the closing line's request count. */
    const previewed: Resend[] = []
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
        if (ctx.whatIf) {
          // One readable line per person, as ShouldProcess prints per target; the requests under
          // -Verbose, and a closing line with their count.
          ctx.host.writeWhatIf(`What if: Resending invitation "${invitation.username}"`)
          ctx.writeVerbose(detail)
          previewed.push({ invitation, request })
          continue
        }
        if (await ctx.shouldProcess(invitation.username, 'Resend invitation', detail))
          chosen.push({ invitation, request })
      }
    }
    if (call && previewed.length > 0) {
      const posts = batchesOf(previewed).length
      ctx.host.writeWhatIf(
        `What if: ${previewed.length} invitation(s) would be sent again in ${previewed.length + posts} request(s) (${previewed.length} DELETE ${invitationsPath(call.client)}/{id}, then ${posts} POST ${invitationsPath(call.client)}, the same roles together, at most ${LIMITS.inviteBatch} e-mails each).`,
      )
    }
    if (!call || chosen.length === 0) return
    yield* resendAll(ctx, call, chosen)
  },
})

/** An invitation to send again, and the request that re-creates it. */
interface Resend {
  invitation: UserOrganizationInvitationResponse
  request: UsersOrganizationInvitationRequest
}

/** How the old invitation's revoke ended: done, or not (with what the invitation now says, if known). */
type Revoke = { revoked: true } | { revoked: false; status?: InvitationStatus; error: VcsError }

/**
 * Resends in bulk, recording every person's fate in the ledger. CSP does not document creating an
 * invitation for an e-mail that has a pending one (csp-api.md §4.4 lists only a 409 "conflict" for
 * the POST, and the emulator refuses it), so the new invitation cannot come first: every old one
 * is revoked (a few at a time), then the e-mails are invited again in batches of identical roles
 * through the engine of New-VcsUserInvitation (unknown outcomes checked, 409s set aside). Each half
 * is retried when it fails (the client re-sends a revoke, and a revoke that failed is looked up; the
 * e-mails of a failed invitation batch get a second round); whoever is still not resent is reported on their own, with the
 * state they are left in and the command that finishes the job. Once revoked, a person's new
 * invitation is sent even when the run is stopped (within the drain time): a stop does not leave
 * people with no invitation at all.
 */
async function* resendAll(
  ctx: CmdletContext,
  call: CspCall,
  resends: Resend[],
): AsyncGenerator<VcsUserInvitation> {
  const drain = drainSignal(ctx.signal, drainTime(), ctx.session)
  const draining: CspCall = { ...call, signal: drain.signal }
  const progress = ctx.startProgress('Resending invitations', resends.length)
  /** People (lower-cased e-mail) whose fate is not recorded yet, after their revoke started. */
  const open = new Map<string, Resend>()
  let started = 0
  // Output after every fate is recorded: a stopped run's consumer stops pulling at the first yield.
  const created: VcsUserInvitation[] = []
  const settle = (
    resend: Resend,
    fate: LedgerFate,
    problem?: { state: string; finish: string; cause?: unknown },
  ) => {
    open.delete(resend.invitation.username.toLowerCase())
    recordFate(ctx.session, fate)
    progress.tick(1, problem && fate !== 'skipped' ? 1 : 0)
    if (!problem) return
    const email = resend.invitation.username
    const message = `${email}: ${problem.state}. To finish: ${problem.finish}`
    if (fate === 'skipped') ctx.writeWarning(message)
    else
      ctx.writeError(
        new RemoteError('ServerError', message, {
          cause: problem.cause,
          category: 'InvalidResult',
          target: email,
        }),
        email,
      )
  }
  try {
    const revoked: Resend[] = []
    for await (const outcome of mapConcurrent(resends, 4, async (resend) => {
      // Stopped: a person whose revoke has not started keeps the old invitation, untouched.
      if (ctx.signal.aborted) return undefined
      started++
      open.set(resend.invitation.username.toLowerCase(), resend)
      return { resend, revoke: await revokeOld(draining, resend.invitation) }
    })) {
      if (!outcome) continue
      const { resend, revoke } = outcome
      if (revoke.revoked) {
        recordFate(ctx.session, 'revoked')
        revoked.push(resend)
      } else settle(resend, ...notRevoked(resend, revoke))
    }
    // The second half runs even when the run was stopped: these people have no invitation now.
    for await (const again of inviteAgain(draining, revoked)) {
      const { resend } = again
      const id = invitationId(resend.invitation)
      const gone = `the old invitation (${id}) was revoked`
      if ('invitation' in again) {
        settle(resend, 'invited')
        created.push(toVcsUserInvitation(again.invitation, uidScope(call)))
      } else if ('accepted' in again) {
        settle(resend, 'invited')
        ctx.writeWarning(
          `${resend.invitation.username}: CSP accepted the new invitation (202); its id could not be looked up.`,
        )
      } else if ('added' in again) {
        settle(resend, 'added')
        ctx.writeWarning(
          `${resend.invitation.username}: CSP added the existing account to the organization directly; no new invitation was needed.`,
        )
      } else if ('skipped' in again) {
        settle(resend, 'skipped', {
          state: `${gone}; ${again.skipped}, so no new invitation was sent`,
          finish: 'nothing (check with Get-VcsUser or Get-VcsUserInvitation)',
        })
      } else if ('unknown' in again) {
        settle(resend, 'unknown', {
          state: `${gone}; whether the new one was created is unknown (${again.unknown.message})`,
          finish: `check with Get-VcsUserInvitation -Email ${quote(resend.invitation.username)} -Status Available; if none is listed, ${inviteCommand(resend)}`,
          cause: again.unknown,
        })
      } else {
        settle(resend, 'failed', {
          state: `${gone} and no new one was created (${rootMessage(again.error)})`,
          finish: inviteCommand(resend),
          cause: again.error,
        })
      }
    }
  } finally {
    drain.dispose()
    // Revoked, then the run ended before the new invitation's fate was known (the drain ran out).
    for (const resend of [...open.values()])
      settle(resend, 'unknown', {
        state: `the old invitation (${invitationId(resend.invitation)}) was revoked; the run ended before the new one was sent or confirmed`,
        finish: `check with Get-VcsUserInvitation -Email ${quote(resend.invitation.username)} -Status Available; if none is listed, ${inviteCommand(resend)}`,
      })
    recordFate(ctx.session, 'notAttempted', resends.length - started)
  }
  yield* created
  ctx.throwIfAborted()
  progress.finish()
}

/** The ledger fate and the words for a person whose old invitation was not revoked. */
function notRevoked(
  resend: Resend,
  revoke: Extract<Revoke, { revoked: false }>,
): [LedgerFate, { state: string; finish: string; cause?: unknown }] {
  const id = invitationId(resend.invitation)
  const reason = rootMessage(revoke.error)
  const email = resend.invitation.username
  if (revoke.status === 'Redeemed')
    return ['skipped', { state: `the invitation (${id}) was redeemed meanwhile`, finish: 'nothing' }]
  if (revoke.status === undefined)
    return [
      'unknown',
      {
        state: `whether the old invitation (${id}) was revoked is unknown (${reason}); no new one was sent`,
        finish: `check with Get-VcsUserInvitation -Email ${quote(email)}; if it is still pending or expired, Send-VcsUserInvitation -Id ${quote(id)}; if it is revoked, ${inviteCommand(resend)}`,
        cause: revoke.error,
      },
    ]
  const now = revoke.status === 'Available' ? 'still pending' : `still ${revoke.status.toLowerCase()}`
  return [
    'failed',
    {
      state: `the old invitation (${id}) could not be revoked and is ${now}; no new one was sent (${reason})`,
      finish: `Send-VcsUserInvitation -Id ${quote(id)}`,
      cause: revoke.error,
    },
  ]
}

/**
 * Revokes one old invitation. The client already re-sends a DELETE after a fault (it is idempotent);
 * when it still fails, the invitation is read to see whether the revoke landed after all.
 */
async function revokeOld(call: CspCall, invitation: UserOrganizationInvitationResponse): Promise<Revoke> {
  const id = invitationId(invitation)
  let error: VcsError
  try {
    await revokeInvitation(call.client, id, call)
    return { revoked: true }
  } catch (caught) {
    error = toVcsError(caught)
    if (caught instanceof InterruptedError) return { revoked: false, error }
  }
  try {
    const now = await getInvitation(call.client, id, call)
    return now.status === 'REVOKED'
      ? { revoked: true }
      : { revoked: false, status: invitationStatus(now), error }
  } catch {
    return { revoked: false, error }
  }
}

/** One e-mail's answer; `interrupted`: its request was sent and the run stopped before an answer. */
type Sent = SentEmail & { interrupted?: boolean }

/** What became of one revoked person's new invitation. */
type Again = { resend: Resend } & (
  | { invitation: UserOrganizationInvitationResponse }
  | { accepted: true }
  | { added: true }
  | { skipped: string }
  | { unknown: VcsError }
  | { error: VcsError }
)

/**
 * Invites the revoked e-mails again: batches of identical roles, each e-mail that failed tried in
 * one more round; then one listing finds the new invitations (looked at twice when it fails).
 */
async function* inviteAgain(call: CspCall, revoked: readonly Resend[]): AsyncGenerator<Again> {
  if (revoked.length === 0) return
  const byEmail = new Map(revoked.map((resend) => [resend.invitation.username.toLowerCase(), resend]))
  const of = (email: string) => byEmail.get(email.toLowerCase())!
  const state = new OrgState()
  // Only a help for telling our own earlier attempt from a conflict: sendBatch lists again on a 409.
  state.addInvitations(await listInvitations(call.client, call).catch(() => []), false)
  /** E-mails CSP acknowledged (202), and those sent without an answer. */
  const acknowledged = new Set<string>()
  const unanswered = new Map<string, VcsError>()
  let todo = [...revoked]
  let failures = new Map<string, VcsError>()
  for (let round = 1; round <= 2 && todo.length > 0 && !call.signal.aborted; round++) {
    const retry: Resend[] = []
    failures = new Map()
    for await (const results of mapConcurrent(batchesOf(todo), 4, (batch): Promise<Sent[]> =>
      sendBatch(call, state, batch).catch((error: unknown): Sent[] =>
        batch.emails.map((email) => ({
          email,
          failure: toVcsError(error),
          interrupted: error instanceof InterruptedError,
        })),
      ),
    )) {
      for (const result of results) {
        const key = result.email.toLowerCase()
        if (result.interrupted && result.failure) unanswered.set(key, result.failure)
        else if (result.failure) {
          failures.set(key, result.failure)
          retry.push(of(result.email))
        } else if (result.skipped) yield { resend: of(result.email), skipped: `${result.skipped.reason}` }
        else acknowledged.add(key)
      }
    }
    todo = retry
  }
  for (const [key, error] of failures) yield { resend: byEmail.get(key)!, error }
  const reconciler = new Reconciler(call, state)
  reconciler.add([...acknowledged, ...unanswered.keys()].map((key) => byEmail.get(key)!.invitation.username))
  let found: Awaited<ReturnType<Reconciler['run']>> | undefined
  for (let attempt = 1; attempt <= 2 && !found && !call.signal.aborted; attempt++)
    found = await reconciler.run().catch(() => undefined)
  if (!found) {
    // Not looked up: CSP's 202 is its word that the invitation exists; no answer is unknown.
    for (const key of acknowledged) yield { resend: byEmail.get(key)!, accepted: true }
    for (const [key, error] of unanswered) yield { resend: byEmail.get(key)!, unknown: error }
    return
  }
  for (const [email, invitation] of found.invited) yield { resend: of(email), invitation }
  for (const email of found.addedDirectly.keys()) yield { resend: of(email), added: true }
  for (const email of found.missing) {
    const key = email.toLowerCase()
    const error =
      unanswered.get(key) ??
      new RemoteError('ServerError', 'CSP accepted the request but lists no new invitation')
    yield { resend: of(email), error }
  }
}

/** The revoked e-mails in batches of identical roles, at most LIMITS.inviteBatch each. */
function batchesOf(resends: readonly Resend[]): InviteBatch[] {
  const batches = new Map<string, InviteBatch>()
  for (const resend of resends) {
    const { usernames, ...request } = resend.request
    const key = JSON.stringify(request)
    const batch = batches.get(key) ?? { emails: [], request: { ...request, usernames: [] } }
    batch.emails.push(...usernames)
    batches.set(key, batch)
  }
  return [...batches.values()].flatMap((batch) =>
    Array.from({ length: Math.ceil(batch.emails.length / LIMITS.inviteBatch) }, (_, i) => ({
      ...batch,
      emails: batch.emails.slice(i * LIMITS.inviteBatch, (i + 1) * LIMITS.inviteBatch),
    })),
  )
}

/** The innermost message of an error (an unknown outcome wraps the answer that made it unknown). */
function rootMessage(error: VcsError): string {
  let current = error
  // Only our own errors: a system error's text (fetch's "fetch failed") is not for users.
  while (current.cause instanceof VcsError) current = current.cause
  return current.message.replace(/\.$/, '')
}

/** A PowerShell single-quoted string. */
function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`
}

/** The New-VcsUserInvitation command that gives a person what their old invitation granted. */
function inviteCommand(resend: Resend): string {
  const { request } = resend
  const parts = ['New-VcsUserInvitation', '-Email', quote(resend.invitation.username)]
  const roles = (request.organizationRoles ?? []).map((role) => role.name)
  if (roles.length > 0) parts.push('-OrganizationRole', roles.map(quote).join(','))
  const serviceRoles = (request.serviceRolesDtos ?? []).flatMap((dto) => {
    const service = dto.serviceDefinitionLink.split('/').pop() ?? ''
    return (dto.serviceRoleNames ?? []).map((name) => quote(`${service}:${name}`))
  })
  if (serviceRoles.length > 0) parts.push('-ServiceRole', serviceRoles.join(','))
  if (request.customGroupsIds?.length) parts.push('-Group', request.customGroupsIds.map(quote).join(','))
  if (request.invitationExpirationInDays !== undefined)
    parts.push('-ExpiresInDays', String(request.invitationExpirationInDays))
  return parts.join(' ')
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
