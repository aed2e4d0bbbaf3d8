// Get-VcsGroupMember: the members of a custom group (`GET .../groups/{groupId}/users`, paged).
import { defineCmdlet } from '../../src/engine/index.js'
import { groupNames } from './shared/completers.js'
import { serverParameter } from './shared/parameters.js'
import { vcsUserView } from './shared/views.js'
import type { VcsUser } from './shared/model.js'

// Declared apart so that the output type can be named (the code yielding it is in the .run.ts).
const parameters = {
  group: {
    type: 'object',
    mandatory: true,
    position: 0,
    pipeline: 'byValue',
    completer: groupNames,
    description: 'The group: its name, id, or a VcsGroup.',
  },
  server: serverParameter,
} as const

export default defineCmdlet<typeof parameters, VcsUser>({
  name: 'Get-VcsGroupMember',
  synopsis: 'Lists the members of a group.',
  description:
    "Lists the users in a group given by name, id or object (from Get-VcsGroup). CSP's group member list carries no roles, so OrganizationRoles and ServiceRoles are empty here: pipe the e-mails to Get-VcsUser -Email for them.",
  output: 'VcsUser',
  views: { VcsUser: vcsUserView },
  requiresConnection: true,
  parameters,
  examples: [
    {
      title: 'The members of a group',
      code: "Get-VcsGroupMember -Group 'Platform Engineering' | Measure-Object | Select-Object -ExpandProperty Count",
      expect: 6,
    },
    { title: 'From the pipeline', code: "Get-VcsGroup -Name 'S*' | Get-VcsGroupMember" },
  ],
  load: () => import('./Get-VcsGroupMember.run.js'),
})
