// Get-VcsConnection: the session's connections with their access-token expiry and, for API tokens,
// the token's own expiry from CSP's token-details endpoint, warning when it is near: an expired API
// token is the one failure token refresh cannot fix.
import { apiTokenExpiryWarning, listConnections, type VcsServerRecord } from '../../src/auth/index.js'
import { defineCmdlet } from '../../src/engine/index.js'
import { selectItems } from './shared/lookups.js'
import { notFoundHelp } from './shared/parameters.js'
import { vcsServerView } from './shared/connection-views.js'

export default defineCmdlet({
  name: 'Get-VcsConnection',
  synopsis: 'Lists the CSP connections of this session and when their tokens expire.',
  description: `Lists the connections of this session with the expiry of their access tokens and, for API tokens, of the API token itself, warning when it is near. ${notFoundHelp('connection', '-Name')}`,
  output: 'VcsServer',
  views: { VcsServer: vcsServerView },
  parameters: {
    name: {
      type: 'string[]',
      position: 0,
      wildcards: true,
      aliases: ['Server'],
      description: 'Connection names or servers.',
    },
  },
  examples: [
    { title: 'The connections of this session', code: 'Get-VcsConnection', expect: { count: 1 } },
    {
      title: 'The connections and their token expiry',
      code: 'Get-VcsConnection | Format-List',
      bindOnly: true,
    },
  ],
  async *process(args, ctx): AsyncGenerator<VcsServerRecord> {
    const connections = selectItems(
      listConnections(ctx.session),
      'connection',
      [
        {
          values: args.name,
          label: 'named',
          fields: ({ connection }) => [connection.name, connection.server, connection.baseUrl],
        },
      ],
      (error, target) => ctx.writeError(error, target),
    )
    for (const { connection, isDefault } of connections) {
      let apiTokenExpiresAt: Date | null = null
      // The org name may still be on its way (a one-shot connects without waiting for it).
      const orgNameReady = connection.orgNameReady
      if (connection.authType === 'ApiToken') {
        try {
          apiTokenExpiresAt = (await connection.apiTokenDetails(ctx.signal, ctx.session))?.expiresAt ?? null
        } catch (error) {
          ctx.writeWarning(
            `The API token's expiry for ${connection.server} is unknown: ${(error as Error).message}`,
          )
        }
        const warning = apiTokenExpiresAt && apiTokenExpiryWarning(connection.name, apiTokenExpiresAt)
        if (warning) ctx.writeWarning(warning)
      }
      await orgNameReady
      yield connection.toRecord(isDefault, apiTokenExpiresAt)
    }
  },
})
