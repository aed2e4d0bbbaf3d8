// Remove-VcsUser: removes users from the organization (from the pipeline, by id or by e-mail), in
// CSP's batches of 20, reporting what happened to each user.
import {
  defineCmdlet,
  getProperty,
  recordSuccess,
  VcsError,
  withTypeName,
} from '../../../src/engine/index.js'
import { cspCall } from '../../../src/csp/connection.js'
import { LIMITS, usersPath } from '../../../src/csp/endpoints.js'
import { flatValues } from '../shared/lookups.js'
import type { VcsUserRemovalResult } from '../shared/model.js'
import { mapConcurrent } from '../../../src/csp/paging.js'
import { removeBatch, type RemovalTarget } from './remove-users.js'
import { findUsers } from '../shared/users.js'
import { vcsUserRemovalResultView } from '../shared/views.js'
import { serverParameter, throttleLimitParameter } from '../shared/parameters.js'
import { userEmails } from '../shared/completers.js'

export default defineCmdlet({
  name: 'Remove-VcsUser',
  synopsis: 'Removes users from the organization.',
  description:
    'Removes users given as objects (from Get-VcsUser), ids or e-mails, in batches of at most 20 as CSP requires. Pipeline input is collected first, so that removing users while listing them cannot make the list skip anyone. Users CSP refuses to remove (the last organization owner, someone not in the organization) are reported one by one as non-terminating errors. Nothing is output unless -PassThru is given. ConfirmImpact is High: the shell asks; scripts need -Confirm:$false or -Force.',
  output: 'VcsUserRemovalResult',
  views: { VcsUserRemovalResult: vcsUserRemovalResultView },
  requiresConnection: true,
  supportsShouldProcess: true,
  confirmImpact: 'High',
  parameterSets: { ByUser: { default: true }, ById: {}, ByEmail: {} },
  parameters: {
    user: {
      type: 'object[]',
      objectType: 'VcsUser',
      pipeline: 'byValue',
      mandatory: true,
      position: 0,
      sets: ['ByUser'],
      description: 'Users to remove (from Get-VcsUser).',
    },
    id: {
      type: 'string[]',
      mandatory: true,
      pipeline: 'byPropertyName',
      sets: ['ById'],
      aliases: ['UserId'],
      description: 'CSP user ids.',
    },
    email: {
      type: 'string[]',
      mandatory: true,
      // Plain e-mail lines (`cat emails.txt | vcs Remove-VcsUser`) bind here; objects by their Email.
      pipeline: 'both',
      sets: ['ByEmail'],
      completer: userEmails,
      description: 'E-mail addresses of the users; e-mail strings from the pipeline bind here.',
    },
    notifyUsers: { type: 'switch', description: 'Tells the users by e-mail.' },
    force: { type: 'switch', description: 'Removes without asking.' },
    passThru: { type: 'switch', description: 'Outputs one result per user (Removed or Failed).' },
    throttleLimit: throttleLimitParameter,
    server: serverParameter,
  },
  examples: [
    {
      title: 'Remove the users whose name starts with A, without asking',
      code: "Get-VcsUser -Name 'A*' | Remove-VcsUser -Confirm:$false",
      expect: { count: 0 },
    },
    {
      title: 'Preview a removal',
      code: "Get-VcsUser -Email '*@demo.example' | Remove-VcsUser -WhatIf",
      expect: { count: 0 },
    },
    {
      title: 'Remove the users listed in a CSV file (Email column)',
      code: 'Import-Csv leavers.csv | Remove-VcsUser -Force -PassThru',
      bindOnly: true,
    },
  ],
  async *stream(records, ctx) {
    let server: string | undefined
    let options = { notifyUsers: false, passThru: false, throttleLimit: 4 }
    const targets = new Map<string, RemovalTarget>()
    const emails = new Set<string>()
    for await (const args of records) {
      server ??= args.server
      options = {
        notifyUsers: !!args.notifyUsers,
        passThru: !!args.passThru,
        throttleLimit: args.throttleLimit ?? 4,
      }
      for (const user of flatValues(args.user)) {
        const id = String(getProperty(user, 'Id'))
        const email = getProperty(user, 'Email') as string | undefined
        targets.set(id, { id, email, label: email ? `${getProperty(user, 'Name') ?? email} <${email}>` : id })
      }
      for (const id of args.id ?? []) targets.set(id, { id, label: id })
      for (const email of args.email ?? []) emails.add(email.trim().toLowerCase())
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
        targets.set(item.user.userId, {
          id: item.user.userId,
          email: item.user.email,
          label: item.user.email,
        })
      }
      for (const email of emails) {
        if (!found.has(email)) {
          ctx.writeError(
            new VcsError('NotFound', `No user with the e-mail '${email}' is in the organization.`, {
              category: 'ObjectNotFound',
            }),
            email,
          )
        }
      }
    }
    const all = [...targets.values()]
    const batches: RemovalTarget[][] = []
    for (let i = 0; i < all.length; i += LIMITS.removeBatch)
      batches.push(all.slice(i, i + LIMITS.removeBatch))
    const progress = ctx.startProgress('Removing users', all.length)
    const path = usersPath(call.client)
    // Asked (or previewed) one batch at a time, before any is sent, so prompts never overlap.
    const approved: RemovalTarget[][] = []
    for (const batch of batches) {
      const body = { ids: batch.map((target) => target.id), notifyUsers: options.notifyUsers }
      const target =
        batch.length === 1
          ? batch[0].label
          : `${batch.length} users (${batch.map((t) => t.label).join(', ')})`
      if (await ctx.shouldProcess(target, 'Remove user', `DELETE ${path} ${JSON.stringify(body)}`))
        approved.push(batch)
    }
    const settled = mapConcurrent(approved, options.throttleLimit, (batch) =>
      removeBatch(call, batch, options.notifyUsers),
    )
    for await (const outcomes of settled) {
      for (const { target, error } of outcomes) {
        progress.tick(1, error ? 1 : 0)
        if (error) ctx.writeError(error, target.label)
        else recordSuccess(ctx.session)
        if (options.passThru) {
          yield withTypeName('VcsUserRemovalResult', {
            Id: target.id,
            Email: target.email ?? '',
            Result: error ? 'Failed' : 'Removed',
            Reason: error?.message ?? '',
          } satisfies VcsUserRemovalResult)
        }
      }
    }
    progress.finish()
  },
})

/** E-mails are literal: brackets and the like must not act as wildcards. */
function escapeWildcards(text: string): string {
  return text.replace(/[*?[\]`]/g, '`$&')
}
