// Misbehaving on purpose: a token-bucket rate limit (429, optionally with Retry-After) and injected
// faults (500, 503, connection reset, slow answer) at a configured rate, from a seedable generator so
// a failing reliability run can be replayed.
import type { EmulatorConfig, FaultKind } from '../types.js'

/** mulberry32: a tiny, fast, seedable generator of floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

/** What to do with one CSP request. */
export type TrafficDecision =
  | { action: 'pass' }
  | { action: 'limit'; retryAfterSeconds?: number }
  | { action: 'fault'; kind: FaultKind; resetAfterProcessing: boolean }

/** Rate limiter and fault injector; `configure` must be called whenever the config changes. */
export class Traffic {
  private tokens = 0
  private refilledAt = 0
  private random: () => number = Math.random

  constructor(private readonly now: () => number) {}

  /** Restarts the bucket (full) and, for a seeded fault config, the random sequence. */
  configure(config: EmulatorConfig): void {
    const limit = config.rateLimit
    this.tokens = limit ? this.capacity(limit) : 0
    this.refilledAt = this.now()
    this.random = config.faults?.seed === undefined ? Math.random : seededRandom(config.faults.seed)
  }

  private capacity(limit: NonNullable<EmulatorConfig['rateLimit']>): number {
    return Math.max(1, limit.burst ?? limit.requestsPerSecond)
  }

  /** Decides the fate of a request to a CSP route; `write` routes may be reset after processing. */
  decide(config: EmulatorConfig, write: boolean, route = ''): TrafficDecision {
    const limit = config.rateLimit
    if (limit) {
      const now = this.now()
      const capacity = this.capacity(limit)
      this.tokens = Math.min(
        capacity,
        this.tokens + ((now - this.refilledAt) / 1000) * limit.requestsPerSecond,
      )
      this.refilledAt = now
      if (this.tokens < 1) {
        const wait = (1 - this.tokens) / limit.requestsPerSecond
        return {
          action: 'limit',
          retryAfterSeconds: limit.retryAfter ? Math.max(1, Math.ceil(wait)) : undefined,
        }
      }
      this.tokens -= 1
    }
    const faults = config.faults
    const aimed = !faults?.routes || faults.routes.some((spec) => aimsAt(spec, route))
    if (faults && aimed && faults.kinds.length > 0 && this.random() < faults.rate) {
      const kind = faults.kinds[Math.floor(this.random() * faults.kinds.length)]
      // A reset after a write was processed is the case that catches clients re-sending blindly.
      return { action: 'fault', kind, resetAfterProcessing: write && this.random() < 0.5 }
    }
    return { action: 'pass' }
  }
}

/** True when `spec` (`METHOD /path/end`) names `route` (`METHOD /full/path`): same method, same end. */
function aimsAt(spec: string, route: string): boolean {
  const space = spec.indexOf(' ')
  const method = space < 0 ? '' : spec.slice(0, space)
  const path = spec.slice(space + 1)
  return (method === '' || route.startsWith(`${method} `)) && route.endsWith(path)
}
