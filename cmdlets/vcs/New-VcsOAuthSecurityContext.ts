// New-VcsOAuthSecurityContext: PowerCLI's way to hold a credential in a variable. The object shows a
// four-character preview; the secret itself is out of reach of every formatter and serializer.
import { defineCmdlet } from '../../src/engine/index.js'
import { vcsOAuthSecurityContextView } from './shared/connection-views.js'
import type { VcsOAuthSecurityContext } from '../../src/auth/index.js'

// Declared apart so that the output type can be named (the code yielding it is in the .run.ts).
const parameters = {
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
} as const

export default defineCmdlet<typeof parameters, VcsOAuthSecurityContext>({
  name: 'New-VcsOAuthSecurityContext',
  synopsis: 'Creates a security context from an API token or a server-to-server OAuth app, for Connect-Vcs.',
  output: 'VcsOAuthSecurityContext',
  views: { VcsOAuthSecurityContext: vcsOAuthSecurityContextView },
  // Builds a local object; the CLI need not connect from the environment first.
  requiresConnection: false,
  parameterSets: { ApiToken: { default: true }, Service: {} },
  parameters,
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
  load: () => import('./New-VcsOAuthSecurityContext.run.js'),
})
