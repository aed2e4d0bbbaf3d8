// The code of Get-VcsUser (declared in Get-VcsUser.ts).
import { implement } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import { toVcsUser, uidScope } from './shared/model.js'
import { NotFoundTracker } from './shared/lookups.js'
import {
  checkedRoleFilters,
  displayName,
  findUserPages,
  searchTexts,
  warnRolesHidden,
} from './shared/users.js'
import { hiddenRolesHandler, partialPageHandler } from './shared/partial.js'
import type { ExpandedTypedUser } from '../../src/wire/csp.js'
import type GetVcsUser from './Get-VcsUser.js'

export const getVcsUser = implement<typeof GetVcsUser>({
  async *process(args, ctx) {
    const call = await cspCall(ctx, args.server)
    const filter = {
      name: args.name,
      search: searchTexts(args.search),
      id: args.id,
      email: args.email,
      ...(await checkedRoleFilters(call, args, () => warnRolesHidden(ctx))),
    }
    const given = Object.values(filter).filter((value) => value !== undefined).length
    const notFound = new NotFoundTracker<ExpandedTypedUser>(
      'user',
      [
        { values: args.id, label: 'with id', fields: (item) => [item.user.userId], wildcards: false },
        { values: args.email, label: 'with e-mail', fields: (item) => [item.user.email] },
        { values: args.name, label: 'named', fields: (item) => [displayName(item)] },
      ],
      given > 1,
    )
    const scope = uidScope(call)
    for await (const page of findUserPages(call, filter, {
      concurrency: args.throttleLimit ?? 4,
      note: (message) => ctx.writeVerbose(message),
      onPartial: partialPageHandler(ctx, 'user'),
      onRolesHidden: hiddenRolesHandler(
        ctx,
        [args.organizationRole && '-OrganizationRole', args.serviceRole && '-ServiceRole']
          .filter(Boolean)
          .join(' and ') || undefined,
      ),
    })) {
      // Each record is let go of once it is out, so a whole page does not stay alive (and get copied
      // by every garbage collection of the young generation) while its last records are processed.
      const records: (ExpandedTypedUser | undefined)[] = page
      for (let index = 0; index < records.length; index++) {
        const item = records[index]!
        records[index] = undefined
        notFound.found(item)
        yield toVcsUser(item, scope)
      }
    }
    notFound.report((error, target) => ctx.writeError(error, target))
  },
})
