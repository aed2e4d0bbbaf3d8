// Remove-VcsGroupMember: removes users from a group. Users come from the pipeline (Get-VcsUser) or -Email; each is asked
// about, then CSP gets them in batches of 20 (docs/csp-api-notes.md "Managing access").
import { defineCmdlet } from '../../src/engine/index.js'
import { groupNames } from './shared/completers.js'
import { roleTargetParameters, serverParameter } from './shared/parameters.js'
import { vcsGroupMemberResultView } from './shared/views.js'
import type { VcsGroupMemberResult } from './shared/group-members.js'

// Declared apart so that the output type can be named (the code yielding it is in the .run.ts).
const parameters = {
  ...roleTargetParameters('remove'),
  group: {
    type: 'object',
    mandatory: true,
    completer: groupNames,
    description: 'The group: its name, id, or a VcsGroup.',
  },
  passThru: { type: 'switch', description: 'Outputs one result per user.' },
  server: serverParameter,
} as const

export default defineCmdlet<typeof parameters, VcsGroupMemberResult>({
  name: 'Remove-VcsGroupMember',
  synopsis: 'Removes users from a group.',
  description:
    'Removes users from a group. The group is named by -Group (name, id or a VcsGroup from Get-VcsGroup); an unknown group stops the command before anything is sent. Users are given as objects (from Get-VcsUser or Get-VcsGroupMember) or e-mails. Each user is asked about (-WhatIf, -Confirm); users CSP refuses are non-terminating errors. -PassThru outputs one result per user.',
  output: 'VcsGroupMemberResult',
  views: { VcsGroupMemberResult: vcsGroupMemberResultView },
  requiresConnection: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameterSets: { ByUser: { default: true }, ByEmail: {} },
  parameters,
  examples: [
    {
      title: 'Removes users from a group.',
      code: "Get-VcsGroupMember -Group 'Platform Engineering' | Select-Object -First 1 | Remove-VcsGroupMember -Group 'Platform Engineering' -PassThru | Select-Object -ExpandProperty Result",
      expect: 'Removed',
    },
    {
      title: 'Preview for every user with an e-mail at demo.example',
      code: "Get-VcsUser -Email '*@demo.example' | Remove-VcsGroupMember -Group Contractors -WhatIf",
      expect: { count: 0 },
    },
  ],
  load: () => import('./Remove-VcsGroupMember.run.js'),
})
