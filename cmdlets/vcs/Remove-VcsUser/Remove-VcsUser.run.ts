// The code of Remove-VcsUser (declared in Remove-VcsUser.ts).
import {
  implement,
  InterruptedError,
  recordFate,
  recordSuccess,
  RemoteError,
  UsageError,
  VcsError,
  withTypeName,
  type CmdletContext,
} from '../../../src/engine/index.js'
import { drainSignal, drainTime } from '../shared/drain.js'
import {
  bindId,
  bindUserValue,
  connectedIdentity,
  isConnectedUser,
  lastOwners,
  lockoutError,
  type BoundTarget,
} from './targets.js'
import { cspCall } from '../../../src/csp/connection.js'
import { LIMITS, usersPath } from '../../../src/csp/endpoints.js'
import { flatValues } from '../shared/lookups.js'
import type { VcsUserRemovalResult } from '../shared/model.js'
import { mapConcurrent } from '../../../src/csp/paging.js'
import { removeBatch } from './remove-users.js'
import { findUsers } from '../shared/users.js'
import type RemoveVcsUser from './Remove-VcsUser.js'

export const removeVcsUser = implement<typeof RemoveVcsUser>({
  async *stream(records, ctx) {
    let server: string | undefined
    let options = { notifyUsers: false, passThru: false, throttleLimit: 4, force: false }
    const targets = new Map<string, BoundTarget>()
    const emails = new Set<string>()
    // Everything is bound before the first request: a value that names no user is a usage error
    // with nothing sent.
    for await (const args of records) {
      server ??= args.server
      options = {
        notifyUsers: !!args.notifyUsers,
        passThru: !!args.passThru,
        throttleLimit: args.throttleLimit ?? 4,
        force: !!args.force,
      }
      for (const name of ['user', 'id', 'email'] as const) {
        // `--user ''` arrives as an empty list: given, naming nobody (PowerShell refuses an empty
        // array for a mandatory parameter too).
        if (ctx.boundParameters.has(name) && flatValues(args[name]).length === 0)
          throw new UsageError('InvalidParameterValue', `Cannot bind -${pascal(name)} to an empty value.`)
      }
      for (const user of flatValues(args.user)) {
        const bound = bindUserValue(user)
        if (bound.target) targets.set(bound.target.id, bound.target)
        if (bound.email) emails.add(bound.email)
      }
      for (const id of flatValues(args.id)) {
        const target = bindId(id)
        targets.set(target.id, target)
      }
      for (const email of flatValues(args.email)) {
        const text = String(email).trim().toLowerCase()
        if (text === '')
          throw new UsageError('InvalidParameterValue', 'Cannot bind -Email to an empty value.')
        emails.add(text)
      }
    }
    const call = await cspCall(ctx, server)
    if (emails.size > 0) {
      const found = new Set<string>()
      // A few e-mails: CSP's search each; many: one pass over the user list.
      const filter = emails.size <= 10 ? { email: [...emails].map(escapeWildcards) } : {}
      for await (const item of findUsers(call, filter, { concurrency: options.throttleLimit })) {
        const email = item.user.email.toLowerCase()
        if (!emails.has(email)) continue
        found.add(email)
        const name = [item.user.firstName, item.user.lastName].filter(Boolean).join(' ')
        targets.set(item.user.userId, {
          id: item.user.userId,
          email: item.user.email,
          label: name ? `${name} <${item.user.email}>` : item.user.email,
          roles: item.organizationRoles?.map((role) => role.name),
        })
      }
      for (const email of emails) {
        if (!found.has(email)) {
          ctx.writeError(
            new RemoteError('NotFound', `No user with the e-mail '${email}' is in the organization.`, {
              category: 'ObjectNotFound',
            }),
            email,
          )
        }
      }
    }
    let all = [...targets.values()]
    // No self-lockout: the connected user and the last owners are removed only with -Force.
    const refused = new Map<string, VcsError>()
    if (!options.force && all.length > 0) {
      const me = await connectedIdentity(call)
      for (const target of all)
        if (isConnectedUser(target, me)) refused.set(target.id, lockoutError(target, 'self'))
      const others = all.filter((target) => !refused.has(target.id))
      for (const target of await lastOwners(call, others))
        refused.set(target.id, lockoutError(target, 'lastOwner'))
      all = others.filter((target) => !refused.has(target.id))
    }
    for (const [id, error] of refused) {
      const target = targets.get(id)!
      // A dry run says what it would not do; a real run reports it as this user's error.
      if (ctx.whatIf) {
        ctx.host.writeWhatIf(`What if: ${error.message}`)
        continue
      }
      ctx.writeError(error, target.label)
      recordFate(ctx.session, 'failed')
      if (options.passThru) yield removalResult(target, error)
    }
    const path = usersPath(call.client)
    if (ctx.whatIf) {
      previewRemoval(ctx, all, path, options.notifyUsers)
      return
    }
    // Asked one user at a time, before any is sent (Y, A, N, L as in PowerShell): batching is ours.
    const approved: BoundTarget[] = []
    for (const target of all) if (await ctx.shouldProcess(target.label, 'Remove user')) approved.push(target)
    const batches: BoundTarget[][] = []
    for (let i = 0; i < approved.length; i += LIMITS.removeBatch)
      batches.push(approved.slice(i, i + LIMITS.removeBatch))
    const progress = ctx.startProgress('Removing users', approved.length)
    // Stopped mid-run: batches in flight get their answer (bounded), batches not started are not sent.
    const drain = drainSignal(ctx.signal, drainTime(), ctx.session)
    const draining = { ...call, signal: drain.signal }
    let decided = 0
    try {
      const settled = mapConcurrent(batches, options.throttleLimit, async (batch) => {
        if (ctx.signal.aborted) return []
        try {
          return await removeBatch(draining, batch, options.notifyUsers)
        } catch (error) {
          if (!(error instanceof InterruptedError)) throw error
          // No answer within the drain: CSP may or may not have removed them.
          recordFate(ctx.session, 'unknown', batch.length)
          decided += batch.length
          return []
        }
      })
      for await (const outcomes of settled) {
        // One tick per acknowledged batch: the bar moves when CSP answers.
        progress.tick(outcomes.length, outcomes.filter((outcome) => outcome.error).length)
        for (const { target, error } of outcomes) {
          decided++
          recordFate(ctx.session, error ? 'failed' : 'removed')
          if (error) ctx.writeError(error, target.label)
          else recordSuccess(ctx.session)
          if (options.passThru) yield removalResult(target, error)
        }
      }
    } finally {
      drain.dispose()
      recordFate(ctx.session, 'notAttempted', approved.length - decided)
    }
    ctx.throwIfAborted()
    progress.finish()
  },
})

function pascal(name: string): string {
  return name[0].toUpperCase() + name.slice(1)
}

function removalResult(target: BoundTarget, error?: VcsError): VcsUserRemovalResult {
  return withTypeName('VcsUserRemovalResult', {
    Id: target.id,
    Email: target.email ?? '',
    Result: error ? 'Failed' : 'Removed',
    Reason: error?.message ?? '',
  } satisfies VcsUserRemovalResult)
}

/**
 * -WhatIf: one line per user, as PowerShell's ShouldProcess(description, warning, caption) prints
 * its description, then one line with the requests it would take; -Verbose shows each request.
 */
function previewRemoval(
  ctx: CmdletContext,
  targets: readonly BoundTarget[],
  path: string,
  notifyUsers: boolean,
): void {
  for (const target of targets) ctx.host.writeWhatIf(`What if: Removing user "${target.label}"`)
  for (let i = 0; i < targets.length; i += LIMITS.removeBatch) {
    const ids = targets.slice(i, i + LIMITS.removeBatch).map((target) => target.id)
    ctx.writeVerbose(`DELETE ${path} ${JSON.stringify({ ids, notifyUsers })}`)
  }
  // The closing line last, after the requests -Verbose shows, as the invitation cmdlets do.
  const requests = Math.ceil(targets.length / LIMITS.removeBatch)
  ctx.host.writeWhatIf(
    `What if: ${targets.length} user(s) would be removed in ${requests} request(s) (DELETE ${path}, at most ${LIMITS.removeBatch} ids each).`,
  )
}

/** E-mails are literal: brackets and the like must not act as wildcards. */
function escapeWildcards(text: string): string {
  return text.replace(/[*?[\]`]/g, '`$&')
}
