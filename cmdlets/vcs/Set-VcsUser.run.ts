// The code of Set-VcsUser (declared in Set-VcsUser.ts).
import { implement, UsageError } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import {
  applyRoleChanges,
  BASE_ROLES,
  collectTargets,
  noChange,
  type RoleArguments,
} from './shared/user-roles.js'
import type SetVcsUser from './Set-VcsUser.js'

const ALIASES: Record<string, (typeof BASE_ROLES)[number]> = {
  owner: 'org_owner',
  admin: 'org_admin',
  member: 'org_member',
  'organization owner': 'org_owner',
  'organization administrator': 'org_admin',
  'organization member': 'org_member',
}

export const setVcsUser = implement<typeof SetVcsUser>({
  async *stream(records, ctx) {
    const all: (RoleArguments & { organizationRole?: string })[] = []
    for await (const args of records) all.push(args)
    if (all.length === 0) return
    const wanted = String(all[0].organizationRole ?? '').trim()
    const role = ALIASES[wanted.toLowerCase()] ?? BASE_ROLES.find((name) => name === wanted.toLowerCase())
    if (!role) {
      throw new UsageError(
        'ValidationFailed',
        `Unknown base role '${wanted}'. Known values: Owner, Admin, Member (${BASE_ROLES.join(', ')}).`,
        { target: wanted },
      )
    }
    const call = await cspCall(ctx, all[0].server)
    const targets = await collectTargets(call, all, ctx)
    const changes = targets
      .filter((target) => !target.orgRoles.includes(role))
      .map((target) => ({
        ...noChange(target),
        add: [role],
        remove: BASE_ROLES.filter((name) => name !== role),
      }))
    for (const target of targets) {
      if (target.orgRoles.includes(role)) ctx.writeVerbose(`${target.email} already holds ${role}.`)
    }
    const results = await applyRoleChanges(call, changes, ctx)
    if (all[0].passThru) yield* results
  },
})
