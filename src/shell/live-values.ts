// Live completion values (role, service and group names, e-mails) fetched by running the Vcs
// cmdlets through the engine, cached for the session so Tab never waits on the network twice.
import {
  getProperty,
  Pipeline,
  type CommandRegistry,
  type LiveValueSource,
  type Session,
} from '../engine/index.js'

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

/** Per-session cache of live values; a failed or missing source completes nothing. */
export class LiveValueCache {
  private readonly values = new Map<string, string[]>()
  private readonly inFlight = new Map<string, Promise<void>>()

  constructor(
    private readonly registry: CommandRegistry,
    private readonly session: Session,
  ) {}

  get(source: LiveValueSource): readonly string[] | undefined {
    return this.values.get(source.name)
  }

  /** Fetches a slot unless cached (concurrent callers share the request). Never rejects. */
  fetch(source: LiveValueSource): Promise<void> {
    const slot = source.name
    if (this.values.has(slot)) return Promise.resolve()
    const running = this.inFlight.get(slot)
    if (running) return running
    const promise = this.load(source).finally(() => this.inFlight.delete(slot))
    this.inFlight.set(slot, promise)
    return promise
  }

  /** Warms every slot in the background (after connecting), so the first Tab is served from memory. */
  prefetch(): Promise<void> {
    return Promise.all(liveSources(this.registry).map((source) => this.fetch(source))).then(() => {})
  }

  /** Forgets everything (after a change such as a new connection or a removed user). */
  clear(): void {
    this.values.clear()
  }

  private async load(source: LiveValueSource): Promise<void> {
    const slot = source.name
    const cmdlet = this.registry.find(source.cmdlet)
    if (!cmdlet) {
      this.values.set(slot, [])
      return
    }
    const found: string[] = []
    try {
      // SilentlyContinue: a completion fetch must never print errors into the user's session.
      const pipeline = new Pipeline(
        [{ cmdlet, args: { ...source.args, errorAction: 'SilentlyContinue' } }],
        undefined,
        this.session,
      )
      for await (const record of pipeline) {
        const value = getProperty(record, source.property)
        if (typeof value === 'string' && value !== '') found.push(value)
        if (found.length >= LIVE_VALUE_CAP) break
      }
      this.values.set(
        slot,
        [...new Set(found)].sort((a, b) => a.localeCompare(b)),
      )
    } catch {
      // Not connected or the request failed: leave the slot unset so a later Tab tries again.
    }
  }
}
