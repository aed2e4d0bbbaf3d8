// Connect-Vcs: PowerCLI's parameter names, plus -Name, TLS options and the store choice. The secret
// arrives as a 'secret' parameter (redacted everywhere), from a security context, from the keychain
// or from a hidden prompt, never echoed back.
import { defineCmdlet } from '../../src/engine/index.js'
import { vcsServerView } from './shared/connection-views.js'
import type { VcsServerRecord } from '../../src/auth/index.js'

// Declared apart so that the output type can be named (the library function is typed by it); the
// code that yields it is in Connect-Vcs.run.ts.
const parameters = {
  server: {
    type: 'string',
    position: 0,
    default: 'console.cloud.vmware.com',
    description: 'Host name or URL of the CSP server (http only to loopback addresses).',
  },
  apiToken: {
    type: 'secret',
    sets: ['ApiToken'],
    description: 'A CSP API token (My Account > API Tokens).',
  },
  oauthSecurityContext: {
    type: 'object',
    objectType: 'VcsOAuthSecurityContext',
    sets: ['OAuth'],
    mandatory: true,
    pipeline: 'byValue',
    description: 'A context from New-VcsOAuthSecurityContext (API token or server-to-server app).',
  },
  passcode: {
    type: 'string',
    sets: ['ApiToken'],
    description:
      'The MFA passcode an MFA-enforced API token needs (default $env:VCS_PASSCODE). In the interactive shell, Connect-Vcs asks for it with hidden input when CSP says it is needed. A passcode is single-use: when the access token must be renewed (every 30 minutes), connect again with a fresh one.',
  },
  saveApiToken: {
    type: 'switch',
    sets: ['ApiToken'],
    description: 'Saves the API token in the credential store.',
  },
  notDefault: { type: 'switch', description: 'Does not make this the default connection.' },
  name: { type: 'string', description: 'Name of the connection (default: the server host).' },
  skipCertificateCheck: {
    type: 'switch',
    aliases: ['IgnoreSslValidationErrors'],
    description:
      'Turns TLS certificate verification off (warns). -IgnoreSslValidationErrors is PowerCLI’s name for it.',
  },
  caFile: { type: 'string', description: 'PEM file of a CA to trust for this server.', completer: 'path' },
  timeoutSec: {
    type: 'int',
    validateRange: [1, 86_400],
    description:
      'Seconds to wait for an answer (and between parts of it) on every request of this connection; default VCS_HTTP_TIMEOUT, else 60.',
  },
  credentialStore: {
    type: 'string',
    validateSet: ['Keychain', 'File', 'Memory'],
    description: 'Where saved and cached credentials live (default: the OS keychain).',
  },
} as const

export default defineCmdlet<typeof parameters, VcsServerRecord>({
  name: 'Connect-Vcs',
  synopsis: 'Connects to a CSP organization with an API token or an OAuth app.',
  description:
    'Exchanges the credential for an access token, which is then refreshed automatically. With no credential it uses the API token saved for the server; with none saved it prompts (interactive shell only).',
  output: 'VcsServer',
  views: { VcsServer: vcsServerView },
  parameterSets: { ApiToken: { default: true }, OAuth: {} },
  parameters,
  examples: [
    {
      title: 'Connect with an API token kept in the keychain',
      code: 'Connect-Vcs -Server console.cloud.vmware.com -ApiToken $token -SaveApiToken',
      bindOnly: true,
    },
    {
      title: 'Connect with a server-to-server OAuth app',
      code: '$ctx = New-VcsOAuthSecurityContext -AppId $appId -AppSecret $secret -OrganizationId $orgId\nConnect-Vcs -OAuthSecurityContext $ctx',
      bindOnly: true,
    },
    {
      title: 'Connect again later with the saved token',
      code: 'Connect-Vcs -Server console.cloud.vmware.com',
      bindOnly: true,
    },
  ],
  load: () => import('./Connect-Vcs.run.js'),
})
