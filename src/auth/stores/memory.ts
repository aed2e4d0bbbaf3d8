// A store that lives as long as the process: for tests, the demo and VCS_CREDENTIAL_STORE=memory.
// One shared map, so connections made in the same process see each other's cached tokens.
import type { CredentialStore } from './types.js'

const shared = new Map<string, string>()

/** An in-memory credential store; `isolated` gives a private map (tests). */
export function createMemoryStore(isolated = false): CredentialStore {
  const entries = isolated ? new Map<string, string>() : shared
  return {
    kind: 'memory',
    location: 'memory',
    get: async (key) => entries.get(key),
    set: async (key, value) => {
      entries.set(key, value)
    },
    delete: async (key) => entries.delete(key),
  }
}
