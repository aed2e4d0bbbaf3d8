// New-VcsOAuthSecurityContext: PowerCLI's way to hold a credential in a variable. The object shows a
// four-character preview; the secret itself is out of reach of every formatter and serializer.
import { parseServer, VcsOAuthSecurityContext } from '../../src/auth/index.js'
import { defineCmdlet } from '../../src/engine/index.js'
import { vcsOAuthSecurityContextView } from './shared/connection-views.js'

export default defineCmdlet({
  name: 'New-VcsOAuthSecurityContext',
  synopsis: 'Creates a security context from an API token or a server-to-server OAuth app, for Connect-Vcs.',
  output: 'VcsOAuthSecurityContext',
  views: { VcsOAuthSecurityContext: vcsOAuthSecurityContextView },
  // Builds a local object; the CLI need not connect from the environment first.
  requiresConnection: false,
  parameterSets: { ApiToken: { default: true }, Service: {} },
  parameters: {
    vcsServer: {
      type: 'string',
      position: 0,
      default: 'console.cloud.vmware.com',
      aliases: ['Server'],
      description: 'The CSP server the context is for.',
    },
    apiToken: { type: 'secret', mandatory: true, sets: ['ApiToken'], description: 'A CSP API token.' },
    appId: { type: 'string', mandatory: true, sets: ['Service'], description: 'The OAuth app id.' },
    appSecret: { type: 'secret', mandatory: true, sets: ['Service'], description: 'The OAuth app secret.' },
    organizationId: {
      type: 'string',
      mandatory: true,
      sets: ['Service'],
      aliases: ['OrgId'],
      description: 'The organization the app acts in.',
    },
  },
  examples: [
    {
      title: 'A context for a server-to-server app',
      code: 'New-VcsOAuthSecurityContext -AppId $appId -AppSecret $secret -OrganizationId $orgId',
      bindOnly: true,
    },
    {
      title: 'A context for an API token',
      code: 'New-VcsOAuthSecurityContext -ApiToken $token',
      bindOnly: true,
    },
  ],
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
