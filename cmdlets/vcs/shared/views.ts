// Default table views of the Vcs output types, sized for a 100-column terminal: the columns people
// scan first, the rest available through Format-List or Select-Object.
import { type TypeView } from '../../../src/engine/index.js'

/** The default views of VcsUser. */
export const vcsUserView: TypeView = {
  table: [
    { label: 'Name', value: 'Name', minWidth: 12 },
    { label: 'Email', value: 'Email', minWidth: 16 },
    { label: 'OrganizationRoles', value: 'OrganizationRoles', minWidth: 10 },
    { label: 'ServiceRoles', value: 'ServiceRoles', minWidth: 10 },
  ],
  list: ['Id', 'Name', 'Username', 'Email', 'FirstName', 'LastName', 'OrganizationRoles', 'ServiceRoles'],
}

/** The default views of VcsUserInvitation. */
export const vcsUserInvitationView: TypeView = {
  table: [
    { label: 'Email', value: 'Email', minWidth: 16 },
    { label: 'Status', value: 'Status', minWidth: 9 },
    { label: 'ExpiredDate', value: 'ExpiredDate', minWidth: 16 },
    { label: 'OrganizationRoles', value: 'OrganizationRoles', minWidth: 10 },
    { label: 'Id', value: 'Id', minWidth: 8 },
  ],
  list: [
    'Id',
    'Email',
    'Status',
    'CreatedBy',
    'CreatedDate',
    'ExpiredDate',
    'RedeemedBy',
    'RedeemedDate',
    'RevokedDate',
    'OrganizationRoles',
    'ServiceRoles',
    'Groups',
  ],
}

/** The default views of VcsOrganizationRole. */
export const vcsOrganizationRoleView: TypeView = {
  table: [
    { label: 'Name', value: 'Name', minWidth: 12 },
    { label: 'DisplayName', value: 'DisplayName', minWidth: 16 },
  ],
}

/** The default views of VcsService. */
export const vcsServiceView: TypeView = {
  table: [
    { label: 'Name', value: 'Name', minWidth: 16 },
    { label: 'Id', value: 'Id', minWidth: 12 },
    { label: 'Roles', value: 'Roles', minWidth: 10 },
  ],
  list: ['Id', 'Name', 'Description', 'SelfLink', 'Roles'],
}

/** The default views of VcsServiceRole. */
export const vcsServiceRoleView: TypeView = {
  table: [
    { label: 'Name', value: 'Name', minWidth: 14 },
    { label: 'DisplayName', value: 'DisplayName', minWidth: 14 },
    { label: 'ServiceName', value: 'ServiceName', minWidth: 14 },
  ],
}

/** The default views of VcsGroup. */
export const vcsGroupView: TypeView = {
  table: [
    { label: 'Name', value: 'Name', minWidth: 16 },
    { label: 'Type', value: 'Type', minWidth: 10 },
    { label: 'UsersCount', value: 'UsersCount', align: 'right' },
    { label: 'Id', value: 'Id', minWidth: 8 },
  ],
}

/** The default views of VcsInvitationResult. */
export const vcsInvitationResultView: TypeView = {
  table: [
    { label: 'Email', value: 'Email', minWidth: 16 },
    { label: 'Result', value: 'Result', minWidth: 8 },
    { label: 'InvitationId', value: 'InvitationId', minWidth: 8 },
    { label: 'Reason', value: 'Reason', minWidth: 10 },
  ],
}

/** The default views of VcsUserRemovalResult. */
export const vcsUserRemovalResultView: TypeView = {
  table: [
    { label: 'Email', value: 'Email', minWidth: 16 },
    { label: 'Result', value: 'Result', minWidth: 8 },
    { label: 'Reason', value: 'Reason', minWidth: 10 },
    { label: 'Id', value: 'Id', minWidth: 8 },
  ],
}
