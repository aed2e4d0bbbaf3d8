// Where the emulator's records live between restarts. The state (./state.ts) keeps every record in
// memory with its indexes; a Store only makes the writes durable and hands them back at start.
import type { StoreKey } from './model.js'

/** A batch the store could not make durable (a full disk): nothing of it is on disk. */
export class StoreWriteError extends Error {
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause)
    super(`the data directory could not be written (${detail}); is its disk full?`, { cause })
  }
}

/** One stored entry. */
export interface StoreEntry {
  key: StoreKey
  value: unknown
}

/** A durable (or not) home for the records. */
export interface Store {
  /** True when writes survive a restart. */
  readonly durable: boolean
  /** Every stored entry, in key order. */
  load(): Iterable<StoreEntry>
  /** Puts and deletes atomically; resolves once the batch is on disk (for a durable store). */
  write(puts: StoreEntry[], deletes: StoreKey[]): Promise<void>
  /** Replaces everything (reset and re-seed). */
  replace(entries: StoreEntry[]): Promise<void>
  close(): Promise<void>
}

/**
 * The store of an emulator started without a data directory. It keeps nothing itself: the state's
 * in-memory indexes already hold every record, and a second copy of 100,000 users would only cost
 * memory.
 */
export class MemoryStore implements Store {
  readonly durable = false

  load(): Iterable<StoreEntry> {
    return []
  }

  async write(): Promise<void> {}

  async replace(): Promise<void> {}

  async close(): Promise<void> {}
}
