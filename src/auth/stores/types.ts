// The contract every credential store meets: the OS keychain, an explicitly chosen 0600 file, or
// process memory. Values are strings (JSON for cached tokens); keys never contain secrets.

/** Where credentials and cached access tokens are kept. */
export interface CredentialStore {
  readonly kind: 'keychain' | 'file' | 'memory'
  /** Where it lives, for messages (`Secret Service`, a file path, `memory`). */
  readonly location: string
  get(key: string): Promise<string | undefined>
  set(key: string, value: string): Promise<void>
  /** True when something was deleted. */
  delete(key: string): Promise<boolean>
}

/** The user's choice of store (`-CredentialStore`, `VCS_CREDENTIAL_STORE`). */
export type CredentialStoreChoice = 'Keychain' | 'File' | 'Memory'
