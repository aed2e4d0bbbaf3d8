// Add-VcsGroupMember: adds users to a group. Users come from the pipeline (Get-VcsUser) or -Email; each is asked
// about, then CSP gets them in batches of 20 (docs/csp-api-notes.md "Managing access").
import { defineCmdlet } from '../../src/engine/index.js'
import { groupNames } from './shared/completers.js'
import { roleTargetParameters, serverParameter } from './shared/parameters.js'
import { vcsGroupMemberResultView } from './shared/views.js'
import type { VcsGroupMemberResult } from './shared/group-members.js'

// Declared apart so that the output type can be named (the code yielding it is in the .run.ts).
const parameters = {
  ...roleTargetParameters('add'),
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
  name: 'Add-VcsGroupMember',
  synopsis: 'Adds users to a group.',
  description:
    'Adds users to a group. The group is named by -Group (name, id or a VcsGroup from Get-VcsGroup); an unknown group stops the command before anything is sent. Users are given as objects (from Get-VcsUser or Get-VcsGroupMember) or e-mails. Each user is asked about (-WhatIf, -Confirm); users CSP refuses are non-terminating errors. -PassThru outputs one result per user.',
  output: 'VcsGroupMemberResult',
  views: { VcsGroupMemberResult: vcsGroupMemberResultView },
  requiresConnection: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameterSets: { ByUser: { default: true }, ByEmail: {} },
  parameters,
  examples: [
    {
      title: 'Adds users to a group.',
      code: "Get-VcsUser -Email 'maya.patel@demo.example' | Add-VcsGroupMember -Group Contractors -PassThru | Select-Object -ExpandProperty Result",
      expect: 'Added',
    },
    {
      title: 'Preview for every user with an e-mail at demo.example',
      code: "Get-VcsUser -Email '*@demo.example' | Add-VcsGroupMember -Group Contractors -WhatIf",
      expect: { count: 0 },
    },
  ],
  load: () => import('./Add-VcsGroupMember.run.js'),
})
