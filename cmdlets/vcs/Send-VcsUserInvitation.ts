// Send-VcsUserInvitation: sends a pending or expired invitation again, by revoking it and inviting
// the same e-mail with the same roles; CSP has no "resend", so this is what resending means.
import { defineCmdlet } from '../../src/engine/index.js'
import { vcsUserInvitationView, vcsInvitationResultView } from './shared/views.js'
import { invitationTargetParameters, serverParameter } from './shared/parameters.js'
import type { VcsUserInvitation } from './shared/model.js'

// Declared apart so that the output type can be named (the library function is typed by it); the
// code that yields it is in Send-VcsUserInvitation.run.ts.
const parameters = {
  ...invitationTargetParameters('resend', 'Invitee e-mails.'),
  expiresInDays: {
    type: 'int',
    validateRange: [1, 90],
    description:
      'Days until the new invitation expires (1 to 90). Sent as invitationExpirationInDays only when given: console.tanzu.broadcom.com honours it; console.cloud.vmware.com does not document it, and its invitations last 7 days.',
  },
  server: serverParameter,
} as const

export default defineCmdlet<typeof parameters, VcsUserInvitation>({
  name: 'Send-VcsUserInvitation',
  synopsis: 'Sends an invitation again.',
  description:
    'Resends pending or expired invitations: the old invitation is revoked and the same e-mail is invited again with the same roles and groups (for -ExpiresInDays when given; otherwise for the host default, 7 days on console.cloud.vmware.com). Invitations from the pipeline are collected, revoked, and sent again in batches of identical roles. Outputs the new invitations. Redeemed and revoked invitations are refused with the reason. CSP does not document a second invitation for an e-mail with a pending one, so the old one is revoked first: a person whose resend could not be finished (after retries) gets an error saying the state they are left in (old invitation still pending, or revoked with no new one) and the command that finishes the job. The summary on stderr counts what was revoked, invited and failed.',
  output: 'VcsUserInvitation',
  views: { VcsUserInvitation: vcsUserInvitationView, VcsInvitationResult: vcsInvitationResultView },
  requiresConnection: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameterSets: { ByInvitation: { default: true }, ById: {}, ByEmail: {} },
  parameters,
  examples: [
    {
      title: 'Resend every expired invitation',
      code: 'Get-VcsUserInvitation -Status Expired | Send-VcsUserInvitation',
      expect: { count: 2 },
    },
    {
      title: 'Resend one, previewing first',
      code: "Send-VcsUserInvitation -Email 'alex.turner@demo.example' -WhatIf",
      expect: { count: 0 },
    },
  ],
  load: () => import('./Send-VcsUserInvitation.run.js'),
})
