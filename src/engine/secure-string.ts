// A secret held as PowerShell's SecureString: what Read-Host -AsSecureString, ConvertTo-SecureString
// and Get-Credential give. Its text never shows: as text it is "System.Security.SecureString", JSON
// and formatting see no property; only a `secret` parameter (Connect-Vcs -ApiToken) unwraps it.
import { registerSecret } from './redact.js'

const values = new WeakMap<SecureString, string>()

export class SecureString {
  constructor(text: string) {
    values.set(this, text)
    if (text) registerSecret(text)
  }

  /** The text, for the code that must send it (a secret parameter); never for display. */
  reveal(): string {
    return values.get(this) ?? ''
  }

  get Length(): number {
    return this.reveal().length
  }

  toString(): string {
    return 'System.Security.SecureString'
  }

  toJSON(): string {
    return 'System.Security.SecureString'
  }
}
