import { describe, expect, it } from 'vitest'
import { createMemoryStore, refreshMargin, TokenManager, type TokenSet } from '../../src/auth/index.js'

/** A frozen clock and an exchange that counts and can be held open. */
function setup(lifetimeMs = 1_800_000) {
  let now = 1_000_000
  let issued = 0
  let release: (() => void) | undefined
  let hold = false
  const exchange = async (): Promise<TokenSet> => {
    issued++
    if (hold) await new Promise<void>((resolve) => (release = resolve))
    return { accessToken: `token-${issued}`, issuedAt: now, expiresAt: now + lifetimeMs }
  }
  return {
    exchange,
    clock: { now: () => now, advance: (ms: number) => (now += ms) },
    issued: () => issued,
    holdNext: () => (hold = true),
    release: () => {
      hold = false
      release?.()
    },
  }
}

describe('refreshMargin', () => {
  it.each([
    [1_800_000, 180_000],
    [300_000, 60_000],
    [60_000, 30_000],
    [4_000, 2_000],
  ])('a %d ms token is refreshed %d ms before expiry', (lifetime, margin) => {
    expect(refreshMargin({ accessToken: 'x', issuedAt: 0, expiresAt: lifetime })).toBe(margin)
  })
})

describe('TokenManager', () => {
  it('reuses a fresh token and refreshes inside the margin', async () => {
    const t = setup()
    const manager = new TokenManager({ exchange: t.exchange, cacheKey: 'k', now: t.clock.now })
    expect(await manager.getAccessToken()).toBe('token-1')
    t.clock.advance(1_600_000)
    expect(await manager.getAccessToken()).toBe('token-1')
    t.clock.advance(30_000) // 170 s left < 180 s margin
    expect(await manager.getAccessToken()).toBe('token-2')
    expect(t.issued()).toBe(2)
  })

  it('makes one exchange for many concurrent callers', async () => {
    const t = setup()
    t.holdNext()
    const manager = new TokenManager({ exchange: t.exchange, cacheKey: 'k', now: t.clock.now })
    const pending = Array.from({ length: 20 }, () => manager.getAccessToken())
    await new Promise((resolve) => setTimeout(resolve, 5))
    t.release()
    expect(new Set(await Promise.all(pending))).toEqual(new Set(['token-1']))
    expect(t.issued()).toBe(1)
  })

  it('forceRefresh exchanges again, and concurrent 401s share the new token', async () => {
    const t = setup()
    const manager = new TokenManager({ exchange: t.exchange, cacheKey: 'k', now: t.clock.now })
    await manager.getAccessToken()
    t.clock.advance(5_000)
    const after401 = await Promise.all([1, 2, 3].map(() => manager.getAccessToken({ forceRefresh: true })))
    expect(after401).toEqual(['token-2', 'token-2', 'token-2'])
    expect(t.issued()).toBe(2)
  })

  it('shares tokens through the store: a second manager (process) does not exchange', async () => {
    const t = setup()
    const store = createMemoryStore(true)
    const first = new TokenManager({
      exchange: t.exchange,
      cacheKey: 'k',
      cache: async () => store,
      now: t.clock.now,
    })
    await first.getAccessToken()
    await first.rememberOrgName('Demo Org')
    const second = new TokenManager({
      exchange: t.exchange,
      cacheKey: 'k',
      cache: async () => store,
      now: t.clock.now,
    })
    expect(await second.getAccessToken()).toBe('token-1')
    expect(second.orgNameFromCache).toBe('Demo Org')
    expect(t.issued()).toBe(1)
    t.clock.advance(1_700_000)
    expect(await second.getAccessToken()).toBe('token-2')
    const third = new TokenManager({
      exchange: t.exchange,
      cacheKey: 'k',
      cache: async () => store,
      now: t.clock.now,
    })
    expect(await third.getAccessToken()).toBe('token-2')
    expect(t.issued()).toBe(2)
  })

  it('works without a cache when the store is unusable, and says so once', async () => {
    const t = setup()
    const reasons: unknown[] = []
    const manager = new TokenManager({
      exchange: t.exchange,
      cacheKey: 'k',
      cache: async () => {
        throw new Error('no keychain')
      },
      onCacheError: (error) => reasons.push(error),
      now: t.clock.now,
    })
    expect(await manager.getAccessToken()).toBe('token-1')
    expect(reasons).toHaveLength(1)
  })
})
