// Get-VcsGroup: the organization's groups, which invitations can add invitees to (-Group).
import { defineCmdlet } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import { listAllGroups, selectItems } from './shared/lookups.js'
import { partialPageHandler } from './shared/partial.js'
import { toVcsGroup, uidScope } from './shared/model.js'
import { vcsGroupView } from './shared/views.js'
import { notFoundHelp, serverParameter } from './shared/parameters.js'
import { groupNames } from './shared/completers.js'

export default defineCmdlet({
  name: 'Get-VcsGroup',
  synopsis: 'Lists the groups of the organization.',
  description: `Lists the groups of the connected organization; New-VcsUserInvitation -Group adds invitees to them. ${notFoundHelp('group', '-Name or -Id')}`,
  output: 'VcsGroup',
  views: { VcsGroup: vcsGroupView },
  requiresConnection: true,
  parameterSets: { ByName: { default: true }, ById: {} },
  parameters: {
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
  },
  examples: [
    { title: 'Every group', code: 'Get-VcsGroup', expect: { count: 5 } },
    {
      title: 'Groups whose name starts with S',
      code: "Get-VcsGroup -Name 'S*' | Sort-Object Name | Select-Object -ExpandProperty Name",
      expect: ['Security Auditors', 'SRE On-Call'],
    },
  ],
  async *process(args, ctx) {
    const call = await cspCall(ctx, args.server)
    const groups = selectItems(
      await listAllGroups(call, partialPageHandler(ctx, 'group')),
      'group',
      [
        { values: args.id, label: 'with id', fields: (g) => [g.id], wildcards: false },
        { values: args.name, label: 'named', fields: (g) => [g.displayName] },
      ],
      (error, target) => ctx.writeError(error, target),
    )
    for (const group of groups) yield toVcsGroup(group, uidScope(call))
  },
})
