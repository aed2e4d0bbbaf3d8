// Picks the credential store: what the user chose (parameter, then VCS_CREDENTIAL_STORE), else the OS
// keychain if the probe says it works. There is no silent fallback: without a keychain and without
// a choice, the caller gets an error that says what to do, and decides whether that is fatal.
import { UsageError } from '../../engine/index.js'
import { createFileStore, credentialFilePath } from './file.js'
import { createKeychainStore, probeKeychain } from './keychain.js'
import { createMemoryStore } from './memory.js'
import type { CredentialStore, CredentialStoreChoice } from './types.js'

export type { CredentialStore, CredentialStoreChoice } from './types.js'
export { createFileStore, credentialFilePath } from './file.js'
export { createMemoryStore } from './memory.js'
export {
  classify as classifyKeychainError,
  createKeychainStore,
  probeKeychain,
  resetKeychainProbe,
  runProbe as runKeychainProbe,
} from './keychain.js'

/** Options for resolving a store. */
export interface StoreOptions {
  /** Explicit choice (`-CredentialStore`); wins over the environment. */
  choice?: CredentialStoreChoice
  env?: NodeJS.ProcessEnv
  /** Told once when the plaintext file store is used. */
  warn?: (message: string) => void
}

const CHOICES: Record<string, CredentialStoreChoice> = {
  keychain: 'Keychain',
  file: 'File',
  memory: 'Memory',
}

/** The store choice in effect, or undefined for "keychain, as the default". */
export function storeChoice(options: StoreOptions = {}): CredentialStoreChoice | undefined {
  if (options.choice) return options.choice
  const fromEnv = (options.env ?? process.env).VCS_CREDENTIAL_STORE?.trim().toLowerCase()
  if (!fromEnv) return undefined
  const choice = CHOICES[fromEnv]
  if (!choice) {
    throw new UsageError(
      'InvalidParameterValue',
      `VCS_CREDENTIAL_STORE="${fromEnv}" is not keychain, file or memory.`,
    )
  }
  return choice
}

let keychain: Promise<CredentialStore> | undefined

/**
 * The store to use. Rejects with AuthError('CredentialStoreUnavailable') when the keychain is wanted
 * (chosen or by default) and does not work.
 */
export async function resolveStore(options: StoreOptions = {}): Promise<CredentialStore> {
  const env = options.env ?? process.env
  switch (storeChoice(options)) {
    case 'Memory':
      return createMemoryStore()
    case 'File':
      return createFileStore(credentialFilePath(env), options.warn)
    default:
      await probeKeychain(env)
      keychain ??= createKeychainStore()
      return keychain
  }
}
