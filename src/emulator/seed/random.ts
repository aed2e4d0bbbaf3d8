// Deterministic ids for seeds: the same store key yields the same org ids, user ids and names after
// a reset, so a client holding ids from before a reset still finds them.
import { createHash, randomBytes } from 'node:crypto'

const HEX = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, '0'))

/** sfc32 seeded from a string: 128 bits of state, fast enough for 100,000 users. */
export class SeededIds {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seedKey: string) {
    const digest = createHash('sha256').update(seedKey).digest()
    this.a = digest.readUInt32LE(0)
    this.b = digest.readUInt32LE(4)
    this.c = digest.readUInt32LE(8)
    this.d = digest.readUInt32LE(12)
    for (let index = 0; index < 12; index++) this.next()
  }

  /** The next 32-bit unsigned value. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next() / 4294967296
  }

  /** An integer in [0, max). */
  int(max: number): number {
    return Math.floor(this.float() * max)
  }

  /** A version-4-shaped GUID (a byte table, not toString/padStart: seeds make 100,000 of them). */
  guid(): string {
    const a = this.next()
    const b = this.next()
    const c = this.next()
    const d = this.next()
    const hex = (value: number, shift: number) => HEX[(value >>> shift) & 0xff]
    const time = hex(a, 24) + hex(a, 16) + hex(a, 8) + hex(a, 0)
    const middle = hex(b, 24) + hex(b, 16)
    const version = '4' + HEX[(b >>> 8) & 0x0f][1] + hex(b, 0)
    const variant = HEX[0x80 | ((c >>> 24) & 0x3f)] + hex(c, 16)
    const node = hex(c, 8) + hex(c, 0) + hex(d, 24) + hex(d, 16) + hex(d, 8) + hex(d, 0)
    return `${time}-${middle}-${version}-${variant}-${node}`
  }

  /** A string of `length` characters from `alphabet`. */
  chars(length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
    let text = ''
    for (let index = 0; index < length; index++) text += alphabet[this.int(alphabet.length)]
    return text
  }
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** A secret of `length` characters from a cryptographic source (API tokens, app secrets). */
export function secretString(length: number): string {
  // Rejection sampling: bytes >= 248 would make the first 8 characters likelier than the rest.
  const limit = 256 - (256 % TOKEN_ALPHABET.length)
  let text = ''
  while (text.length < length) {
    for (const byte of randomBytes(length)) {
      if (byte < limit && text.length < length) text += TOKEN_ALPHABET[byte % TOKEN_ALPHABET.length]
    }
  }
  return text
}
