// Runtime configuration of the emulator and the validation of `PUT /emulator/api/config` patches.
import { BadRequestError } from './errors.js'
import type { EmulatorConfig, EmulatorProfile, FaultKind } from './types.js'

/** CSP's access-token lifetime. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 1800

const FAULT_KINDS: readonly FaultKind[] = ['500', '503', 'reset', 'slow']

/** The deployments whose access rules the emulator knows. */
export const PROFILES: readonly EmulatorProfile[] = ['console', 'tanzu']

/** The configuration a fresh emulator runs with. */
export function defaultConfig(
  tokenLifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS,
  options: { profile?: EmulatorProfile; addExistingAccounts?: boolean } = {},
): EmulatorConfig {
  return {
    latencyMs: 0,
    rateLimit: null,
    faults: null,
    tokenLifetimeSeconds,
    profile: options.profile ?? 'console',
    addExistingAccounts: options.addExistingAccounts ?? true,
    partialPages: false,
    searchMatchesCase: false,
  }
}

/** A profile name, or a 400 naming the choices. */
export function profileOf(value: unknown): EmulatorProfile {
  if (!PROFILES.includes(value as EmulatorProfile)) {
    throw new BadRequestError(`profile must be one of ${PROFILES.join(', ')}`)
  }
  return value as EmulatorProfile
}

function boolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw new BadRequestError(`${name} must be a boolean`)
  return value
}

function number(value: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new BadRequestError(`${name} must be a number from ${min} to ${max}`)
  }
  return value
}

function object(value: unknown, name: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequestError(`${name} must be an object or null`)
  }
  return value as Record<string, unknown>
}

function rateLimitOf(value: unknown): EmulatorConfig['rateLimit'] {
  if (value === null) return null
  const limit = object(value, 'rateLimit')
  const burst =
    limit.burst === undefined || limit.burst === null ? undefined : number(limit.burst, 'rateLimit.burst', 1)
  if (limit.retryAfter !== undefined && typeof limit.retryAfter !== 'boolean') {
    throw new BadRequestError('rateLimit.retryAfter must be a boolean')
  }
  return {
    requestsPerSecond: number(limit.requestsPerSecond, 'rateLimit.requestsPerSecond', 0.001),
    retryAfter: limit.retryAfter === true,
    ...(burst === undefined ? {} : { burst }),
  }
}

function faultsOf(value: unknown): EmulatorConfig['faults'] {
  if (value === null) return null
  const faults = object(value, 'faults')
  const kinds = faults.kinds ?? FAULT_KINDS
  if (!Array.isArray(kinds) || kinds.length === 0 || !kinds.every((kind) => FAULT_KINDS.includes(kind))) {
    throw new BadRequestError(`faults.kinds must be a non-empty list of ${FAULT_KINDS.join(', ')}`)
  }
  const routes = faults.routes
  if (
    routes !== undefined &&
    (!Array.isArray(routes) || !routes.every((route) => typeof route === 'string' && route.trim() !== ''))
  ) {
    throw new BadRequestError(
      "faults.routes must be a list of routes such as 'POST /orgs/{orgId}/invitations'",
    )
  }
  const seed =
    faults.seed === undefined || faults.seed === null ? undefined : number(faults.seed, 'faults.seed', 0)
  return {
    rate: number(faults.rate, 'faults.rate', 0, 1),
    kinds: [...new Set(kinds as FaultKind[])],
    slowMs: faults.slowMs === undefined ? 2000 : number(faults.slowMs, 'faults.slowMs', 0, 600_000),
    ...(seed === undefined ? {} : { seed: Math.floor(seed) }),
    ...(routes === undefined ? {} : { routes: [...(routes as string[])] }),
  }
}

/** The configuration after applying a patch; keys absent from the patch keep their value. */
export function applyConfigPatch(current: EmulatorConfig, patch: Record<string, unknown>): EmulatorConfig {
  const next: EmulatorConfig = { ...current }
  if (patch.latencyMs !== undefined) next.latencyMs = number(patch.latencyMs, 'latencyMs', 0, 600_000)
  if (patch.rateLimit !== undefined) next.rateLimit = rateLimitOf(patch.rateLimit)
  if (patch.faults !== undefined) next.faults = faultsOf(patch.faults)
  if (patch.tokenLifetimeSeconds !== undefined) {
    next.tokenLifetimeSeconds = Math.floor(
      number(patch.tokenLifetimeSeconds, 'tokenLifetimeSeconds', 1, 86_400 * 365),
    )
  }
  if (patch.profile !== undefined) next.profile = profileOf(patch.profile)
  if (patch.addExistingAccounts !== undefined)
    next.addExistingAccounts = boolean(patch.addExistingAccounts, 'addExistingAccounts')
  if (patch.partialPages !== undefined) next.partialPages = boolean(patch.partialPages, 'partialPages')
  if (patch.searchMatchesCase !== undefined)
    next.searchMatchesCase = boolean(patch.searchMatchesCase, 'searchMatchesCase')
  return next
}
