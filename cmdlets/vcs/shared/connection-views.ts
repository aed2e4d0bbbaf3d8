// Default views of the connection types, registered once when the connection cmdlets load.
import { formatDate, registerView } from '../../../src/engine/index.js'

const when = (value: unknown) => (value instanceof Date ? formatDate(value) : '')

registerView('VcsServer', {
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
})

registerView('VcsOAuthSecurityContext', {
  table: [
    { label: 'VcsServer', value: 'VcsServer', minWidth: 10 },
    { label: 'Type', value: 'Type' },
    { label: 'ApiTokenPreview', value: 'ApiTokenPreview' },
    { label: 'AppId', value: 'AppId' },
  ],
})
