// What every handler gets besides its request: the state, the token service, the runtime config,
// the counters, and the operations of the control API that replace the whole state.
import type { TokenService } from './auth/tokens.js'
import type { EmulatorState } from './state/state.js'
import type { Stats } from './http/stats.js'
import type { EmulatorConfig } from './types.js'
import type { SeedSpec } from './seed/seed.js'

/** The running emulator as handlers see it. */
export interface EmulatorContext {
  readonly state: EmulatorState
  readonly tokens: TokenService
  /** The current runtime configuration (replaced as a whole by `configure`). */
  readonly config: EmulatorConfig
  readonly stats: Stats
  /** The base URL clients use, e.g. `http://127.0.0.1:8443`. */
  baseUrl(): string
  /** Wall-clock milliseconds (one place to freeze time in the future). */
  now(): number
  /** Replaces the runtime configuration and restarts the rate limiter and fault sequence. */
  configure(config: EmulatorConfig): void
  /** Back to the seed the store was created with (same org ids and credentials). */
  reset(): Promise<void>
  /** Replaces the state with a new seed (same org ids and credentials). */
  reseed(spec: SeedSpec): Promise<void>
}
