// Read-Host, ConvertTo-SecureString, ConvertFrom-SecureString and Get-Credential: what ported scripts
// use to ask for a token or a password (`Connect-Vcs -ApiToken (Read-Host -AsSecureString)`). The
// secret stays a SecureString: it shows as "System.Security.SecureString", is redacted everywhere,
// and only a secret parameter unwraps it.
import {
  defineCmdlet,
  SecureString,
  UsageError,
  withTypeName,
  type TypeView,
} from '../../src/engine/index.js'

const pSCredentialView: TypeView = {
  table: [
    { label: 'UserName', value: 'UserName' },
    { label: 'Password', value: 'Password' },
  ],
}

function needsHost(command: string): UsageError {
  return new UsageError(
    'ConfirmationRequired',
    `${command} needs an interactive shell to ask, and this run cannot ask.`,
    {
      hint: 'Pass the value as a parameter, or read it from an environment variable ($env:NAME).',
    },
  )
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
  async *process(args, ctx) {
    const prompt = args.prompt === undefined ? '' : `${String(args.prompt)}: `
    if (args.asSecureString || args.maskInput) {
      if (!ctx.host.readSecret) throw needsHost('Read-Host')
      const text = await ctx.host.readSecret(prompt)
      yield args.asSecureString ? new SecureString(text) : text
      return
    }
    if (!ctx.host.readLine) throw needsHost('Read-Host')
    yield await ctx.host.readLine(prompt)
  },
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
  *process(args) {
    if (!args.asPlainText) {
      throw new UsageError(
        'InvalidParameterValue',
        'ConvertTo-SecureString in vcs-shell takes plain text only (-AsPlainText -Force); encrypted strings are not supported.',
      )
    }
    yield new SecureString(args.string)
  },
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
  *process(args) {
    if (!(args.secureString instanceof SecureString)) {
      throw new UsageError('InvalidParameterValue', 'ConvertFrom-SecureString needs a SecureString.')
    }
    if (!args.asPlainText) {
      throw new UsageError(
        'InvalidParameterValue',
        'ConvertFrom-SecureString in vcs-shell returns plain text only (-AsPlainText); encrypted strings are not supported.',
      )
    }
    yield args.secureString.reveal()
  },
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
  async *process(args, ctx) {
    if (!ctx.host.readSecret || (!args.userName && !ctx.host.readLine)) throw needsHost('Get-Credential')
    if (args.message) ctx.host.writeInformation(args.message)
    const userName = args.userName ?? (await ctx.host.readLine!('User: '))
    const password = new SecureString(await ctx.host.readSecret(`Password for user ${userName}: `))
    const credential = { UserName: userName, Password: password }
    Object.defineProperty(credential, 'GetNetworkCredential', {
      value: () => ({ UserName: userName, Password: password.reveal() }),
      enumerable: false,
    })
    yield withTypeName('PSCredential', credential)
  },
})

export default ReadHost
