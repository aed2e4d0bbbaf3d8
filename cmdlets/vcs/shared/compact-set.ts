// A set of strings kept as UTF-8 bytes in 1 MB blocks, with an open-addressing table of their
// positions: a million e-mails take ~30 MB in a few dozen blocks, instead of ~60 MB of separate
// strings and Set entries that the garbage collector keeps walking and promoting. Membership is
// exact (bytes are compared on a hash match), never a probabilistic guess: a duplicate check built
// on it must not drop someone whose address merely hashes alike.

const EMPTY = -1
const BLOCK = 1 << 20

/** An exact set of strings, compact for millions of short ones (e-mail addresses). */
export class CompactStringSet {
  /** Each entry: its byte length (4 bytes), then its bytes; never split across blocks. */
  private readonly blocks: Buffer[] = []
  private used = BLOCK
  /** Positions (block * BLOCK + offset) of the entries, or EMPTY. */
  private slots = new Int32Array(1 << 10).fill(EMPTY)
  private count = 0

  get size(): number {
    return this.count
  }

  has(value: string): boolean {
    const bytes = Buffer.from(value, 'utf8')
    return this.find(bytes) >= 0
  }

  /** Adds `value`; false when it was already there. */
  add(value: string): boolean {
    const bytes = Buffer.from(value, 'utf8')
    if (this.find(bytes) >= 0) return false
    if ((this.count + 1) * 3 > this.slots.length * 2) this.grow()
    this.place(this.store(bytes), hashOf(bytes, 0, bytes.length))
    this.count++
    return true
  }

  /** The slot holding `bytes`, or -1. */
  private find(bytes: Buffer): number {
    const mask = this.slots.length - 1
    for (let slot = hashOf(bytes, 0, bytes.length) & mask; ; slot = (slot + 1) & mask) {
      const position = this.slots[slot]
      if (position === EMPTY) return -1
      const block = this.blocks[Math.floor(position / BLOCK)]
      const offset = position % BLOCK
      const length = block.readUInt32LE(offset)
      if (length === bytes.length && block.compare(bytes, 0, length, offset + 4, offset + 4 + length) === 0)
        return slot
    }
  }

  private store(bytes: Buffer): number {
    // Longer than a block holds (no e-mail is): its own block.
    const size = 4 + bytes.length
    if (this.used + size > BLOCK) {
      this.blocks.push(Buffer.allocUnsafe(Math.max(BLOCK, size)))
      this.used = 0
    }
    const block = this.blocks[this.blocks.length - 1]
    block.writeUInt32LE(bytes.length, this.used)
    bytes.copy(block, this.used + 4)
    const position = (this.blocks.length - 1) * BLOCK + this.used
    this.used += size
    return position
  }

  private place(position: number, hash: number): void {
    const mask = this.slots.length - 1
    let slot = hash & mask
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask
    this.slots[slot] = position
  }

  private grow(): void {
    const old = this.slots
    this.slots = new Int32Array(old.length * 2).fill(EMPTY)
    for (const position of old) {
      if (position === EMPTY) continue
      const block = this.blocks[Math.floor(position / BLOCK)]
      const offset = position % BLOCK
      this.place(position, hashOf(block, offset + 4, offset + 4 + block.readUInt32LE(offset)))
    }
  }
}

/** FNV-1a over bytes[start, end), 32 bits. */
function hashOf(bytes: Buffer, start: number, end: number): number {
  let hash = 0x811c9dc5
  for (let i = start; i < end; i++) {
    hash ^= bytes[i]
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
