// The durable store: one LMDB environment in the data directory. A write resolves only after LMDB
// has committed and flushed it, so the HTTP answer that follows acknowledges a write that survives
// `kill -9` (and, LMDB's sync permitting, a power cut).
import { chmodSync, mkdirSync } from 'node:fs'
import { open, type RootDatabase } from 'lmdb'
import type { StoreKey } from './model.js'
import { StoreWriteError, type Store, type StoreEntry } from './store.js'

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
    process.on('unhandledRejection', ignoreCommitFailure)
  }

  *load(): Iterable<StoreEntry> {
    for (const { key, value } of this.db.getRange()) yield { key, value }
  }

  // batch() rather than transaction(): one atomic asynchronous commit either way, and
  // transaction() with a callback never settled on the machines we run on (lmdb 3.5, Linux).
  async write(puts: StoreEntry[], deletes: StoreKey[]): Promise<void> {
    await this.committed(
      this.db.batch(() => {
        for (const key of deletes) settle(this.db.remove(key))
        for (const entry of puts) settle(this.db.put(entry.key, entry.value))
      }),
    )
  }

  /**
   * Waits for a batch and its flush. A failed commit (a full disk: LMDB reports EIO or ENOSPC)
   * becomes one StoreWriteError; LMDB's own `commitError` promise, rejected alongside and awaited
   * by no one, would otherwise end the process as an unhandled rejection.
   */
  private async committed(batch: Promise<unknown>): Promise<void> {
    // LMDB rejects its internal commit promise too (what `db.committed` stands for): observed here.
    this.db.committed.then(undefined, () => {})
    try {
      await batch
      await this.db.flushed
    } catch (error) {
      const commitError = (error as { commitError?: Promise<unknown> }).commitError
      const cause = commitError
        ? await commitError.then(
            () => error,
            (inner: unknown) => inner,
          )
        : error
      throw new StoreWriteError(cause)
    }
  }

  // Deleting key by key inside the same batch keeps a reset atomic: a crash leaves the old state or
  // the new one, never an empty store (which would make the next start mint new credentials).
  async replace(entries: StoreEntry[]): Promise<void> {
    await this.committed(
      this.db.batch(() => {
        for (const key of this.db.getKeys()) settle(this.db.remove(key))
        for (const entry of entries) settle(this.db.put(entry.key, entry.value))
      }),
    )
  }

  async close(): Promise<void> {
    process.off('unhandledRejection', ignoreCommitFailure)
    await this.db.close()
  }
}

/**
 * Each put and remove of a batch has its own promise, which LMDB rejects when the commit fails: the
 * batch's promise carries that failure (see committed), so these are only kept from going unhandled.
 */
function settle(operation: Promise<unknown> | unknown): void {
  if (operation instanceof Promise) operation.catch(() => {})
}

/**
 * LMDB rejects more internal promises on a failed commit than it hands out (one per queued write);
 * the failure itself reaches the writer through the batch's promise (see committed). Those internal
 * rejections, and only those, are not a reason to end the process; anything else is rethrown, which
 * ends it as an unhandled rejection would.
 */
function ignoreCommitFailure(reason: unknown): void {
  if (reason instanceof Error && 'commitError' in reason) return
  throw reason
}
