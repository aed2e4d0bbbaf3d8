// Get-VcsOrganizationRole: the organization roles (org_owner, org_admin, org_member, ...) that
// invitations and filters refer to, optionally those held by given users.
import { defineCmdlet } from '../../src/engine/index.js'
import { vcsOrganizationRoleView } from './shared/views.js'
import { notFoundHelp, serverParameter } from './shared/parameters.js'
import { organizationRoleNames } from './shared/completers.js'
import type { VcsOrganizationRole } from './shared/model.js'

// Declared apart so that the output type can be named (the library function is typed by it); the
// code that yields it is in Get-VcsOrganizationRole.run.ts.
const parameters = {
  name: {
    type: 'string[]',
    position: 0,
    wildcards: true,
    sets: ['ByName'],
    completer: organizationRoleNames,
    description: 'Role names; wildcards allowed.',
  },
  user: {
    type: 'object[]',
    objectType: 'VcsUser',
    pipeline: 'byValue',
    sets: ['ByName'],
    description: 'Users whose roles to list: objects from Get-VcsUser, or e-mail addresses.',
  },
  id: {
    type: 'string[]',
    mandatory: true,
    sets: ['ById'],
    description: 'Role ids (CSP identifies organization roles by name).',
  },
  server: serverParameter,
} as const

export default defineCmdlet<typeof parameters, VcsOrganizationRole>({
  name: 'Get-VcsOrganizationRole',
  synopsis: 'Lists the organization roles.',
  description: `Lists the roles of the connected organization. With -User, lists the roles those users hold. Role names (Name) are what New-VcsUserInvitation -OrganizationRole takes. ${notFoundHelp('organization role', '-Name or -Id')}`,
  output: 'VcsOrganizationRole',
  views: { VcsOrganizationRole: vcsOrganizationRoleView },
  requiresConnection: true,
  parameterSets: { ByName: { default: true }, ById: {} },
  parameters,
  examples: [
    { title: 'Every organization role', code: 'Get-VcsOrganizationRole', expect: { count: 6 } },
    {
      title: 'Roles whose name starts with org_',
      code: "Get-VcsOrganizationRole -Name 'org_*'",
      expect: { count: 3 },
    },
    {
      title: 'The roles a user holds',
      code: "Get-VcsUser -Email 'aaron.mitchell@demo.example' | Get-VcsOrganizationRole | Select-Object -ExpandProperty Name",
      expect: ['org_member', 'developer'],
    },
  ],
  load: () => import('./Get-VcsOrganizationRole.run.js'),
})
