// The code of Connect-Vcs (declared in Connect-Vcs.ts).
import { connect, VcsOAuthSecurityContext, type VcsServerRecord } from '../../src/auth/index.js'
import { publishDefaultServers } from './shared/default-servers.js'
import { refusesAppMutations } from '../../src/csp/endpoints.js'
import { getDefaultSession, implement } from '../../src/engine/index.js'
import type ConnectVcs from './Connect-Vcs.js'

export const connectVcs = implement<typeof ConnectVcs>({
  async *process(args, ctx): AsyncGenerator<VcsServerRecord> {
    // The library's plain `await connectVcs(...)` (its default session) does not wait for the org
    // name, so the caller's first request is not queued behind that lookup; the shell and scripts
    // print the record at once, so they wait for it.
    const orgNameInBackground = ctx.session === getDefaultSession()
    const connection = await connect(
      {
        orgNameInBackground,
        server: ctx.boundParameters.has('server') ? args.server : undefined,
        apiToken: args.apiToken,
        passcode: args.passcode,
        oauthSecurityContext: args.oauthSecurityContext as VcsOAuthSecurityContext | undefined,
        saveApiToken: args.saveApiToken,
        notDefault: args.notDefault,
        name: args.name,
        skipCertificateCheck: args.skipCertificateCheck,
        caFile: args.caFile,
        timeoutSec: args.timeoutSec,
        credentialStore: args.credentialStore as 'Keychain' | 'File' | 'Memory' | undefined,
        host: ctx.host,
        log: {
          warn: (message) => ctx.writeWarning(message),
          verbose: (message) => ctx.writeVerbose(message),
        },
        signal: ctx.signal,
      },
      ctx.session,
    )
    if (connection.authType === 'OAuthApp' && refusesAppMutations(connection.server)) {
      ctx.writeWarning(
        `${connection.server} does not let OAuth apps invite or remove users (New-VcsUserInvitation and Remove-VcsUser will be refused with 403); reading works. For those, connect with an API token of an organization owner or administrator.`,
      )
    }
    publishDefaultServers(ctx.session)
    const record = connection.toRecord(!args.notDefault)
    if (orgNameInBackground && connection.knownOrgName === undefined) {
      // Null (unknown) until the lookup answers, then the name: the record follows the connection.
      // Reading OrgName starts the lookup; a caller that never reads it sends no request for it.
      Object.defineProperty(record, 'OrgName', {
        get: () => connection.orgName ?? null,
        enumerable: true,
        configurable: true,
      })
    }
    yield record
  },
})
