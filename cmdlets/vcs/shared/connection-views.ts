// Default views of the connection types, registered once when the connection cmdlets load. Columns
// give way on a narrow terminal by `priority` (1 = kept longest), as in views.ts.
import { formatDate, type TypeView } from '../../../src/engine/index.js'

const when = (value: unknown) => (value instanceof Date ? formatDate(value) : '')

/** The default views of VcsServer. */
export const vcsServerView: TypeView = {
  table: [
    { label: 'Name', value: 'Name', minWidth: 10, priority: 1 },
    { label: 'Server', value: 'Server', minWidth: 10, priority: 2 },
    { label: 'User', value: 'User', minWidth: 8, priority: 3 },
    { label: 'OrgName', value: 'OrgName', minWidth: 8, priority: 4 },
    { label: 'AuthType', value: 'AuthType', priority: 5 },
    {
      label: 'TokenExpiresAt',
      value: (record: { TokenExpiresAt?: unknown }) => when(record.TokenExpiresAt),
      minWidth: 16,
      priority: 6,
    },
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
    { label: 'VcsServer', value: 'VcsServer', minWidth: 10, priority: 1 },
    { label: 'Type', value: 'Type', priority: 2 },
    { label: 'ApiTokenPreview', value: 'ApiTokenPreview', priority: 3 },
    { label: 'AppId', value: 'AppId', priority: 4 },
  ],
}
