// Sync-VcsOrganization: makes the organization equal to a desired state (a CSV file or objects) by
// applying Compare-VcsOrganization's plan, with -WhatIf/-Confirm per action, a result file and resume.
import { defineCmdlet, type TypeView } from '../../../src/engine/index.js'
import { desiredStateParameters } from '../shared/parameters.js'
import type { VcsSyncResult } from './apply.js'

const vcsSyncResultView: TypeView = {
  table: [
    { label: 'Action', value: 'Action', minWidth: 6, priority: 2 },
    { label: 'Email', value: 'Email', priority: 1, keepWhole: true },
    { label: 'Result', value: 'Result', minWidth: 6, priority: 3 },
    { label: 'Add', value: 'Add', minWidth: 8, priority: 4 },
    { label: 'Remove', value: 'Remove', minWidth: 8, priority: 5 },
    { label: 'Reason', value: 'Reason', minWidth: 10, priority: 6 },
  ],
  list: ['Action', 'Email', 'Result', 'Add', 'Remove', 'Reason', 'Id'],
}

// Declared apart so that the output type can be named (the code yielding it is in the .run.ts).
const parameters = {
  ...desiredStateParameters,
  force: {
    type: 'switch',
    description:
      'With -Remove, also removes the connected user and the last owner when the desired state leaves them out.',
  },
  resultPath: {
    type: 'string',
    completer: 'path',
    description:
      'A CSV file the fate of every action is appended to; give the same file to a rerun to resume.',
  },
  passThru: {
    type: 'switch',
    description: 'Outputs one result per action (Done, Failed, Refused, Unknown, NotAttempted).',
  },
} as const

export default defineCmdlet<typeof parameters, VcsSyncResult>({
  name: 'Sync-VcsOrganization',
  synopsis: 'Makes the organization equal to a desired state (a CSV file or objects).',
  description:
    "Applies the plan Compare-VcsOrganization shows: role changes (one PATCH per user, -ThrottleLimit at a time; users gaining org_owner first), revoked invitations (100 per request) before the invitations that replace them (batched by identical roles), group changes (20 per request) and, only with -Remove, removals (20 per request). -WhatIf prints each action; -Confirm asks once per action. The connected user and the organization's last owner are not removed without -Force, and the last owner's org_owner role is never taken. Every action's fate is counted in the run's summary line and, with -ResultPath, appended to a CSV file as CSP answers; a stopped run lets requests in flight finish. Running again (with the same -ResultPath) plans from what CSP holds now, so it continues where the last run stopped and never repeats what is done. Nothing is output unless -PassThru is given.",
  output: 'VcsSyncResult',
  views: { VcsSyncResult: vcsSyncResultView },
  requiresConnection: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameterSets: { ByPath: { default: true }, ByInput: {} },
  parameters,
  examples: [
    {
      title: 'Preview the changes that make the org match a file (here: revoking the pending invitations)',
      code: 'Get-VcsUser | Export-Csv team.csv; Sync-VcsOrganization -Path team.csv -WhatIf',
      expect: { count: 0 },
    },
    {
      title: 'Apply them, keeping a result file to resume from',
      code: 'Sync-VcsOrganization -Path scripts/examples/team.csv -ResultPath sync-results.csv',
      bindOnly: true,
    },
    {
      title: 'Also remove members the file leaves out',
      code: 'Sync-VcsOrganization -Path team.csv -Remove -Confirm',
      bindOnly: true,
    },
  ],
  load: () => import('./Sync-VcsOrganization.run.js'),
})
