// Parameters shared by the Vcs cmdlets, declared once so they read the same everywhere.
import type { ParameterDef } from '../../../src/engine/index.js'
import { invitationEmails, invitationIds, userEmails } from './completers.js'

/** PowerCLI's -Server: which connection to use; the default connection when omitted. */
export const serverParameter = {
  type: 'string',
  description: 'The connection (server) to use; the default connection when omitted.',
} as const satisfies ParameterDef

/** -ThrottleLimit: how many requests (pages or batches) run at once. */
export const throttleLimitParameter = {
  type: 'int',
  validateRange: [1, 32],
  default: 4,
  description: 'How many requests run at once (default 4).',
} as const satisfies ParameterDef

/**
 * The three ways to name invitations (objects from Get-VcsUserInvitation, ids, invitee e-mails), one
 * parameter set each, as Send- and Remove-VcsUserInvitation take them; `action` words the help.
 */
export function invitationTargetParameters(action: string, emailDescription: string) {
  return {
    invitation: {
      type: 'object[]',
      objectType: 'VcsUserInvitation',
      pipeline: 'byValue',
      mandatory: true,
      position: 0,
      sets: ['ByInvitation'],
      aliases: ['UserInvitation'],
      description: `Invitations to ${action} (from Get-VcsUserInvitation).`,
    },
    id: {
      type: 'string[]',
      mandatory: true,
      pipeline: 'byPropertyName',
      sets: ['ById'],
      aliases: ['InvitationId'],
      completer: invitationIds,
      description: 'Invitation ids.',
    },
    email: {
      type: 'string[]',
      mandatory: true,
      // Plain e-mail strings from the pipeline bind here, as for New-VcsUserInvitation.
      pipeline: 'both',
      sets: ['ByEmail'],
      completer: invitationEmails,
      description: `${emailDescription} E-mail strings from the pipeline bind here.`,
    },
  } as const satisfies Record<string, ParameterDef>
}

/**
 * The help text of PowerShell's lookup convention, which every Vcs Get-* cmdlet follows: `what` is
 * the noun (`user`), `parameters` the lookup parameters (`-Name, -Email or -Id`).
 */
export function notFoundHelp(what: string, parameters: string): string {
  return `A ${parameters} value without wildcard characters that finds no ${what} writes a non-terminating "not found" error naming the value (category ObjectNotFound, exit code 1); -ErrorAction Stop makes it terminating, so try/catch catches it. A wildcard pattern that matches nothing writes no error.`
}

/** The user-selecting parameters of the role cmdlets (pipeline objects or e-mails). */
export function roleTargetParameters(verb: string) {
  return {
    user: {
      type: 'object[]',
      objectType: 'VcsUser',
      pipeline: 'byValue',
      mandatory: true,
      position: 0,
      sets: ['ByUser'],
      description: `Users whose roles to ${verb} (from Get-VcsUser).`,
    },
    email: {
      type: 'string[]',
      mandatory: true,
      pipeline: 'both',
      sets: ['ByEmail'],
      completer: userEmails,
      description: 'E-mail addresses of the users; e-mail strings from the pipeline bind here.',
    },
  } as const
}

/** The parameters Compare- and Sync-VcsOrganization share. */
export const desiredStateParameters = {
  path: {
    type: 'string',
    position: 0,
    mandatory: true,
    sets: ['ByPath'],
    completer: 'path',
    description:
      'A CSV file with the desired state: Email, OrganizationRoles, ServiceRoles and optionally Groups; lists in a cell separated by ";" (what Get-VcsUser | Export-Csv writes). A row naming no base role (org_owner, org_admin, org_member) means org_member, as an invitation does.',
  },
  inputObject: {
    type: 'object[]',
    mandatory: true,
    pipeline: 'byValue',
    sets: ['ByInput'],
    description:
      'Desired-state objects with Email, OrganizationRoles (or OrganizationRole), ServiceRoles and optionally Groups properties (from Import-Csv, or built in a script).',
  },
  remove: {
    type: 'switch',
    description: 'Also removes members the desired state does not name (never without this switch).',
  },
  throttleLimit: throttleLimitParameter,
  server: serverParameter,
} as const
