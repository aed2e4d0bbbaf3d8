// Read-Host, ConvertTo-SecureString, ConvertFrom-SecureString and Get-Credential: what ported scripts
// use to ask for a token or a password (`Connect-Vcs -ApiToken (Read-Host -AsSecureString)`). The
// secret stays a SecureString: it shows as "System.Security.SecureString", is redacted everywhere,
// and only a secret parameter unwraps it.
import { defineCmdlet, type TypeView } from '../../src/engine/index.js'

const pSCredentialView: TypeView = {
  table: [
    { label: 'UserName', value: 'UserName' },
    { label: 'Password', value: 'Password' },
  ],
}

/** Read-Host: a line (or a hidden secret) typed by the user. */
export const ReadHost = defineCmdlet({
  name: 'Read-Host',
  synopsis: 'Asks the user for a line of text, or a hidden secret with -AsSecureString.',
  parameters: {
    prompt: { type: 'any', position: 0, description: 'The question (": " is added).' },
    asSecureString: { type: 'switch', description: 'Hides the input and returns a SecureString.' },
    maskInput: { type: 'switch', description: 'Hides the input and returns text.' },
  },
  examples: [
    { title: 'Ask for a token', code: "$token = Read-Host 'API token' -AsSecureString", bindOnly: true },
  ],
  load: () => import('./Read-Host.run.js'),
})

/** ConvertTo-SecureString: text to a SecureString. */
export const ConvertToSecureString = defineCmdlet({
  name: 'ConvertTo-SecureString',
  synopsis: 'Makes a SecureString from plain text (-AsPlainText -Force).',
  description:
    'Encrypted standard strings (DPAPI or -Key) are not supported: vcs-shell says so rather than guess.',
  parameters: {
    string: { type: 'secret', position: 0, mandatory: true, pipeline: 'byValue', description: 'The text.' },
    asPlainText: { type: 'switch', description: 'The text is plain text.' },
    force: { type: 'switch', description: 'Confirms plain text is meant.' },
  },
  examples: [
    {
      title: 'A token from an environment variable',
      code: "ConvertTo-SecureString 'token-value' -AsPlainText -Force | ForEach-Object Length",
      expect: [11],
    },
  ],
  load: () => import('./Read-Host.run.js'),
})

/** ConvertFrom-SecureString: a SecureString's text (-AsPlainText). */
export const ConvertFromSecureString = defineCmdlet({
  name: 'ConvertFrom-SecureString',
  synopsis: 'Returns the text of a SecureString with -AsPlainText.',
  description: 'Encrypted output (DPAPI or -Key) is not supported: vcs-shell says so rather than guess.',
  parameters: {
    secureString: {
      type: 'any',
      position: 0,
      mandatory: true,
      pipeline: 'byValue',
      description: 'The SecureString.',
    },
    asPlainText: { type: 'switch', description: 'Returns the plain text.' },
  },
  examples: [
    {
      title: 'Back to text',
      code: "ConvertTo-SecureString 'abc' -AsPlainText -Force | ConvertFrom-SecureString -AsPlainText",
      expect: ['abc'],
    },
  ],
  load: () => import('./Read-Host.run.js'),
})

/** Get-Credential: a user name and a password, asked for. */
export const GetCredential = defineCmdlet({
  name: 'Get-Credential',
  views: { PSCredential: pSCredentialView },
  synopsis: 'Asks for a user name and a password and returns them as a credential.',
  description:
    '$cred.UserName is the name; $cred.Password a SecureString; $cred.GetNetworkCredential().Password its text.',
  parameters: {
    userName: {
      type: 'string',
      position: 0,
      aliases: ['Credential'],
      description: 'The user name (asked for when missing).',
    },
    message: { type: 'string', description: 'Shown before asking.' },
  },
  examples: [
    {
      title: 'Ask for an OAuth app secret',
      code: "$cred = Get-Credential -UserName 'my-app-id'",
      bindOnly: true,
    },
  ],
  load: () => import('./Read-Host.run.js'),
})

export default ReadHost
