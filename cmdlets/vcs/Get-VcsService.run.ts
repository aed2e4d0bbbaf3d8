// The code of Get-VcsService (declared in Get-VcsService.ts).
import { implement } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import { selectItems } from './shared/lookups.js'
import { toVcsService, uidScope } from './shared/model.js'
import { loadServices } from './shared/services.js'
import type GetVcsService from './Get-VcsService.js'

export const getVcsService = implement<typeof GetVcsService>({
  async *process(args, ctx) {
    const call = await cspCall(ctx, args.server)
    const catalog = await loadServices(call, {
      withRoles: true,
      warn: (message) => ctx.writeWarning(message),
    })
    const services = selectItems(
      catalog.services,
      'service',
      [
        { values: args.id, label: 'with id', fields: (s) => [s.serviceDefinitionId], wildcards: false },
        { values: args.name, label: 'named', fields: (s) => [s.displayName] },
      ],
      (error, target) => ctx.writeError(error, target),
    )
    for (const service of services) yield toVcsService(service, uidScope(call))
  },
})
