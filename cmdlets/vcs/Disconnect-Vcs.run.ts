// The code of Disconnect-Vcs (declared in Disconnect-Vcs.ts).
import {
  forgetSavedCredential,
  getConnection,
  listConnections,
  removeConnection,
  type Connection,
} from '../../src/auth/index.js'
import { DEFAULT_SERVER } from '../../src/auth/index.js'
import { publishDefaultServers } from './shared/default-servers.js'
import { AuthError, implement, matchWildcard, typeNameOf } from '../../src/engine/index.js'
import type DisconnectVcs from './Disconnect-Vcs.js'

export const disconnectVcs = implement<typeof DisconnectVcs>({
  async process(args, ctx) {
    const all = listConnections(ctx.session).map((entry) => entry.connection)
    const targets: Connection[] = []
    const forgetOnly: string[] = []
    if (args.force && !args.server) targets.push(...all)
    else if (!args.server) {
      if (all.length === 0 && args.forget) forgetOnly.push(DEFAULT_SERVER)
      else if (all.length > 0) targets.push(getConnection(ctx.session))
      else ctx.writeError(new AuthError('NotConnected', 'You are not connected to a CSP organization.'))
    } else {
      for (const item of args.server) {
        const record = typeNameOf(item) === 'VcsServer' ? (item as { Name: string }) : undefined
        const pattern = record ? record.Name : String(item)
        const matches = record
          ? all.filter((c) => c.name === record.Name)
          : all.filter((c) => [c.name, c.server, c.baseUrl].some((value) => matchWildcard(value, pattern)))
        if (matches.length > 0) targets.push(...matches.filter((match) => !targets.includes(match)))
        else if (args.forget) forgetOnly.push(pattern)
        else {
          ctx.writeError(
            new AuthError('NotConnected', `You are not connected to "${pattern}".`, { target: pattern }),
            pattern,
          )
        }
      }
    }
    const store = args.credentialStore as 'Keychain' | 'File' | 'Memory' | undefined
    for (const connection of targets) {
      if (
        !(await ctx.shouldProcess(
          connection.name,
          args.forget ? 'Disconnect and forget the saved credential' : 'Disconnect',
        ))
      ) {
        continue
      }
      if (args.forget) {
        const deleted = await forgetSavedCredential(connection.baseUrl, {
          connection,
          credentialStore: store,
          warn: (message) => ctx.writeWarning(message),
        })
        ctx.writeVerbose(
          deleted
            ? `Forgot the credential saved for ${connection.server}.`
            : `Nothing was saved for ${connection.server}.`,
        )
      }
      removeConnection(connection, ctx.session)
      publishDefaultServers(ctx.session)
      ctx.writeVerbose(`Disconnected from ${connection.server}.`)
    }
    for (const server of forgetOnly) {
      if (!(await ctx.shouldProcess(server, 'Forget the saved credential'))) continue
      const deleted = await forgetSavedCredential(server, {
        credentialStore: store,
        warn: (message) => ctx.writeWarning(message),
      })
      ctx.writeVerbose(
        deleted ? `Forgot the credential saved for ${server}.` : `Nothing was saved for ${server}.`,
      )
    }
  },
})
