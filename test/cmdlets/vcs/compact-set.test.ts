// The duplicate check's set: exact membership (a near-miss or a hash collision never counts as
// seen), across table growth and block boundaries, for any length of text.
import { describe, expect, it } from 'vitest'
import { CompactStringSet } from '../../../cmdlets/vcs/shared/compact-set.js'

describe('CompactStringSet', () => {
  it('holds exactly what was added, through growth and block boundaries', () => {
    const set = new CompactStringSet()
    const n = 120_000
    for (let i = 0; i < n; i++) expect(set.add(`user${i}@example.com`)).toBe(true)
    expect(set.size).toBe(n)
    for (let i = 0; i < n; i += 997) expect(set.has(`user${i}@example.com`)).toBe(true)
    expect(set.has(`user${n}@example.com`)).toBe(false)
    expect(set.has('user1@example.co')).toBe(false)
    expect(set.add('user7@example.com')).toBe(false)
    expect(set.size).toBe(n)
  })

  it('non-ASCII and very long values are exact too', () => {
    const set = new CompactStringSet()
    const long = `${'x'.repeat(70_000)}@example.com`
    expect(set.add(long)).toBe(true)
    expect(set.has(long)).toBe(true)
    expect(set.add(long)).toBe(false)
    expect(set.has(long.slice(1))).toBe(false)
    expect(set.add('jörg@exämple.de')).toBe(true)
    expect(set.has('jörg@exämple.de')).toBe(true)
    expect(set.has('jorg@example.de')).toBe(false)
    expect(set.size).toBe(2)
  })

  it('values whose FNV-1a hashes collide are both kept ("costarring" and "liquid")', () => {
    const set = new CompactStringSet()
    set.add('costarring')
    expect(set.has('liquid')).toBe(false)
    expect(set.add('liquid')).toBe(true)
    expect(set.has('costarring') && set.has('liquid')).toBe(true)
  })
})
