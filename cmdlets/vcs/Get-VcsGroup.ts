// Get-VcsGroup: the organization's groups, which invitations can add invitees to (-Group).
import { defineCmdlet } from '../../src/engine/index.js'
import { vcsGroupView } from './shared/views.js'
import { notFoundHelp, serverParameter } from './shared/parameters.js'
import { groupNames } from './shared/completers.js'
import type { VcsGroup } from './shared/model.js'

// Declared apart so that the output type can be named (the code yielding it is in the .run.ts).
const parameters = {
  name: {
    type: 'string[]',
    position: 0,
    wildcards: true,
    sets: ['ByName'],
    completer: groupNames,
    description: 'Group names; wildcards allowed.',
  },
  id: { type: 'string[]', mandatory: true, sets: ['ById'], description: 'Group ids.' },
  server: serverParameter,
} as const

export default defineCmdlet<typeof parameters, VcsGroup>({
  name: 'Get-VcsGroup',
  synopsis: 'Lists the groups of the organization.',
  description: `Lists the groups of the connected organization; New-VcsUserInvitation -Group adds invitees to them. ${notFoundHelp('group', '-Name or -Id')}`,
  output: 'VcsGroup',
  views: { VcsGroup: vcsGroupView },
  requiresConnection: true,
  parameterSets: { ByName: { default: true }, ById: {} },
  parameters,
  examples: [
    { title: 'Every group', code: 'Get-VcsGroup', expect: { count: 5 } },
    {
      title: 'Groups whose name starts with S',
      code: "Get-VcsGroup -Name 'S*' | Sort-Object Name | Select-Object -ExpandProperty Name",
      expect: ['Security Auditors', 'SRE On-Call'],
    },
  ],
  load: () => import('./Get-VcsGroup.run.js'),
})
