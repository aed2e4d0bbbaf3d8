// The durable store: one LMDB environment in the data directory. A write resolves only after LMDB
// has committed and flushed it, so the HTTP answer that follows acknowledges a write that survives
// `kill -9` (and, LMDB's sync permitting, a power cut).
import { chmodSync, mkdirSync } from 'node:fs'
import { open, type RootDatabase } from 'lmdb'
import type { StoreKey } from './model.js'
import type { Store, StoreEntry } from './store.js'

/** An LMDB-backed {@link Store} in `<dataDir>/csp.lmdb`. */
export class LmdbStore implements Store {
  readonly durable = true
  private readonly db: RootDatabase<unknown, StoreKey>

  constructor(dataDir: string) {
    // Tokens, the app secret and the signing key live here: this user's alone.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    try {
      chmodSync(dataDir, 0o700)
    } catch {
      // Not ours to change (another owner): LMDB's own errors will say what is wrong, if anything.
    }
    this.db = open<unknown, StoreKey>({ path: `${dataDir}/csp.lmdb`, encoding: 'msgpack' })
  }

  *load(): Iterable<StoreEntry> {
    for (const { key, value } of this.db.getRange()) yield { key, value }
  }

  // batch() rather than transaction(): one atomic asynchronous commit either way, and
  // transaction() with a callback never settled on the machines we run on (lmdb 3.5, Linux).
  async write(puts: StoreEntry[], deletes: StoreKey[]): Promise<void> {
    await this.db.batch(() => {
      for (const key of deletes) void this.db.remove(key)
      for (const entry of puts) void this.db.put(entry.key, entry.value)
    })
    await this.db.flushed
  }

  // Deleting key by key inside the same batch keeps a reset atomic: a crash leaves the old state or
  // the new one, never an empty store (which would make the next start mint new credentials).
  async replace(entries: StoreEntry[]): Promise<void> {
    await this.db.batch(() => {
      for (const key of this.db.getKeys()) void this.db.remove(key)
      for (const entry of entries) void this.db.put(entry.key, entry.value)
    })
    await this.db.flushed
  }

  async close(): Promise<void> {
    await this.db.close()
  }
}
