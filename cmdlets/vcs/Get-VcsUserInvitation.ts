// Get-VcsUserInvitation: the organization's invitations with their status, including Expired, which
// CSP does not have and is derived here from the expiration time.
import { defineCmdlet } from '../../src/engine/index.js'
import { vcsUserInvitationView } from './shared/views.js'
import { notFoundHelp, serverParameter } from './shared/parameters.js'
import { invitationEmails, invitationIds } from './shared/completers.js'
import type { VcsUserInvitation } from './shared/model.js'

const STATUSES = ['Available', 'Redeemed', 'Revoked', 'Expired'] as const

// Declared apart so that the output type can be named (the library function is typed by it); the
// code that yields it is in Get-VcsUserInvitation.run.ts.
const parameters = {
  name: {
    type: 'string[]',
    position: 0,
    wildcards: true,
    sets: ['ByName'],
    completer: invitationEmails,
    description: 'The invitee’s e-mail (PowerCLI calls it Name); wildcards allowed.',
  },
  email: {
    type: 'string[]',
    wildcards: true,
    sets: ['ByName'],
    completer: invitationEmails,
    description: 'The invitee’s e-mail; wildcards allowed.',
  },
  id: {
    type: 'string[]',
    mandatory: true,
    sets: ['ById'],
    pipeline: 'byPropertyName',
    aliases: ['InvitationId'],
    completer: invitationIds,
    description: 'Invitation ids.',
  },
  status: {
    type: 'string[]',
    validateSet: STATUSES,
    description:
      "Only invitations in these states. Expired is derived from the expiration time: an expired invitation is never Available, so PowerCLI scripts that test Status -eq 'Available' keep meaning \"can still be redeemed\" (PowerCLI's UserInvitationStatusEnum has Available, Redeemed, Revoked and Unknown; Expired is ours).",
  },
  server: serverParameter,
} as const

export default defineCmdlet<typeof parameters, VcsUserInvitation>({
  name: 'Get-VcsUserInvitation',
  synopsis: 'Lists the invitations of the organization.',
  description: `Lists invitations with their status: Available (pending), Redeemed, Revoked or Expired. -Name and -Email take wildcards on the invitee’s e-mail. ${notFoundHelp('invitation', '-Name, -Email or -Id')}`,
  notes:
    'CSP has no Expired status: an invitation past its expiration time stays AVAILABLE on the server. Get-VcsUserInvitation reports such an invitation as Expired, judged by ExpiredDate against this computer’s clock.',
  output: 'VcsUserInvitation',
  views: { VcsUserInvitation: vcsUserInvitationView },
  requiresConnection: true,
  parameterSets: { ByName: { default: true }, ById: {} },
  parameters,
  examples: [
    { title: 'Every invitation', code: 'Get-VcsUserInvitation', expect: { count: 9 } },
    { title: 'Pending invitations', code: 'Get-VcsUserInvitation -Status Available', expect: { count: 3 } },
    {
      title: 'Expired invitations of one domain',
      code: "Get-VcsUserInvitation -Email '*@demo.example' -Status Expired | Select-Object -ExpandProperty Email | Sort-Object",
      expect: ['nina.petrova@demo.example', 'oscar.lindqvist@demo.example'],
    },
  ],
  load: () => import('./Get-VcsUserInvitation.run.js'),
})
