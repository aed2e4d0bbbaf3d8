// Get-VcsGroupMember: the members of a custom group (`GET .../groups/{groupId}/users`, paged).
import { defineCmdlet } from '../../src/engine/index.js'
import { cspCall } from '../../src/csp/connection.js'
import { groupNames } from './shared/completers.js'
import { groupMembers, resolveGroup } from './shared/group-members.js'
import { toVcsUser, uidScope } from './shared/model.js'
import { serverParameter } from './shared/parameters.js'
import { vcsUserView } from './shared/views.js'

export default defineCmdlet({
  name: 'Get-VcsGroupMember',
  synopsis: 'Lists the members of a group.',
  description:
    "Lists the users in a group given by name, id or object (from Get-VcsGroup). CSP's group member list carries no roles, so OrganizationRoles and ServiceRoles are empty here: pipe the e-mails to Get-VcsUser -Email for them.",
  output: 'VcsUser',
  views: { VcsUser: vcsUserView },
  requiresConnection: true,
  parameters: {
    group: {
      type: 'object',
      mandatory: true,
      position: 0,
      pipeline: 'byValue',
      completer: groupNames,
      description: 'The group: its name, id, or a VcsGroup.',
    },
    server: serverParameter,
  },
  examples: [
    {
      title: 'The members of a group',
      code: "Get-VcsGroupMember -Group 'Platform Engineering' | Measure-Object | Select-Object -ExpandProperty Count",
      expect: 6,
    },
    { title: 'From the pipeline', code: "Get-VcsGroup -Name 'S*' | Get-VcsGroupMember" },
  ],
  async *process(args, ctx) {
    const call = await cspCall(ctx, args.server)
    const group = await resolveGroup(call, args.group)
    for await (const user of groupMembers(call, group.id))
      yield toVcsUser({ user, orgId: call.client.orgId }, uidScope(call))
  },
})
