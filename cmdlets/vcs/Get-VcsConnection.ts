// Get-VcsConnection: the session's connections with their access-token expiry and, for API tokens,
// the token's own expiry from CSP's token-details endpoint, warning when it is near: an expired API
// token is the one failure token refresh cannot fix.
import { listConnections, type VcsServerRecord } from '../../src/auth/index.js'
import { defineCmdlet, formatDate, matchWildcard } from '../../src/engine/index.js'

/** Warn this long before an API token expires. */
const WARN_DAYS = 14

export default defineCmdlet({
  name: 'Get-VcsConnection',
  synopsis: 'Lists the CSP connections of this session and when their tokens expire.',
  output: 'VcsServer',
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
    {
      title: 'The connections and their token expiry',
      code: 'Get-VcsConnection | Format-List',
      bindOnly: true,
    },
  ],
  async *process(args, ctx): AsyncGenerator<VcsServerRecord> {
    for (const { connection, isDefault } of listConnections(ctx.session)) {
      const values = [connection.name, connection.server, connection.baseUrl]
      if (args.name && !args.name.some((pattern) => values.some((value) => matchWildcard(value, pattern))))
        continue
      let apiTokenExpiresAt: Date | null = null
      if (connection.authType === 'ApiToken') {
        try {
          apiTokenExpiresAt = (await connection.apiTokenDetails(ctx.signal))?.expiresAt ?? null
        } catch (error) {
          ctx.writeWarning(
            `The API token's expiry for ${connection.server} is unknown: ${(error as Error).message}`,
          )
        }
        if (apiTokenExpiresAt) {
          const daysLeft = (apiTokenExpiresAt.getTime() - Date.now()) / 86_400_000
          if (daysLeft < WARN_DAYS) {
            ctx.writeWarning(
              daysLeft <= 0
                ? `The API token for ${connection.name} expired on ${formatDate(apiTokenExpiresAt)}: create a new one in the CSP console.`
                : `The API token for ${connection.name} expires on ${formatDate(apiTokenExpiresAt)} (in ${Math.ceil(daysLeft)} days): create a new one in the CSP console.`,
            )
          }
        }
      }
      yield connection.toRecord(isDefault, apiTokenExpiresAt)
    }
  },
})
