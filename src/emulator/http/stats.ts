// Counters for the control API's /stats: what the benchmarks and reliability tests read to check a
// client's behaviour from the server side (token exchanges, requests per route, faults, 429s).
import type { EmulatorStats, FaultKind } from '../types.js'

/** Mutable counters behind {@link EmulatorStats}. */
export class Stats {
  private data: EmulatorStats = Stats.empty()

  private static empty(): EmulatorStats {
    return {
      requests: {},
      responses: {},
      tokensIssued: 0,
      rateLimited: 0,
      faultsInjected: 0,
      faultsByKind: { '500': 0, '503': 0, reset: 0, slow: 0 },
      controlRequests: 0,
    }
  }

  /** A CSP request for a route template (or an unknown path). */
  request(method: string, template: string): void {
    const key = `${method} ${template}`
    this.data.requests[key] = (this.data.requests[key] ?? 0) + 1
  }

  response(status: number | 'reset'): void {
    const key = String(status)
    this.data.responses[key] = (this.data.responses[key] ?? 0) + 1
  }

  tokenIssued(): void {
    this.data.tokensIssued++
  }

  rateLimited(): void {
    this.data.rateLimited++
  }

  fault(kind: FaultKind): void {
    this.data.faultsInjected++
    this.data.faultsByKind[kind]++
  }

  control(): void {
    this.data.controlRequests++
  }

  /** A deep copy, safe to hand out. */
  snapshot(): EmulatorStats {
    return structuredClone(this.data)
  }

  reset(): void {
    this.data = Stats.empty()
  }
}
