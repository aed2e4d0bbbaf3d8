// The local CSP emulator: production paths and shapes, RS256 tokens, durable state and a control
// API. It imports nothing from the client side (src/csp, src/auth), so the two cannot agree on a
// mistake; they share only the wire types of src/wire/csp.ts.
import { randomBytes } from 'node:crypto'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { SigningKey, type StoredSigningKey } from './auth/jwt.js'
import { TokenService } from './auth/tokens.js'
import { defaultConfig, DEFAULT_TOKEN_LIFETIME_SECONDS, profileOf } from './config.js'
import type { EmulatorContext } from './context.js'
import { isLoopbackName } from './http/control-guard.js'
import { createRequestListener } from './http/server.js'
import { Stats } from './http/stats.js'
import { Traffic } from './http/traffic.js'
import { controlRoutes, cspRoutes } from './routes/index.js'
import { buildSeed, newIdentity, type SeedIdentity, type SeedSpec } from './seed/seed.js'
import { put, type Change } from './state/model.js'
import { EmulatorState } from './state/state.js'
import { MemoryStore, type Store } from './state/store.js'
import { prepareTls, type TlsMaterial } from './tls/certificates.js'
import type { EmulatorConfig, EmulatorCredentials, EmulatorOptions, RunningEmulator } from './types.js'

export type {
  EmulatorConfig,
  EmulatorCredentials,
  EmulatorOptions,
  EmulatorStats,
  FaultKind,
  MailboxMessage,
  RunningEmulator,
  SeedName,
} from './types.js'

/**
 * The issuer of the emulator's tokens. Like production (issuer `https://gaz.csp-vidm-prod.com`,
 * discovery on console.cloud.vmware.com) it differs from the host serving discovery, so a client
 * must fetch the full `.well-known` URL rather than derive it from the issuer.
 */
export const EMULATOR_ISSUER = 'https://gaz.csp-vidm-emulator.invalid'

/** The store's own records, kept through resets and re-seeds: identity, signing key, initial seed. */
function metaChanges(initial: SeedSpec, identity: SeedIdentity, key: SigningKey): Change[] {
  return [
    put('meta', { name: 'identity', value: identity }),
    put('meta', { name: 'signingKey', value: key.toStored() }),
    put('meta', { name: 'initialSeed', value: initial }),
  ]
}

/** Records that make a seed the whole state. */
function seedChanges(spec: SeedSpec, initial: SeedSpec, identity: SeedIdentity, key: SigningKey): Change[] {
  const { changes } = buildSeed(spec, identity, Date.now())
  changes.push(...metaChanges(initial, identity, key))
  return changes
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}

/**
 * The LMDB store of a data directory. LMDB, a native add-on, takes some 45 ms to load: an emulator in
 * memory (`vcs --demo`, the tests) never loads it.
 */
async function openDurableStore(dataDir: string): Promise<Store> {
  const { LmdbStore } = await import('./state/lmdb-store.js')
  return new LmdbStore(dataDir)
}

/** Starts an emulator; with `dataDir`, an existing store is reopened as it was (seed options ignored). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1'
  const log = options.quiet ? undefined : options.log
  const state = new EmulatorState(
    options.dataDir ? await openDurableStore(options.dataDir) : new MemoryStore(),
  )
  state.loadFromStore()
  let identity = state.getMeta<SeedIdentity>('identity')
  const storedKey = state.getMeta<StoredSigningKey>('signingKey')
  const requested: SeedSpec = { seed: options.seed ?? 'demo', users: options.users ?? 0, invitations: 0 }
  let key: SigningKey
  const reopened = identity !== undefined && storedKey !== undefined
  if (identity && storedKey) {
    key = SigningKey.fromStored(storedKey)
  } else {
    const generating = SigningKey.generate()
    identity = newIdentity()
    const seed = buildSeed(requested, identity, Date.now()).changes
    key = await generating
    seed.push(...metaChanges(requested, identity, key))
    await state.replace(seed)
  }
  if (reopened && (options.seed !== undefined || options.users !== undefined)) {
    log?.(`data directory already seeded; --seed/--users ignored (POST /emulator/api/seed to re-seed)`)
  }
  const seededIdentity = identity

  let config: EmulatorConfig = defaultConfig(options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS, {
    profile: options.profile === undefined ? undefined : profileOf(options.profile),
    addExistingAccounts: options.addExistingAccounts,
  })
  const stats = new Stats()
  const traffic = new Traffic(() => Date.now())
  traffic.configure(config)
  let baseUrl = ''
  const emulator: EmulatorContext = {
    state,
    tokens: new TokenService(
      key,
      EMULATOR_ISSUER,
      () => Date.now(),
      () => config.tokenLifetimeSeconds,
    ),
    get config() {
      return config
    },
    stats,
    baseUrl: () => baseUrl,
    now: () => Date.now(),
    configure(next) {
      config = next
      traffic.configure(next)
    },
    async reset() {
      const initial = state.getMeta<SeedSpec>('initialSeed') ?? requested
      await state.replace(seedChanges(initial, initial, seededIdentity, key))
    },
    async reseed(spec) {
      const initial = state.getMeta<SeedSpec>('initialSeed') ?? requested
      await state.replace(seedChanges(spec, initial, seededIdentity, key))
    },
  }

  // Bound beyond loopback, anyone on the network reaches the control API: it then needs a token.
  const loopbackOnly = isLoopbackName(host)
  const controlToken = loopbackOnly ? undefined : randomBytes(16).toString('hex')
  const listener = createRequestListener({
    emulator,
    traffic,
    cspRoutes,
    controlRoutes,
    controlGuard: { loopbackOnly, token: controlToken },
    log,
  })
  let tls: TlsMaterial | undefined
  let server: Server
  if (options.tls) {
    tls = prepareTls(host, options.dataDir)
    server = createHttpsServer({ key: tls.key, cert: tls.cert }, listener)
  } else {
    server = createHttpServer(listener)
  }
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    // A port in use must not leave the store open (LMDB holds a lock on the data directory).
    await state.settled()
    await state.store.close()
    tls?.dispose()
    throw error
  }
  const { port } = server.address() as AddressInfo
  baseUrl = `${options.tls ? 'https' : 'http'}://${urlHost(host)}:${port}`
  const credentials = state.getMeta<EmulatorCredentials>('credentials')!
  let closed: Promise<void> | undefined
  return {
    url: baseUrl,
    orgId: credentials.orgId,
    orgName: state.org(credentials.orgId)?.record.displayName ?? '',
    caFile: tls?.caFile,
    credentials: { ...credentials },
    listeningOn: `${host.includes(':') ? `[${host}]` : host}:${port}`,
    ...(controlToken ? { controlToken } : {}),
    stats: () => stats.snapshot(),
    close() {
      closed ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
        await state.settled()
        await state.store.close()
        tls?.dispose()
      })()
      return closed
    },
  }
}
