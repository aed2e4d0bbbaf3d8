// The code of Get-VcsGroup (declared in Get-VcsGroup.ts).
import { implement } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import { listAllGroups, selectItems } from './shared/lookups.js'
import { partialPageHandler } from './shared/partial.js'
import { toVcsGroup, uidScope } from './shared/model.js'
import type GetVcsGroup from './Get-VcsGroup.js'

export const getVcsGroup = implement<typeof GetVcsGroup>({
  async *process(args, ctx) {
    const call = await cspCall(ctx, args.server)
    const groups = selectItems(
      await listAllGroups(call, partialPageHandler(ctx, 'group')),
      'group',
      [
        { values: args.id, label: 'with id', fields: (g) => [g.id], wildcards: false },
        { values: args.name, label: 'named', fields: (g) => [g.displayName] },
      ],
      (error, target) => ctx.writeError(error, target),
    )
    for (const group of groups) yield toVcsGroup(group, uidScope(call))
  },
})
