// Live completion values (role, service and group names, e-mails) fetched by running the Vcs
// cmdlets through the engine, cached for the session so Tab never waits on the network twice.
import {
  getProperty,
  Pipeline,
  type CommandRegistry,
  type CompleterName,
  type Session,
} from '../engine/index.js'

/** Which cmdlet and property feed each live slot (the shell knows names, never CSP URLs). */
export const LIVE_SOURCES: Partial<
  Record<CompleterName, { cmdlet: string; property: string; args?: object }>
> = {
  organizationRole: { cmdlet: 'Get-VcsOrganizationRole', property: 'Name' },
  serviceRole: { cmdlet: 'Get-VcsServiceRole', property: 'Name' },
  service: { cmdlet: 'Get-VcsService', property: 'Name' },
  group: { cmdlet: 'Get-VcsGroup', property: 'Name' },
  invitationEmail: { cmdlet: 'Get-VcsUserInvitation', property: 'Email', args: { status: 'Available' } },
  userEmail: { cmdlet: 'Get-VcsUser', property: 'Email' },
}

/** At most this many values per slot: completing e-mails of a 100,000-user org must stay cheap. */
export const LIVE_VALUE_CAP = 2000

/** Per-session cache of live values; a failed or missing source completes nothing. */
export class LiveValueCache {
  private readonly values = new Map<CompleterName, string[]>()
  private readonly inFlight = new Map<CompleterName, Promise<void>>()

  constructor(
    private readonly registry: CommandRegistry,
    private readonly session: Session,
  ) {}

  get(slot: CompleterName): readonly string[] | undefined {
    return this.values.get(slot)
  }

  /** Fetches a slot unless cached (concurrent callers share the request). Never rejects. */
  fetch(slot: CompleterName): Promise<void> {
    if (this.values.has(slot)) return Promise.resolve()
    const running = this.inFlight.get(slot)
    if (running) return running
    const promise = this.load(slot).finally(() => this.inFlight.delete(slot))
    this.inFlight.set(slot, promise)
    return promise
  }

  /** Warms every slot in the background (after connecting), so the first Tab is served from memory. */
  prefetch(): Promise<void> {
    return Promise.all(Object.keys(LIVE_SOURCES).map((slot) => this.fetch(slot as CompleterName))).then(
      () => {},
    )
  }

  /** Forgets everything (after a change such as a new connection or a removed user). */
  clear(): void {
    this.values.clear()
  }

  private async load(slot: CompleterName): Promise<void> {
    const source = LIVE_SOURCES[slot]
    const cmdlet = source && this.registry.find(source.cmdlet)
    if (!source || !cmdlet) {
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
