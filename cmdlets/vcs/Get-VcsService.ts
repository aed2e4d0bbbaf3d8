// Get-VcsService: the services (VMware Cloud on AWS, ...) of the organization, whose roles can be
// granted with invitations.
import { defineCmdlet } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import { selectItems } from './shared/lookups.js'
import { toVcsService, uidScope } from './shared/model.js'
import { loadServices } from './shared/services.js'
import { vcsServiceView } from './shared/views.js'
import { notFoundHelp, serverParameter } from './shared/parameters.js'
import { serviceNames } from './shared/completers.js'

export default defineCmdlet({
  name: 'Get-VcsService',
  synopsis: 'Lists the services of the organization.',
  description: `Lists the services of the connected organization with their roles and descriptions, read from CSP's service catalogue; when CSP lets the catalogue not be read, a warning says so and Roles is empty (null), meaning unknown. Pipe a service to Get-VcsServiceRole to list its roles. ${notFoundHelp('service', '-Name or -Id')}`,
  output: 'VcsService',
  views: { VcsService: vcsServiceView },
  requiresConnection: true,
  parameterSets: { ByName: { default: true }, ById: {} },
  parameters: {
    name: {
      type: 'string[]',
      position: 0,
      wildcards: true,
      sets: ['ByName'],
      completer: serviceNames,
      description: 'Service names (display names); wildcards allowed.',
    },
    id: { type: 'string[]', mandatory: true, sets: ['ById'], description: 'Service definition ids.' },
    server: serverParameter,
  },
  examples: [
    { title: 'Every service of the organization', code: 'Get-VcsService', expect: { count: 5 } },
    {
      title: 'Services whose name starts with VMware Cloud',
      code: "Get-VcsService -Name 'VMware Cloud*'",
      expect: { count: 2 },
    },
  ],
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
