// Get-VcsService: the services (VMware Cloud on AWS, ...) of the organization, whose roles can be
// granted with invitations.
import { defineCmdlet } from '../../src/engine/index.js'
import { vcsServiceView } from './shared/views.js'
import { notFoundHelp, serverParameter } from './shared/parameters.js'
import { serviceNames } from './shared/completers.js'
import type { VcsService } from './shared/model.js'

// Declared apart so that the output type can be named (the code yielding it is in the .run.ts).
const parameters = {
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
} as const

export default defineCmdlet<typeof parameters, VcsService>({
  name: 'Get-VcsService',
  synopsis: 'Lists the services of the organization.',
  description: `Lists the services of the connected organization with their roles and descriptions, read from CSP's service catalogue; when CSP lets the catalogue not be read, a warning says so and Roles is empty (null), meaning unknown. Pipe a service to Get-VcsServiceRole to list its roles. ${notFoundHelp('service', '-Name or -Id')}`,
  output: 'VcsService',
  views: { VcsService: vcsServiceView },
  requiresConnection: true,
  parameterSets: { ByName: { default: true }, ById: {} },
  parameters,
  examples: [
    { title: 'Every service of the organization', code: 'Get-VcsService', expect: { count: 5 } },
    {
      title: 'Services whose name starts with VMware Cloud',
      code: "Get-VcsService -Name 'VMware Cloud*'",
      expect: { count: 2 },
    },
  ],
  load: () => import('./Get-VcsService.run.js'),
})
