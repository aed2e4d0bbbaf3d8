// Get-VcsUser: the organization's users, streamed as pages arrive, filtered with PowerShell
// wildcards on names and e-mail, and by id or role.
import { defineCmdlet } from '../../src/engine/index.js'
import { vcsUserView } from './shared/views.js'
import { notFoundHelp, serverParameter, throttleLimitParameter } from './shared/parameters.js'
import { organizationRoleNames, serviceRoleNames, userEmails, userNames } from './shared/completers.js'
import type { VcsUser } from './shared/model.js'

// Declared apart so that the output type can be named (the library function is typed by it); the
// code that yields it is in Get-VcsUser.run.ts.
const parameters = {
  name: {
    type: 'string[]',
    position: 0,
    wildcards: true,
    sets: ['ByName'],
    completer: userNames,
    description: 'Wildcard patterns matched on the Name property (the full name).',
  },
  id: {
    type: 'string[]',
    mandatory: true,
    sets: ['ById'],
    pipeline: 'byPropertyName',
    aliases: ['UserId'],
    description: 'CSP user ids (`<domain>:<guid>`).',
  },
  search: {
    type: 'string[]',
    sets: ['ByName'],
    description:
      'Text found anywhere in the username, e-mail, first, last or full name (case-insensitive, no wildcards).',
  },
  email: {
    type: 'string[]',
    wildcards: true,
    sets: ['ByName'],
    completer: userEmails,
    description: 'E-mail addresses; wildcards allowed.',
  },
  organizationRole: {
    type: 'any[]',
    completer: organizationRoleNames,
    description: 'Only users holding one of these organization roles (names or role objects).',
  },
  serviceRole: {
    type: 'any[]',
    completer: serviceRoleNames,
    description: 'Only users holding one of these service roles (names or role objects).',
  },
  throttleLimit: throttleLimitParameter,
  server: serverParameter,
} as const

export default defineCmdlet<typeof parameters, VcsUser>({
  name: 'Get-VcsUser',
  synopsis: 'Lists the users of the organization.',
  description: `Lists the users of the connected organization. -Name takes PowerShell wildcards matched on the Name property (the full name; the username or e-mail when CSP has no names), as Get-Process -Name matches its Name; -Search finds text anywhere in the username, e-mail, first, last or full name (no wildcards); -Email takes wildcards matched on the e-mail. -OrganizationRole and -ServiceRole name roles that must exist (an unknown one is an error listing the known ones). CSP’s own search (capped at 20 results) narrows the request when the pattern has at least two literal characters; when it may have cut results off, or the host may match case-sensitively, the whole list is read, so the answer never depends on the cap. Pages stream as they arrive; after the first page, further pages are fetched ahead, -ThrottleLimit at a time. CSP shows roles only to some callers (console.cloud.vmware.com: organization owners; console.tanzu.broadcom.com: owners and administrators; members never): when it sends users without roles, a warning says their OrganizationRoles and ServiceRoles are unknown, and -OrganizationRole/-ServiceRole stop with an error instead of finding nobody. A list CSP answers only in part (errors next to its results) warns, or fails under -ErrorAction Stop. ${notFoundHelp('user', '-Name, -Email or -Id')}`,
  output: 'VcsUser',
  views: { VcsUser: vcsUserView },
  requiresConnection: true,
  parameterSets: { ByName: { default: true }, ById: {} },
  parameters,
  examples: [
    { title: 'Every user', code: 'Get-VcsUser', expect: { count: 34 } },
    { title: 'Users whose name starts with A', code: "Get-VcsUser -Name 'A*'", expect: { count: 9 } },
    {
      title: 'Users with "anders" anywhere in their names or e-mail',
      code: 'Get-VcsUser -Search anders | Select-Object -ExpandProperty Name',
      expect: ['Sofia Andersson'],
    },
    {
      title: 'Organization administrators',
      code: 'Get-VcsUser -OrganizationRole org_admin | Select-Object -ExpandProperty Name',
      expect: ['Adrian Kowalski', 'Aisha Rahman'],
    },
    { title: 'Count the users', code: 'Get-VcsUser | Measure-Object' },
    {
      title: 'Users with an e-mail at one domain, first three',
      code: "Get-VcsUser -Email '*@demo.example' | Select-Object -First 3",
      expect: { count: 3 },
    },
  ],
  load: () => import('./Get-VcsUser.run.js'),
})
