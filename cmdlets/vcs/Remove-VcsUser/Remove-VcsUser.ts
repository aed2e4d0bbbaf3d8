// Remove-VcsUser: removes users from the organization (from the pipeline, by id or by e-mail), in
// CSP's batches of 20, reporting what happened to each user.
import { defineCmdlet } from '../../../src/engine/index.js'
import { vcsUserRemovalResultView } from '../shared/views.js'
import { serverParameter, throttleLimitParameter } from '../shared/parameters.js'
import { userEmails } from '../shared/completers.js'
import type { VcsUserRemovalResult } from '../shared/model.js'

// Declared apart so that the output type can be named (the library function is typed by it); the
// code that yields it is in Remove-VcsUser.run.ts.
const parameters = {
  user: {
    type: 'object[]',
    objectType: 'VcsUser',
    pipeline: 'byValue',
    mandatory: true,
    position: 0,
    sets: ['ByUser'],
    description:
      'Users to remove: objects from Get-VcsUser (bound by Id), or strings (an e-mail address, else a user id).',
  },
  id: {
    type: 'string[]',
    mandatory: true,
    pipeline: 'byPropertyName',
    sets: ['ById'],
    aliases: ['UserId'],
    description: 'CSP user ids.',
  },
  email: {
    type: 'string[]',
    mandatory: true,
    // Plain e-mail lines (`cat emails.txt | vcs Remove-VcsUser`) bind here; objects by their Email.
    pipeline: 'both',
    sets: ['ByEmail'],
    completer: userEmails,
    description: 'E-mail addresses of the users; e-mail strings from the pipeline bind here.',
  },
  notifyUsers: { type: 'switch', description: 'Tells the users by e-mail.' },
  force: { type: 'switch', description: 'Removes without asking.' },
  passThru: { type: 'switch', description: 'Outputs one result per user (Removed or Failed).' },
  throttleLimit: throttleLimitParameter,
  server: serverParameter,
} as const

export default defineCmdlet<typeof parameters, VcsUserRemovalResult>({
  name: 'Remove-VcsUser',
  synopsis: 'Removes users from the organization.',
  description:
    'Removes users given as objects (from Get-VcsUser), ids or e-mails, in batches of at most 20 as CSP requires. Pipeline input is collected first, so that removing users while listing them cannot make the list skip anyone. Users CSP refuses to remove (the last organization owner, someone not in the organization) are reported one by one as non-terminating errors. The connected user (whose token this session uses) and the last owners of the organization are not removed without -Force, and the error says why. -Confirm asks once per user (Yes, Yes to All, No, No to All); -WhatIf prints one line per user and one line with the number of requests (-Verbose shows them). Nothing is output unless -PassThru is given. ConfirmImpact is High: the shell asks; scripts need -Confirm:$false or -Force.',
  output: 'VcsUserRemovalResult',
  views: { VcsUserRemovalResult: vcsUserRemovalResultView },
  requiresConnection: true,
  supportsShouldProcess: true,
  confirmImpact: 'High',
  parameterSets: { ByUser: { default: true }, ById: {}, ByEmail: {} },
  parameters,
  examples: [
    {
      title: 'Remove the members whose name starts with A, without asking',
      code: "Get-VcsUser -Name 'A*' -OrganizationRole org_member | Remove-VcsUser -Confirm:$false",
      expect: { count: 0 },
    },
    {
      title: 'Preview a removal',
      code: "Get-VcsUser -Email '*@demo.example' | Remove-VcsUser -WhatIf",
      expect: { count: 0 },
    },
    {
      title: 'Remove the users listed in a CSV file (Email column)',
      code: 'Import-Csv leavers.csv | Remove-VcsUser -Force -PassThru',
      bindOnly: true,
    },
  ],
  load: () => import('./Remove-VcsUser.run.js'),
})
