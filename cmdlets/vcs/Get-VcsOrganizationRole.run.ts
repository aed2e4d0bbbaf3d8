// The code of Get-VcsOrganizationRole (declared in Get-VcsOrganizationRole.ts).
import {
  getProperty,
  implement,
  isRecord,
  UsageError,
  RemoteError,
  type CmdletContext,
} from '../../src/engine/index.js'
import { cspCall, type CspCall } from '../../src/csp/connection.js'
import { listOrganizationRoles } from '../../src/csp/endpoints.js'
import { findUsers, warnRolesHidden } from './shared/users.js'
import { flatValues, selectItems } from './shared/lookups.js'
import { toVcsOrganizationRole, uidScope } from './shared/model.js'
import type GetVcsOrganizationRole from './Get-VcsOrganizationRole.js'

export const getVcsOrganizationRole = implement<typeof GetVcsOrganizationRole>({
  async *stream(records, ctx) {
    let roles: Awaited<ReturnType<typeof listOrganizationRoles>> | undefined
    let call: CspCall | undefined
    for await (const args of records) {
      call ??= await cspCall(ctx, args.server)
      roles ??= await listOrganizationRoles(call.client, call)
      const held: string[] = []
      for (const user of flatValues(args.user)) {
        const userRoles = await rolesOf(call, user, ctx)
        if (userRoles) held.push(...userRoles)
      }
      const candidates = args.user ? roles.filter((role) => held.includes(role.name)) : roles
      for (const role of selectItems(
        candidates,
        'organization role',
        [
          // CSP identifies organization roles by name: the id is the name.
          { values: args.id, label: 'with id', fields: (r) => [r.name], wildcards: false },
          { values: args.name, label: 'named', fields: (r) => [r.name, r.displayName] },
        ],
        (error, target) => ctx.writeError(error, target),
        args.user !== undefined,
      )) {
        yield toVcsOrganizationRole(role, uidScope(call))
      }
    }
  },
})

/**
 * The organization roles a -User value holds: a user object's OrganizationRoles, or, for an e-mail
 * (a string, or an object with only an Email), the roles of the user CSP has with that e-mail.
 * Undefined (after an error or warning) when that cannot be told.
 */
async function rolesOf(call: CspCall, user: unknown, ctx: CmdletContext): Promise<string[] | undefined> {
  if (isRecord(user) && getProperty(user, 'OrganizationRoles') !== undefined)
    return flatValues(getProperty(user, 'OrganizationRoles')).map(String)
  const email = isRecord(user) ? getProperty(user, 'Email') : user
  if (typeof email !== 'string' || !email.includes('@'))
    throw new UsageError(
      'InvalidParameterValue',
      'Cannot bind -User: give users from Get-VcsUser or e-mail addresses.',
      { target: String(email ?? '') },
    )
  const wanted = email.trim().toLowerCase()
  for await (const item of findUsers(
    call,
    { email: [wanted.replace(/[*?[\]`]/g, '`$&')] },
    { concurrency: 1 },
  )) {
    if (item.user.email.toLowerCase() !== wanted) continue
    if (item.organizationRoles === undefined) {
      warnRolesHidden(ctx)
      return undefined
    }
    return item.organizationRoles.map((role) => role.name)
  }
  ctx.writeError(
    new RemoteError('NotFound', `No user with the e-mail '${wanted}' is in the organization.`, {
      category: 'ObjectNotFound',
      target: wanted,
    }),
    wanted,
  )
  return undefined
}
