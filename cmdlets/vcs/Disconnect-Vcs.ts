// Disconnect-Vcs: drops connections from the session (the default one when no -Server is named, all
// with -Force) and, with -Forget, deletes the API token saved for the server and its cached tokens.
import { defineCmdlet } from '../../src/engine/index.js'

export default defineCmdlet({
  name: 'Disconnect-Vcs',
  synopsis: 'Closes CSP connections and, with -Forget, deletes the saved credential.',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  parameters: {
    server: {
      // Strings (names or servers, wildcards) or VcsServer records from Get-VcsConnection, which
      // select exactly their own connection even when two connections share a host.
      type: 'any[]',
      position: 0,
      wildcards: true,
      pipeline: 'byValue',
      aliases: ['Name'],
      description: 'Connection names or servers, or VcsServer records; default: the default connection.',
    },
    force: { type: 'switch', description: 'Closes every connection of the session.' },
    forget: {
      type: 'switch',
      description: 'Also deletes the API token saved for the server and its cached tokens.',
    },
    credentialStore: {
      type: 'string',
      validateSet: ['Keychain', 'File', 'Memory'],
      description: 'The store to forget from (default: VCS_CREDENTIAL_STORE, else the OS keychain).',
    },
  },
  examples: [
    { title: 'Close the default connection', code: 'Disconnect-Vcs' },
    {
      title: 'Close it and delete the saved API token',
      code: 'Disconnect-Vcs -Server console.cloud.vmware.com -Forget',
      bindOnly: true,
    },
    { title: 'Close every connection', code: 'Disconnect-Vcs -Force', bindOnly: true },
  ],
  load: () => import('./Disconnect-Vcs.run.js'),
})
