// Default views of the connection types, registered once when the connection cmdlets load.
import { formatDate, type TypeView } from '../../../src/engine/index.js'

const when = (value: unknown) => (value instanceof Date ? formatDate(value) : '')

/** The default views of VcsServer. */
export const vcsServerView: TypeView = {
  table: [
    { label: 'Name', value: 'Name', minWidth: 10 },
    { label: 'Server', value: 'Server', minWidth: 10 },
    { label: 'User', value: 'User', minWidth: 8 },
    { label: 'OrgName', value: 'OrgName', minWidth: 8 },
    { label: 'AuthType', value: 'AuthType' },
    { label: 'TokenExpiresAt', value: (record: { TokenExpiresAt?: unknown }) => when(record.TokenExpiresAt) },
  ],
  list: [
    'Name',
    'Server',
    'User',
    'OrgId',
    'OrgName',
    'AuthType',
    'IsDefault',
    'TokenExpiresAt',
    'ApiTokenExpiresAt',
    'ServiceUri',
  ],
}

/** The default views of VcsOAuthSecurityContext. */
export const vcsOAuthSecurityContextView: TypeView = {
  table: [
    { label: 'VcsServer', value: 'VcsServer', minWidth: 10 },
    { label: 'Type', value: 'Type' },
    { label: 'ApiTokenPreview', value: 'ApiTokenPreview' },
    { label: 'AppId', value: 'AppId' },
  ],
}
