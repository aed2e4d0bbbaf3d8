// Get-VcsServiceRole: the roles of the organization's services, for invitations and filters; each
// role carries its service so that `Service:role` strings and role objects resolve unambiguously.
import { defineCmdlet } from '../../src/engine/index.js'
import { vcsServiceRoleView } from './shared/views.js'
import { notFoundHelp, serverParameter } from './shared/parameters.js'
import { serviceNames as serviceNameValues, serviceRoleNames } from './shared/completers.js'
import type { VcsServiceRole } from './shared/model.js'

// Declared apart so that the output type can be named (the code yielding it is in the .run.ts).
const parameters = {
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
} as const

export default defineCmdlet<typeof parameters, VcsServiceRole>({
  name: 'Get-VcsServiceRole',
  synopsis: 'Lists the roles of the organization’s services.',
  description: `Lists service roles, of every service or of the services given with -Service (from the pipeline too). The Name is what New-VcsUserInvitation -ServiceRole takes; the role objects themselves work as well. The roles come from CSP's service catalogue (/slc/api/definitions?expand, else each service's service-roles list); when CSP lets neither be read, a warning says so and no roles are listed. ${notFoundHelp('service role', '-Name, -Id or -Service')}`,
  output: 'VcsServiceRole',
  views: { VcsServiceRole: vcsServiceRoleView },
  requiresConnection: true,
  parameterSets: { ByName: { default: true }, ById: {} },
  parameters,
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
  load: () => import('./Get-VcsServiceRole.run.js'),
})
