// Get-VcsServiceRole: the roles of the organization's services, for invitations and filters; each
// role carries its service so that `Service:role` strings and role objects resolve unambiguously.
import { defineCmdlet, getProperty, isRecord, type VcsError } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import { flatValues, selectItems } from './shared/lookups.js'
import { toVcsServiceRole, uidScope } from './shared/model.js'
import { loadServices, type CatalogService } from './shared/services.js'
import { vcsServiceRoleView } from './shared/views.js'
import { notFoundHelp, serverParameter } from './shared/parameters.js'
import { serviceNames as serviceNameValues, serviceRoleNames } from './shared/completers.js'

const serviceNames = (service: CatalogService) => [service.serviceDefinitionId, service.displayName]

export default defineCmdlet({
  name: 'Get-VcsServiceRole',
  synopsis: 'Lists the roles of the organization’s services.',
  description: `Lists service roles, of every service or of the services given with -Service (from the pipeline too). The Name is what New-VcsUserInvitation -ServiceRole takes; the role objects themselves work as well. The roles come from CSP's service catalogue (/slc/api/definitions?expand, else each service's service-roles list); when CSP lets neither be read, a warning says so and no roles are listed. ${notFoundHelp('service role', '-Name, -Id or -Service')}`,
  output: 'VcsServiceRole',
  views: { VcsServiceRole: vcsServiceRoleView },
  requiresConnection: true,
  parameterSets: { ByName: { default: true }, ById: {} },
  parameters: {
    name: {
      type: 'string[]',
      position: 0,
      wildcards: true,
      sets: ['ByName'],
      completer: serviceRoleNames,
      description: 'Role names; wildcards allowed.',
    },
    service: {
      type: 'any[]',
      pipeline: 'byValue',
      sets: ['ByName'],
      completer: serviceNameValues,
      description: 'Services (objects from Get-VcsService, names or ids) whose roles to list.',
    },
    id: {
      type: 'string[]',
      mandatory: true,
      sets: ['ById'],
      description: 'Role ids (`<serviceId>/<role>`).',
    },
    server: serverParameter,
  },
  examples: [
    { title: 'Every service role', code: 'Get-VcsServiceRole', expect: { count: 12 } },
    {
      title: 'The roles of the VMware Cloud services',
      code: "Get-VcsServiceRole -Service (Get-VcsService -Name 'VMware Cloud*')",
      expect: { count: 5 },
    },
    {
      title: 'From the pipeline',
      code: "Get-VcsService -Name 'VMware Cloud*' | Get-VcsServiceRole",
      expect: { count: 5 },
    },
  ],
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
