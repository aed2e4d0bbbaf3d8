// Set-VcsUser -OrganizationRole: replaces users' base role (owner, admin or member) with one PATCH
// per user that adds the new base role and removes the others (docs/csp-api-notes.md).
import { defineCmdlet } from '../../src/engine/index.js'
import { organizationRoleNames } from './shared/completers.js'
import { roleTargetParameters, serverParameter } from './shared/parameters.js'
import { vcsUserRoleResultView } from './shared/views.js'
import type { VcsUserRoleResult } from './shared/user-roles.js'

// Declared apart so that the output type can be named (the code yielding it is in the .run.ts).
const parameters = {
  ...roleTargetParameters('set'),
  organizationRole: {
    type: 'string',
    mandatory: true,
    completer: organizationRoleNames,
    description: 'The new base role: Owner, Admin or Member (or the CSP role name).',
  },
  passThru: { type: 'switch', description: 'Outputs one result per user (Changed or Failed).' },
  server: serverParameter,
} as const

export default defineCmdlet<typeof parameters, VcsUserRoleResult>({
  name: 'Set-VcsUser',
  synopsis: "Replaces users' base organization role (owner, admin or member).",
  description:
    "Gives users given as objects (from Get-VcsUser) or e-mails a new base role: Owner, Admin or Member (or org_owner, org_admin, org_member). Every member holds exactly one base role, so the others are removed in the same request. Taking the owner role from the organization's last owner is refused before sending. Users who already hold the role are left alone. -PassThru outputs one result per changed user.",
  output: 'VcsUserRoleResult',
  views: { VcsUserRoleResult: vcsUserRoleResultView },
  requiresConnection: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameterSets: { ByUser: { default: true }, ByEmail: {} },
  parameters,
  examples: [
    {
      title: 'Make a member an administrator',
      code: "Set-VcsUser -Email 'maya.patel@demo.example' -OrganizationRole Admin -PassThru | Select-Object -ExpandProperty Result",
      expect: 'Changed',
    },
  ],
  load: () => import('./Set-VcsUser.run.js'),
})
