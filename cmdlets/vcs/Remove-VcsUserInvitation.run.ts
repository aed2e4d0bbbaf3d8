// The code of Remove-VcsUserInvitation (declared in Remove-VcsUserInvitation.ts).
import { implement, recordFate, recordSuccess } from '../../src/engine/index.js'
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
import type RemoveVcsUserInvitation from './Remove-VcsUserInvitation.js'

export const removeVcsUserInvitation = implement<typeof RemoveVcsUserInvitation>({
  async *stream(records, ctx) {
    let call: CspCall | undefined
    const cache: { list?: Promise<UserOrganizationInvitationResponse[]> } = {}
    // Targets confirmed for a batched revoke by username, sent BATCH at a time, up to IN_FLIGHT
    // batches at once (the client paces them to the rate limit); results are yielded in order.
    let batch: Target[] = []
    const sending: Array<Promise<Target[]>> = []
    /** Lower-cased username → refLinks of its AVAILABLE invitations in the list, built once. */
    let availableByName: Promise<Map<string, string[]>> | undefined
    /** -WhatIf: the usernames a batched revoke would carry, and the invitations revoked by id. */
    const preview = { byName: [] as string[], byId: 0 }
    try {
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
              sending.push(flush(call, batch))
              batch = []
              if (sending.length >= IN_FLIGHT) yield* passThru(await sending.shift()!)
            }
          } else if (how === 'one' && (await revokeOne(call, invitation)) && args.passThru) {
            yield revokedView(invitation, call)
          }
        }
      }
      if (call && batch.length > 0) sending.push(flush(call, batch))
      while (sending.length > 0) yield* passThru(await sending.shift()!)
      if (call && ctx.whatIf) previewRevokes(call)
    } finally {
      // Stopped early (Ctrl+C, a consumer that has enough): batches already sent are still recorded
      // (their fate counted) before the run ends.
      await Promise.allSettled(sending)
    }

    function* passThru(targets: Target[]) {
      for (const target of targets) if (target.passThru) yield revokedView(target.invitation, call!)
    }

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
      const target = `${invitation.username} (${id})`
      if (ctx.whatIf) {
        // One readable line per invitation, as ShouldProcess prints per target; the requests are
        // counted for the closing line (previewRevokes), and -Verbose shows them.
        ctx.host.writeWhatIf(`What if: Revoking invitation "${target}"`)
        await ctx.host.drained?.()
        if (byName) preview.byName.push(invitation.username)
        else {
          preview.byId++
          ctx.writeVerbose(action)
        }
        return 'skip'
      }
      if (!(await ctx.shouldProcess(target, 'Revoke invitation', action))) return 'skip'
      return byName ? 'batch' : 'one'
    }

    /** -WhatIf's closing line: how many invitations, in how many requests of which kind. */
    function previewRevokes(call: CspCall): void {
      const posts = Math.ceil(preview.byName.length / BATCH)
      for (let i = 0; i < preview.byName.length; i += BATCH)
        ctx.writeVerbose(
          `POST ${invitationsPath(call.client)}?action=revoke ${JSON.stringify({ usernames: preview.byName.slice(i, i + BATCH) })}`,
        )
      const count = preview.byName.length + preview.byId
      if (count === 0) return
      const kinds = [
        ...(posts > 0
          ? [`${posts} POST ${invitationsPath(call.client)}?action=revoke, at most ${BATCH} e-mails each`]
          : []),
        ...(preview.byId > 0 ? [`${preview.byId} DELETE ${invitationsPath(call.client)}/{id}`] : []),
      ]
      ctx.host.writeWhatIf(
        `What if: ${count} invitation(s) would be revoked in ${posts + preview.byId} request(s) (${kinds.join('; ')}).`,
      )
    }

    async function onlyAvailable(invitation: UserOrganizationInvitationResponse): Promise<boolean> {
      const list = cache.list
      if (!list) return false
      availableByName ??= list.then((all) => {
        const byName = new Map<string, string[]>()
        for (const other of all) {
          if (other.status !== 'AVAILABLE') continue
          const key = String(other.username ?? '').toLowerCase()
          const links = byName.get(key)
          if (links) links.push(other.refLink)
          else byName.set(key, [other.refLink])
        }
        return byName
      })
      const available = (await availableByName).get(invitation.username.toLowerCase()) ?? []
      return available.length === 1 && available[0] === invitation.refLink
    }

    /** Sends one batch; resolves to the targets revoked (none when CSP refused the batch). */
    async function flush(call: CspCall, targets: Target[]): Promise<Target[]> {
      try {
        await revokeInvitationsByUsername(
          call.client,
          targets.map((target) => target.invitation.username),
          call,
        )
      } catch (error) {
        // Never rejects: a batch waiting its turn in `sending` must not be an unhandled rejection.
        if (ctx.signal.aborted) recordFate(ctx.session, 'unknown', targets.length)
        else recordFate(ctx.session, 'failed', targets.length)
        for (const target of targets) ctx.writeError(error, target.invitation.username)
        return []
      }
      recordSuccess(ctx.session, targets.length)
      recordFate(ctx.session, 'revoked', targets.length)
      return targets
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
/** Revoke batches in flight at once. */
const IN_FLIGHT = 4

function revokedView(invitation: UserOrganizationInvitationResponse, call: CspCall) {
  return toVcsUserInvitation({ ...invitation, status: 'REVOKED', revokedAt: Date.now() }, uidScope(call))
}
