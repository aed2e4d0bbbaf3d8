// New-VcsUserInvitation: invites e-mails (one, many, or a CSV's worth from the pipeline) with
// organization roles, service roles and groups, validated against the org before anything is sent.
import { defineCmdlet } from '../../../src/engine/index.js'
import { LIMITS } from '../../../src/csp/limits.js'
import { resultFileProblem } from './result-file-header.js'
import { vcsUserInvitationView, vcsInvitationResultView } from '../shared/views.js'
import { serverParameter, throttleLimitParameter } from '../shared/parameters.js'
import { groupNames, organizationRoleNames, serviceRoleNames } from '../shared/completers.js'
import type { VcsUser, VcsUserInvitation } from '../shared/model.js'

// Declared apart so that the output type can be named (the library function is typed by it); the
// code that yields it is in New-VcsUserInvitation.run.ts.
const parameters = {
  email: {
    type: 'string[]',
    mandatory: true,
    position: 0,
    pipeline: 'both',
    aliases: ['Username', 'EmailAddress'],
    description: 'E-mail addresses to invite.',
  },
  organizationRole: {
    type: 'any[]',
    pipeline: 'byPropertyName',
    completer: organizationRoleNames,
    description: 'Organization roles: names or role objects. Default org_member.',
  },
  serviceRole: {
    type: 'any[]',
    pipeline: 'byPropertyName',
    completer: serviceRoleNames,
    description: "Service roles: names (vmc-user:full), 'Service:role' strings or role objects.",
  },
  group: {
    type: 'any[]',
    pipeline: 'byPropertyName',
    completer: groupNames,
    description: 'Groups to join on redemption: names, ids or group objects (at most 15).',
  },
  expiresInDays: {
    type: 'int',
    validateRange: [1, 90],
    description:
      'Days until the invitation expires (1 to 90). Sent as invitationExpirationInDays only when given: console.tanzu.broadcom.com honours it; console.cloud.vmware.com does not document it, and its invitations last 7 days.',
  },
  skipNotify: {
    type: 'switch',
    description:
      'Sends no e-mail to the invitees. Sent only when given, as skipNotify and skipNotifyRegistration (what console.cloud.vmware.com documents) and notifyUsersOfRegistration/notifyUsersOfOrgAccess false (what console.tanzu.broadcom.com documents).',
  },
  resultPath: {
    type: 'string',
    completer: 'path',
    description:
      'CSV file recording every e-mail’s result; a rerun skips finished e-mails. An existing file must be a result file.',
    // At binding, before the connection is made: nothing is sent when the file is someone else's.
    validate: (value: unknown) => {
      const problem = resultFileProblem(String(value))
      return problem && `'${String(value)}' is ${problem}.`
    },
  },
  batchSize: {
    type: 'int',
    validateRange: [1, LIMITS.inviteBatch],
    default: LIMITS.inviteBatch,
    description: `E-mails per request (at most ${LIMITS.inviteBatch}).`,
  },
  throttleLimit: throttleLimitParameter,
  server: serverParameter,
} as const

export default defineCmdlet<typeof parameters, VcsUserInvitation | VcsUser>({
  name: 'New-VcsUserInvitation',
  synopsis: 'Invites users to the organization.',
  description:
    'Invites e-mail addresses with organization roles (org_member when none is given), service roles and groups. Roles, services and groups are checked against the organization before anything is sent; an unknown one stops the command. E-mails from the pipeline (strings, or objects with an Email property such as CSV rows) that share the same roles go out in batches of up to -BatchSize. An e-mail that is already a member or already has a pending invitation is reported and not invited again. Outputs the invitations created (VcsUserInvitation) and, for e-mails CSP added to the organization directly because the person already had a VMware account, the user (VcsUser). With -ResultPath, one CSV row per input e-mail (Email, Result, InvitationId, Reason, Timestamp) is appended as batches settle; an e-mail listed twice keeps the row of its first listing. A rerun with the same file resumes it: e-mails whose fate in it is final (Invited, AddedDirectly, AlreadyMember, AlreadyInvited, Invalid) are neither sent nor written again; Failed ones are tried again and get a new row after the Failed one, so the last row of an e-mail is its fate. An existing file whose first line is not that header (the input CSV, say) is refused before anything is sent or written.',
  notes:
    'Results: Invited, AddedDirectly, AlreadyMember, AlreadyInvited, Invalid, Failed, Unknown (sent, and the run ended before CSP answered or a look told; a rerun with the same result file looks again and records what the earlier run did, Invited, never AlreadyInvited). -WhatIf prints one line per address and a line with the number of requests (-Verbose shows them); -Confirm asks per address. Invalid and Failed e-mails are errors, so a one-shot command exits non-zero (5 when other e-mails went through). An invalid e-mail is reported as an error on every run, a rerun with the same result file included (one line each, not written to the file again), because the input still has it and only fixing the input removes it; e-mails a result file already finished are skipped silently, so a rerun with nothing left to do and no invalid rows succeeds (exit code 0). CSP answers an invitation request with 202 and no body, so invitations are found by listing them afterwards.',
  output: 'VcsUserInvitation',
  views: { VcsUserInvitation: vcsUserInvitationView, VcsInvitationResult: vcsInvitationResultView },
  requiresConnection: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  parameters,
  examples: [
    {
      title: 'Invite one person as an organization member',
      code: "New-VcsUserInvitation -Email 'new.person@example.com' -OrganizationRole org_member | Select-Object Email, Status, OrganizationRoles",
      expect: { Email: 'new.person@example.com', Status: 'Available', OrganizationRoles: ['org_member'] },
    },
    {
      title: 'Invite with organization and service roles, previewing the request',
      code: "New-VcsUserInvitation -Email 'dev@example.com' -OrganizationRole (Get-VcsOrganizationRole org_member) -ServiceRole (Get-VcsServiceRole | Select-Object -First 1) -WhatIf",
      expect: { count: 0 },
    },
    {
      title: 'Invite everyone in a CSV file, recording results for a resumable run',
      code: 'Import-Csv people.csv | New-VcsUserInvitation -OrganizationRole org_member -ResultPath results.csv',
      bindOnly: true,
    },
  ],
  load: () => import('./New-VcsUserInvitation.run.js'),
})
