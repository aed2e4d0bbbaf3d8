// Add-VcsUserRole: gives users organization or service roles. One PATCH of CSP's v3 user-roles endpoint per user
// (docs/csp-api-notes.md "Managing access").
import { defineCmdlet } from '../../src/engine/index.js'
import { organizationRoleNames, serviceRoleNames } from './shared/completers.js'
import { roleTargetParameters, serverParameter } from './shared/parameters.js'
import { vcsUserRoleResultView } from './shared/views.js'
import type { VcsUserRoleResult } from './shared/user-roles.js'

// Declared apart so that the output type can be named (the code yielding it is in the .run.ts).
const parameters = {
  ...roleTargetParameters('add'),
  organizationRole: {
    type: 'object[]',
    completer: organizationRoleNames,
    description: 'Organization roles to add (names, display names or role objects).',
  },
  serviceRole: {
    type: 'object[]',
    completer: serviceRoleNames,
    description: "Service roles to add: 'Service:role', a role name only one service has, or role objects.",
  },
  passThru: { type: 'switch', description: 'Outputs one result per user (Changed or Failed).' },
  server: serverParameter,
} as const

export default defineCmdlet<typeof parameters, VcsUserRoleResult>({
  name: 'Add-VcsUserRole',
  synopsis: 'Gives users organization or service roles.',
  description:
    'Changes the roles of users given as objects (from Get-VcsUser) or e-mails. Roles are checked against the organization before anything is sent: an unknown role is a usage error listing the known ones. Each user is asked about (-WhatIf, -Confirm) and changed on their own; a user CSP refuses is a non-terminating error. -PassThru outputs one result per user.',
  output: 'VcsUserRoleResult',
  views: { VcsUserRoleResult: vcsUserRoleResultView },
  requiresConnection: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameterSets: { ByUser: { default: true }, ByEmail: {} },
  parameters,
  examples: [
    {
      title: 'Add an organization role to one user',
      code: "Add-VcsUserRole -Email 'maya.patel@demo.example' -OrganizationRole developer -PassThru | Select-Object -ExpandProperty Result",
      expect: 'Changed',
    },
    {
      title: 'Preview a change for every user with an e-mail at demo.example',
      code: "Get-VcsUser -Email '*@demo.example' | Add-VcsUserRole -OrganizationRole developer -WhatIf",
      expect: { count: 0 },
    },
  ],
  load: () => import('./Add-VcsUserRole.run.js'),
})
