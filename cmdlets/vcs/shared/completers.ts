// Where the shell finds values to complete the Vcs parameters with: the names and e-mails the Vcs
// cmdlets themselves list, declared here once and named on each parameter that takes them.
import type { LiveValueSource } from '../../../src/engine/index.js'

/** Organization role names (`org_owner`, ...). */
export const organizationRoleNames: LiveValueSource = {
  name: 'organizationRole',
  cmdlet: 'Get-VcsOrganizationRole',
  property: 'Name',
}
/** Service role names. */
export const serviceRoleNames: LiveValueSource = {
  name: 'serviceRole',
  cmdlet: 'Get-VcsServiceRole',
  property: 'Name',
}
/** Service names. */
export const serviceNames: LiveValueSource = { name: 'service', cmdlet: 'Get-VcsService', property: 'Name' }
/** Group names. */
export const groupNames: LiveValueSource = { name: 'group', cmdlet: 'Get-VcsGroup', property: 'Name' }
/** E-mails of open (Available) invitations. */
export const invitationEmails: LiveValueSource = {
  name: 'invitationEmail',
  cmdlet: 'Get-VcsUserInvitation',
  property: 'Email',
  args: { status: 'Available' },
}
/** E-mails of the organization's users. */
export const userEmails: LiveValueSource = { name: 'userEmail', cmdlet: 'Get-VcsUser', property: 'Email' }
/** Ids of open (Available) invitations; fetched with their e-mails in one listing. */
export const invitationIds: LiveValueSource = {
  name: 'invitationId',
  cmdlet: 'Get-VcsUserInvitation',
  property: 'Id',
  args: { status: 'Available' },
}
/** Names of the organization's users; fetched with their e-mails in one listing. */
export const userNames: LiveValueSource = { name: 'userName', cmdlet: 'Get-VcsUser', property: 'Name' }
