// Get-VcsGroup: the organization's groups, which invitations can add invitees to (-Group).
import { defineCmdlet } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import { filterByName, listAllGroups } from '../../src/csp/lookups.js'
import { toVcsGroup } from '../../src/csp/model.js'
import '../../src/csp/views.js'
import { serverParameter } from './common.js'

export default defineCmdlet({
  name: 'Get-VcsGroup',
  synopsis: 'Lists the groups of the organization.',
  output: 'VcsGroup',
  requiresConnection: true,
  parameterSets: { ByName: { default: true }, ById: {} },
  parameters: {
    name: {
      type: 'string[]',
      position: 0,
      wildcards: true,
      sets: ['ByName'],
      completer: 'group',
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
    let groups = await listAllGroups(call)
    if (args.id) {
      const ids = args.id
      groups = groups.filter((group) => ids.includes(group.id))
    }
    for (const group of filterByName(
      groups,
      args.name,
      (g) => [g.displayName],
      (e) => ctx.writeError(e),
      'group',
    )) {
      yield toVcsGroup(group)
    }
  },
})
