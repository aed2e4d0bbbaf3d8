// The code of Get-VcsServiceRole (declared in Get-VcsServiceRole.ts).
import { getProperty, implement, isRecord, type VcsError } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import { flatValues, selectItems } from './shared/lookups.js'
import { toVcsServiceRole, uidScope } from './shared/model.js'
import { loadServices, type CatalogService } from './shared/services.js'
import type GetVcsServiceRole from './Get-VcsServiceRole.js'

const serviceNames = (service: CatalogService) => [service.serviceDefinitionId, service.displayName]

export const getVcsServiceRole = implement<typeof GetVcsServiceRole>({
  async *stream(records, ctx) {
    let services: CatalogService[] | undefined
    let scope = ''
    for await (const args of records) {
      if (!services) {
        const call = await cspCall(ctx, args.server)
        scope = uidScope(call)
        const catalog = await loadServices(call, {
          withRoles: true,
          warn: (message) => ctx.writeWarning(message),
        })
        services = catalog.services
      }
      const report = (error: VcsError, target: string) => ctx.writeError(error, target)
      let selected = services
      if (args.service) {
        const values = flatValues(args.service)
        const ids = values.filter(isRecord).map((value) => String(getProperty(value, 'Id')).toLowerCase())
        const names = values.filter((value) => !isRecord(value)).map(String)
        // Service names or ids given as text must each name a service; objects carry their id.
        const named = [
          ...selectItems(
            services,
            'service',
            [{ values: names, label: 'named', fields: serviceNames, wildcards: false }],
            report,
          ),
        ]
        selected = services.filter(
          (s) => ids.includes(s.serviceDefinitionId.toLowerCase()) || (names.length > 0 && named.includes(s)),
        )
      }
      const roles = selected.flatMap((service) =>
        (service.roles ?? []).map((role) => toVcsServiceRole(service, role, scope)),
      )
      yield* selectItems(
        roles,
        'service role',
        [
          { values: args.id, label: 'with id', fields: (r) => [r.Id], wildcards: false },
          { values: args.name, label: 'named', fields: (r) => [r.Name, r.DisplayName] },
        ],
        report,
        args.service !== undefined,
      )
    }
  },
})
