// Keeps one connection's access token valid without anyone thinking about it: reused while it has
// a safety margin left, refreshed before expiry and once on demand after a 401, one exchange at a
// time however many requests ask at once, and shared across processes through the credential store
// (keyed by a fingerprint of the credential), so 50 one-shot commands in a row exchange once.
import { registerSecret } from '../engine/index.js'
import type { TokenSet } from './exchange.js'
import type { CredentialStore } from './stores/index.js'

/** A persisted token as kept in the store, plus what we learnt about its org. */
interface CachedToken extends TokenSet {
  orgName?: string
}

/** Options of a token manager. */
export interface TokenManagerOptions {
  /** Performs one exchange at the token endpoint. */
  exchange: (signal?: AbortSignal) => Promise<TokenSet>
  /** The shared cache, if one is usable; a rejection means "no cache" (the reason goes to `onCacheError`). */
  cache?: () => Promise<CredentialStore | undefined>
  /** The store key of this credential's cached token (server + fingerprint). */
  cacheKey: string
  onCacheError?: (error: unknown) => void
  /** The clock, replaceable in tests. */
  now?: () => number
}

/**
 * Seconds of margin: refresh when less than max(60 s, 10% of the lifetime) remains, but never more
 * than half the lifetime, so that short-lived tokens (tests, demos) are still reused for a while.
 */
export function refreshMargin(token: TokenSet): number {
  const lifetime = Math.max(0, token.expiresAt - token.issuedAt)
  return Math.min(Math.max(60_000, lifetime / 10), lifetime / 2)
}

/** Owns the access token of one credential. */
export class TokenManager {
  private current: TokenSet | undefined
  private currentFromExchangeAt = 0
  private inFlight: Promise<TokenSet> | undefined
  private cachedOrgName: string | undefined
  /** How many exchanges this manager made (diagnostics and tests). */
  exchanges = 0
  private readonly now: () => number

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now
  }

  /** The token in hand, without refreshing it. */
  get token(): TokenSet | undefined {
    return this.current
  }

  /** The org name that was cached with the token by an earlier process, if any. */
  get orgNameFromCache(): string | undefined {
    return this.cachedOrgName
  }

  /** True when the token has more than the safety margin left. */
  isFresh(token: TokenSet | undefined = this.current): token is TokenSet {
    return token !== undefined && token.expiresAt - this.now() > refreshMargin(token)
  }

  /**
   * A valid access token. With `forceRefresh` (after a 401) the cache is bypassed, unless a fresh
   * exchange finished within the last second: concurrent 401s then share that one new token.
   */
  async getAccessToken(options: { forceRefresh?: boolean; signal?: AbortSignal } = {}): Promise<string> {
    if (options.forceRefresh) {
      if (this.inFlight) return (await this.inFlight).accessToken
      if (this.current && this.now() - this.currentFromExchangeAt < 1000) return this.current.accessToken
      return (await this.refresh(true, options.signal)).accessToken
    }
    const current = this.current
    if (this.isFresh(current)) return current.accessToken
    return (await this.refresh(false, options.signal)).accessToken
  }

  private refresh(bypassCache: boolean, signal?: AbortSignal): Promise<TokenSet> {
    this.inFlight ??= this.load(bypassCache, signal).finally(() => {
      this.inFlight = undefined
    })
    return this.inFlight
  }

  private async load(bypassCache: boolean, signal?: AbortSignal): Promise<TokenSet> {
    const store = await this.store()
    if (store && !bypassCache) {
      const cached = await this.readCache(store)
      if (cached && this.isFresh(cached)) {
        this.current = cached
        return cached
      }
    }
    this.exchanges++
    const token = await this.options.exchange(signal)
    registerSecret(token.accessToken)
    this.current = token
    this.currentFromExchangeAt = this.now()
    if (store) await this.writeCache(store, token)
    return token
  }

  /** Saves the org name alongside the cached token, so later processes skip the org lookup. */
  async rememberOrgName(orgName: string): Promise<void> {
    this.cachedOrgName = orgName
    const store = await this.store()
    if (store && this.current) await this.writeCache(store, this.current)
  }

  /** Deletes the cached token from the store (Disconnect-Vcs -Forget). */
  async forget(): Promise<void> {
    this.current = undefined
    const store = await this.store()
    if (store)
      await store.delete(this.options.cacheKey).catch((error: unknown) => this.options.onCacheError?.(error))
  }

  private async store(): Promise<CredentialStore | undefined> {
    if (!this.options.cache) return undefined
    try {
      return await this.options.cache()
    } catch (error) {
      this.options.onCacheError?.(error)
      return undefined
    }
  }

  private async readCache(store: CredentialStore): Promise<CachedToken | undefined> {
    try {
      const text = await store.get(this.options.cacheKey)
      if (!text) return undefined
      const cached = JSON.parse(text) as Partial<CachedToken>
      if (typeof cached.accessToken !== 'string' || typeof cached.expiresAt !== 'number') return undefined
      registerSecret(cached.accessToken)
      this.cachedOrgName = typeof cached.orgName === 'string' ? cached.orgName : undefined
      return {
        accessToken: cached.accessToken,
        expiresAt: cached.expiresAt,
        issuedAt: cached.issuedAt ?? this.now(),
      }
    } catch (error) {
      this.options.onCacheError?.(error)
      return undefined
    }
  }

  private async writeCache(store: CredentialStore, token: TokenSet): Promise<void> {
    const value: CachedToken = { ...token, ...(this.cachedOrgName ? { orgName: this.cachedOrgName } : {}) }
    await store
      .set(this.options.cacheKey, JSON.stringify(value))
      .catch((error: unknown) => this.options.onCacheError?.(error))
  }
}
