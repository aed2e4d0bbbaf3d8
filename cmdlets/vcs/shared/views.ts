// Default table views of the Vcs output types: the columns people scan first, the rest available
// through Format-List or Select-Object. On a narrow terminal the columns give way by `priority`
// (1 = kept longest): shortened to `minWidth` (else their label) first, then left out; identifying
// columns (`keepWhole`: Email, Id) are not cut while another column can give way or go, since a
// cut address or id cannot be used.
import { type TypeView } from '../../../src/engine/index.js'

/** The default views of VcsUser. */
export const vcsUserView: TypeView = {
  table: [
    { label: 'Name', value: 'Name', minWidth: 12, priority: 2 },
    { label: 'Email', value: 'Email', priority: 1, keepWhole: true },
    { label: 'OrganizationRoles', value: 'OrganizationRoles', priority: 3 },
    { label: 'ServiceRoles', value: 'ServiceRoles', priority: 4 },
  ],
  list: [
    'Id',
    'Name',
    'Username',
    'Email',
    'FirstName',
    'LastName',
    'OrganizationRoles',
    'ServiceRoles',
    'Uid',
  ],
}

/** The default views of VcsUserInvitation. */
export const vcsUserInvitationView: TypeView = {
  table: [
    { label: 'Email', value: 'Email', priority: 1, keepWhole: true },
    { label: 'Status', value: 'Status', minWidth: 9, priority: 3 },
    { label: 'ExpiredDate', value: 'ExpiredDate', minWidth: 16, priority: 4 },
    { label: 'OrganizationRoles', value: 'OrganizationRoles', priority: 5 },
    { label: 'Id', value: 'Id', priority: 2, keepWhole: true },
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
    'Uid',
  ],
}

/** The default views of VcsOrganizationRole. */
export const vcsOrganizationRoleView: TypeView = {
  table: [
    { label: 'Name', value: 'Name', priority: 1, keepWhole: true },
    { label: 'DisplayName', value: 'DisplayName', minWidth: 16, priority: 2 },
  ],
}

/** The default views of VcsService. */
export const vcsServiceView: TypeView = {
  table: [
    { label: 'Name', value: 'Name', minWidth: 16, priority: 1 },
    { label: 'Id', value: 'Id', priority: 2, keepWhole: true },
    { label: 'Roles', value: 'Roles', minWidth: 10, priority: 3 },
  ],
  list: ['Id', 'Name', 'Description', 'SelfLink', 'Roles', 'Uid'],
}

/** The default views of VcsServiceRole. */
export const vcsServiceRoleView: TypeView = {
  table: [
    { label: 'Name', value: 'Name', priority: 1, keepWhole: true },
    { label: 'DisplayName', value: 'DisplayName', minWidth: 14, priority: 3 },
    { label: 'ServiceName', value: 'ServiceName', minWidth: 14, priority: 2 },
  ],
}

/** The default views of VcsGroup. */
export const vcsGroupView: TypeView = {
  table: [
    { label: 'Name', value: 'Name', minWidth: 16, priority: 1 },
    { label: 'Type', value: 'Type', priority: 3 },
    { label: 'UsersCount', value: 'UsersCount', align: 'right', priority: 4 },
    { label: 'Id', value: 'Id', priority: 2, keepWhole: true },
  ],
}

/** The default views of VcsInvitationResult. */
export const vcsInvitationResultView: TypeView = {
  table: [
    { label: 'Email', value: 'Email', priority: 1, keepWhole: true },
    { label: 'Result', value: 'Result', minWidth: 8, priority: 2 },
    { label: 'InvitationId', value: 'InvitationId', priority: 4, keepWhole: true },
    { label: 'Reason', value: 'Reason', minWidth: 10, priority: 3 },
  ],
}

/** The default views of VcsUserRemovalResult. */
export const vcsUserRemovalResultView: TypeView = {
  table: [
    { label: 'Email', value: 'Email', priority: 1, keepWhole: true },
    { label: 'Result', value: 'Result', minWidth: 8, priority: 2 },
    { label: 'Reason', value: 'Reason', minWidth: 10, priority: 3 },
    { label: 'Id', value: 'Id', priority: 4, keepWhole: true },
  ],
}

/** What Add-/Remove-VcsUserRole and Set-VcsUser -PassThru output per user. */
export const vcsUserRoleResultView: TypeView = {
  table: [
    { label: 'Email', value: 'Email', priority: 1, keepWhole: true },
    { label: 'Result', value: 'Result', minWidth: 8, priority: 2 },
    { label: 'Added', value: 'Added', minWidth: 8, priority: 3 },
    { label: 'Removed', value: 'Removed', minWidth: 8, priority: 4 },
    { label: 'Reason', value: 'Reason', minWidth: 10, priority: 5 },
  ],
}

/** What Add-/Remove-VcsGroupMember -PassThru output per user. */
export const vcsGroupMemberResultView: TypeView = {
  table: [
    { label: 'Group', value: 'Group', priority: 2 },
    { label: 'Email', value: 'Email', priority: 1, keepWhole: true },
    { label: 'Result', value: 'Result', minWidth: 8, priority: 3 },
    { label: 'Reason', value: 'Reason', minWidth: 10, priority: 4 },
  ],
}

/** The table and list views of a plan step. */
export const vcsSyncActionView: TypeView = {
  table: [
    { label: 'Action', value: 'Action', minWidth: 6, priority: 2 },
    { label: 'Email', value: 'Email', priority: 1, keepWhole: true },
    { label: 'Add', value: 'Add', minWidth: 8, priority: 3 },
    { label: 'Remove', value: 'Remove', minWidth: 8, priority: 4 },
    { label: 'Reason', value: 'Reason', minWidth: 10, priority: 5 },
  ],
  list: ['Action', 'Email', 'Add', 'Remove', 'Reason', 'Id'],
}
