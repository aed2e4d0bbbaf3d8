// Get-VcsConnection: the session's connections with their access-token expiry and, for API tokens,
// the token's own expiry from CSP's token-details endpoint, warning when it is near: an expired API
// token is the one failure token refresh cannot fix.
import { defineCmdlet } from '../../src/engine/index.js'
import { notFoundHelp } from './shared/parameters.js'
import { vcsServerView } from './shared/connection-views.js'
import type { VcsServerRecord } from '../../src/auth/index.js'

// Declared apart so that the output type can be named (the code yielding it is in the .run.ts).
const parameters = {
  name: {
    type: 'string[]',
    position: 0,
    wildcards: true,
    aliases: ['Server'],
    description: 'Connection names or servers.',
  },
} as const

export default defineCmdlet<typeof parameters, VcsServerRecord>({
  name: 'Get-VcsConnection',
  synopsis: 'Lists the CSP connections of this session and when their tokens expire.',
  description: `Lists the connections of this session with the expiry of their access tokens and, for API tokens, of the API token itself, warning when it is near. ${notFoundHelp('connection', '-Name')}`,
  output: 'VcsServer',
  views: { VcsServer: vcsServerView },
  parameters,
  examples: [
    { title: 'The connections of this session', code: 'Get-VcsConnection', expect: { count: 1 } },
    {
      title: 'The connections and their token expiry',
      code: 'Get-VcsConnection | Format-List',
      bindOnly: true,
    },
  ],
  load: () => import('./Get-VcsConnection.run.js'),
})
