// Live completion values (role, service and group names, e-mails) fetched by running the Vcs
// cmdlets through the engine, cached for the session so Tab never waits on the network twice.
import {
  getProperty,
  Pipeline,
  type CommandRegistry,
  type LiveValueSource,
  type Session,
} from '../engine/index.js'
import { TypeShapes } from './members.js'

/** Every live-value source the registry's parameters declare, once each by name. */
export function liveSources(registry: CommandRegistry): LiveValueSource[] {
  const byName = new Map<string, LiveValueSource>()
  for (const cmdlet of registry.all()) {
    for (const def of Object.values(cmdlet.allParameters)) {
      const completer = def.completer
      if (typeof completer === 'object' && !byName.has(completer.name)) byName.set(completer.name, completer)
    }
  }
  return [...byName.values()]
}

/** At most this many values per slot: completing e-mails of a 100,000-user org must stay cheap. */
export const LIVE_VALUE_CAP = 2000

/** At most this many values come back from one server search for a typed prefix. */
export const SEARCH_LIMIT = 200

/** The key of the run a source is fetched by: sources of one cmdlet and arguments share it. */
const runKey = (source: LiveValueSource) =>
  `${source.cmdlet.toLowerCase()} ${JSON.stringify(source.args ?? {})}`

/** Per-session cache of live values; a failed or missing source completes nothing. */
export class LiveValueCache {
  private readonly values = new Map<string, string[]>()
  private readonly inFlight = new Map<string, Promise<void>>()
  /** Slots cut at LIVE_VALUE_CAP: the server has more than the cache. */
  private readonly capped = new Set<string>()
  /** Per slot, the (lower-case) prefixes whose server search returned everything they match. */
  private readonly searched = new Map<string, Set<string>>()
  /** Bumped by clear(), so a fetch or search that was running when it happened stores nothing. */
  private generation = 0

  constructor(
    private readonly registry: CommandRegistry,
    private readonly session: Session,
    /** Property names of output types, learned from every record the fetches and runs see. */
    readonly shapes: TypeShapes = new TypeShapes(),
  ) {}

  get(source: LiveValueSource): readonly string[] | undefined {
    return this.values.get(source.name)
  }

  /**
   * True when the cache holds only part of a slot and no search has covered `prefix` yet: the
   * values starting with it should be asked of the server (see search()).
   */
  partial(source: LiveValueSource, prefix: string): boolean {
    if (!this.capped.has(source.name)) return false
    const lower = prefix.toLowerCase()
    return ![...(this.searched.get(source.name) ?? [])].some((done) => lower.startsWith(done))
  }

  /** Fetches a slot unless cached (concurrent callers share the request). Never rejects. */
  fetch(source: LiveValueSource): Promise<void> {
    if (this.values.has(source.name)) return Promise.resolve()
    // One run fills every slot of the same cmdlet and arguments (users' e-mails and names).
    const key = runKey(source)
    const running = this.inFlight.get(key)
    if (running) return running
    const promise = this.load(source).finally(() => this.inFlight.delete(key))
    this.inFlight.set(key, promise)
    return promise
  }

  /** Warms every slot in the background (after connecting), so the first Tab is served from memory. */
  prefetch(): Promise<void> {
    return Promise.all(liveSources(this.registry).map((source) => this.fetch(source))).then(() => {})
  }

  /** Forgets everything (after a change such as a new connection or a removed user). */
  clear(): void {
    this.generation++
    this.values.clear()
    this.capped.clear()
    this.searched.clear()
  }

  /**
   * Asks the server for the values of a capped slot that start with `prefix`, through the source
   * cmdlet's own wildcard parameter named like the property (Get-VcsUser -Email 'sam*'), and adds
   * them to the slot. Stops early when `signal` aborts (the person typed on). Never rejects.
   */
  async search(source: LiveValueSource, prefix: string, signal?: AbortSignal): Promise<void> {
    const cmdlet = this.registry.find(source.cmdlet)
    const parameter =
      cmdlet &&
      Object.keys(cmdlet.allParameters).find((name) => name.toLowerCase() === source.property.toLowerCase())
    const generation = this.generation
    const done = () => {
      const set = this.searched.get(source.name) ?? new Set()
      set.add(prefix.toLowerCase())
      this.searched.set(source.name, set)
    }
    // No way to ask (or a prefix with wildcard characters of its own): the cache is all there is.
    if (!cmdlet || !parameter || !cmdlet.allParameters[parameter].wildcards || /[*?[\]`]/.test(prefix))
      return done()
    const found: string[] = []
    try {
      const pipeline = new Pipeline(
        [{ cmdlet, args: { ...source.args, [parameter]: [`${prefix}*`], errorAction: 'SilentlyContinue' } }],
        undefined,
        this.session,
      )
      for await (const record of pipeline) {
        if (signal?.aborted) return
        const value = getProperty(record, source.property)
        if (typeof value === 'string' && value !== '') found.push(value)
        if (found.length >= SEARCH_LIMIT) break
      }
    } catch {
      // Not connected, or the request failed: complete from the cache.
      return done()
    }
    if (signal?.aborted || generation !== this.generation) return
    const values = this.values.get(source.name)
    if (values)
      this.values.set(
        source.name,
        [...new Set([...values, ...found])].sort((a, b) => a.localeCompare(b)),
      )
    done()
  }

  private async load(source: LiveValueSource): Promise<void> {
    const cmdlet = this.registry.find(source.cmdlet)
    if (!cmdlet) {
      this.values.set(source.name, [])
      return
    }
    const key = runKey(source)
    const slots = [
      source,
      ...liveSources(this.registry).filter((other) => other.name !== source.name && runKey(other) === key),
    ]
    const found = new Map(slots.map((slot) => [slot.name, [] as string[]]))
    const generation = this.generation
    let count = 0
    try {
      // SilentlyContinue: a completion fetch must never print errors into the user's session.
      const pipeline = new Pipeline(
        [{ cmdlet, args: { ...source.args, errorAction: 'SilentlyContinue' } }],
        undefined,
        this.session,
      )
      for await (const record of pipeline) {
        this.shapes.learn(record)
        for (const slot of slots) {
          const value = getProperty(record, slot.property)
          if (typeof value === 'string' && value !== '') found.get(slot.name)!.push(value)
        }
        if (++count >= LIVE_VALUE_CAP) break
      }
      if (generation !== this.generation) return
      if (count >= LIVE_VALUE_CAP) for (const slot of slots) this.capped.add(slot.name)
      for (const slot of slots)
        this.values.set(
          slot.name,
          [...new Set(found.get(slot.name))].sort((a, b) => a.localeCompare(b)),
        )
    } catch {
      // Not connected or the request failed: leave the slot unset so a later Tab tries again.
    }
  }
}
