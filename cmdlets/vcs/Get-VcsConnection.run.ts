// The code of Get-VcsConnection (declared in Get-VcsConnection.ts).
import { apiTokenExpiryWarning, listConnections, type VcsServerRecord } from '../../src/auth/index.js'
import { implement } from '../../src/engine/index.js'
import { selectItems } from './shared/lookups.js'
import type GetVcsConnection from './Get-VcsConnection.js'

export const getVcsConnection = implement<typeof GetVcsConnection>({
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
