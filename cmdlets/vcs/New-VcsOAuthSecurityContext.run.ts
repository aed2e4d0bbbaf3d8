// The code of New-VcsOAuthSecurityContext (declared in New-VcsOAuthSecurityContext.ts).
import { parseServer, VcsOAuthSecurityContext } from '../../src/auth/index.js'
import { implement } from '../../src/engine/index.js'
import type NewVcsOAuthSecurityContext from './New-VcsOAuthSecurityContext.js'

export const newVcsOAuthSecurityContext = implement<typeof NewVcsOAuthSecurityContext>({
  *process(args) {
    // Keep the scheme for loopback http, so Connect-Vcs reaches the same place.
    const address = parseServer(args.vcsServer)
    const server = address.secure ? address.server : address.baseUrl
    yield args.apiToken !== undefined
      ? new VcsOAuthSecurityContext({ kind: 'ApiToken', apiToken: args.apiToken.trim() }, server)
      : new VcsOAuthSecurityContext(
          { kind: 'OAuthApp', appId: args.appId!, appSecret: args.appSecret!, orgId: args.organizationId },
          server,
        )
  },
})
