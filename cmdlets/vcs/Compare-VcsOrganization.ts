// Compare-VcsOrganization: the plan that would make the organization equal to a desired state (a
// CSV file or objects), one object per action, without changing anything.
import { defineCmdlet } from '../../src/engine/index.js'
import { desiredStateParameters } from './shared/parameters.js'
import { vcsSyncActionView } from './shared/views.js'
import type { VcsSyncAction } from './shared/sync-plan.js'

// Declared apart so that the output type can be named (the code yielding it is in the .run.ts).
const parameters = {
  ...desiredStateParameters,
  includeEqual: {
    type: 'switch',
    description: 'Also outputs the people already as desired (Action None), as Compare-Object -IncludeEqual.',
  },
  check: {
    type: 'switch',
    description: 'Ends with a DriftError (exit code 6) when the organization differs from the desired state.',
  },
} as const

export default defineCmdlet<typeof parameters, VcsSyncAction>({
  name: 'Compare-VcsOrganization',
  synopsis: 'Shows what would make the organization equal to a desired state (a CSV file or objects).',
  description:
    'Compares the desired state (who should be a member, with which organization and service roles and, when a Groups column is given, which groups) with the organization and outputs the plan, one object per action: Invite (not a member, not invited), ChangeRoles (the roles to add and remove), RevokeInvitation (a pending invitation of someone not in the desired state, or with other roles), AddToGroup and RemoveFromGroup, and Remove (members not in the desired state, only with -Remove). A summary line follows on the information stream. Nothing is changed: Sync-VcsOrganization applies the plan. As Compare-Object, people already as desired are left out unless -IncludeEqual is given (Action None). -Check ends the run with exit code 6 (a DriftError) when the plan has any action, for a nightly drift check.',
  output: 'VcsSyncAction',
  views: { VcsSyncAction: vcsSyncActionView },
  requiresConnection: true,
  parameterSets: { ByPath: { default: true }, ByInput: {} },
  parameters,
  examples: [
    {
      title: 'Export the members, then compare: only the pending invitations (not in the file) differ',
      code: 'Get-VcsUser | Export-Csv team.csv; Compare-VcsOrganization -Path team.csv | Select-Object -ExpandProperty Email',
      expect: ['alex.turner@demo.example', 'grace.kim@demo.example', 'samuel.reid@demo.example'],
    },
    {
      title: 'Desired state from objects: everyone but one person, removing the others',
      code: "Import-Csv team.csv | Where-Object Email -ne 'zoe.campbell@demo.example' | Compare-VcsOrganization -Remove",
      bindOnly: true,
    },
    {
      title: 'A nightly drift check: exit code 6 when the org drifted',
      code: 'Compare-VcsOrganization -Path team.csv -Check',
      bindOnly: true,
    },
  ],
  load: () => import('./Compare-VcsOrganization.run.js'),
})
