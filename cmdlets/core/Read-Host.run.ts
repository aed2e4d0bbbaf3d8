// The code of Read-Host, ConvertTo-SecureString, ConvertFrom-SecureString and Get-Credential (declared in
// Read-Host.ts).
import { implement, SecureString, UsageError, withTypeName } from '../../src/engine/index.js'
import type { ReadHost, ConvertToSecureString, ConvertFromSecureString, GetCredential } from './Read-Host.js'

function needsHost(command: string): UsageError {
  return new UsageError(
    'ConfirmationRequired',
    `${command} needs an interactive shell to ask, and this run cannot ask.`,
    {
      hint: 'Pass the value as a parameter, or read it from an environment variable ($env:NAME).',
    },
  )
}

export const readHost = implement<typeof ReadHost>({
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

export const convertToSecureString = implement<typeof ConvertToSecureString>({
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

export const convertFromSecureString = implement<typeof ConvertFromSecureString>({
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

export const getCredential = implement<typeof GetCredential>({
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
