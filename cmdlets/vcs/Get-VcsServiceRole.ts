// Get-VcsServiceRole: the roles of the organization's services, for invitations and filters; each
// role carries its service so that `Service:role` strings and role objects resolve unambiguously.
import { defineCmdlet, getProperty } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import { listServices } from '../../src/csp/endpoints.js'
import { filterByName, flatValues } from '../../src/csp/lookups.js'
import { toVcsServiceRole } from '../../src/csp/model.js'
import type { ServiceDefinition } from '../../src/wire/csp.js'
import '../../src/csp/views.js'
import { serverParameter } from './common.js'

export default defineCmdlet({
  name: 'Get-VcsServiceRole',
  synopsis: 'Lists the roles of the organization’s services.',
  description:
    'Lists service roles, of every service or of the services given with -Service (from the pipeline too). The Name is what New-VcsUserInvitation -ServiceRole takes; the role objects themselves work as well.',
  output: 'VcsServiceRole',
  requiresConnection: true,
  parameterSets: { ByName: { default: true }, ById: {} },
  parameters: {
    name: {
      type: 'string[]',
      position: 0,
      wildcards: true,
      sets: ['ByName'],
      completer: 'serviceRole',
      description: 'Role names; wildcards allowed.',
    },
    service: {
      type: 'any[]',
      pipeline: 'byValue',
      sets: ['ByName'],
      completer: 'service',
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
    let services: ServiceDefinition[] | undefined
    for await (const args of records) {
      if (!services) {
        const call = await cspCall(ctx, args.server)
        services = await listServices(call.client, call)
      }
      let selected = services
      if (args.service) {
        const wanted = flatValues(args.service).map((value) =>
          String(getProperty(value, 'Id') ?? value).toLowerCase(),
        )
        selected = services.filter(
          (s) =>
            wanted.includes(s.serviceDefinitionId.toLowerCase()) ||
            wanted.includes(s.displayName.toLowerCase()),
        )
      }
      const roles = selected.flatMap((service) =>
        service.serviceRoles.map((role) => toVcsServiceRole(service, role)),
      )
      const byId = args.id ? roles.filter((role) => args.id!.includes(role.Id)) : roles
      yield* filterByName(
        byId,
        args.name,
        (r) => [r.Name, r.DisplayName],
        (e) => ctx.writeError(e),
        'service role',
      )
    }
  },
})
