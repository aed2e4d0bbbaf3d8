// Remove-VcsUserInvitation: revokes invitations (from the pipeline, by id or by e-mail), so their
// links stop working.
import { defineCmdlet } from '../../src/engine/index.js'
import { invitationTargetParameters, serverParameter } from './shared/parameters.js'
import { vcsUserInvitationView } from './shared/views.js'
import type { VcsUserInvitation } from './shared/model.js'

// Declared apart so that the output type can be named (the library function is typed by it); the
// code that yields it is in Remove-VcsUserInvitation.run.ts.
const parameters = {
  ...invitationTargetParameters('revoke', 'Invitee e-mails: their pending invitation is revoked.'),
  passThru: { type: 'switch', description: 'Outputs each revoked invitation.' },
  server: serverParameter,
} as const

export default defineCmdlet<typeof parameters, VcsUserInvitation>({
  name: 'Remove-VcsUserInvitation',
  synopsis: 'Revokes invitations.',
  description:
    'Revokes invitations given as objects (from Get-VcsUserInvitation), ids or invitee e-mails. Redeemed and already revoked invitations are reported and left alone.',
  output: 'VcsUserInvitation',
  views: { VcsUserInvitation: vcsUserInvitationView },
  requiresConnection: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameterSets: { ByInvitation: { default: true }, ById: {}, ByEmail: {} },
  parameters,
  examples: [
    {
      title: 'Revoke every expired invitation',
      code: 'Get-VcsUserInvitation -Status Expired | Remove-VcsUserInvitation -PassThru | Select-Object -ExpandProperty Status',
      expect: ['Revoked', 'Revoked'],
    },
    {
      title: 'Revoke the invitation of one e-mail',
      code: "Remove-VcsUserInvitation -Email 'alex.turner@demo.example' -WhatIf",
      expect: { count: 0 },
    },
  ],
  load: () => import('./Remove-VcsUserInvitation.run.js'),
})
