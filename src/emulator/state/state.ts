// The emulator's state: every record in memory with the indexes the routes need (ordered members and
// invitations per org, accounts by e-mail), and a Store that makes each committed batch durable.
// Routes never mutate records in place: they compute changes and `commit` them, so memory and disk
// see the same writes in the same order.
import {
  keyOf,
  kindOfKey,
  type AccountRecord,
  type ApiTokenRecord,
  type Change,
  type GroupRecord,
  type InvitationRecord,
  type MailRecord,
  type MembershipRecord,
  type OAuthAppRecord,
  type OrgRecord,
  type RecordKind,
  type RecordOf,
  type StoreKey,
} from './model.js'
import { StoreWriteError, type Store, type StoreEntry } from './store.js'
import { StorageUnavailableError } from '../errors.js'

/** One organization with its ordered indexes. */
export class OrgState {
  readonly members = new Map<string, MembershipRecord>()
  /** User ids in list order (membership `seq`): paging is a slice, O(pageLimit) at any offset. */
  readonly memberOrder: string[] = []
  readonly invitations = new Map<string, InvitationRecord>()
  readonly invitationOrder: string[] = []
  readonly groups = new Map<string, GroupRecord>()

  constructor(public record: OrgRecord) {}

  get id(): string {
    return this.record.id
  }
}

/** Inserts `id` into `order` by sequence number; the common case (a new, highest seq) is a push. */
function insertOrdered(order: string[], id: string, seq: number, seqOf: (id: string) => number): void {
  if (order.length === 0 || seqOf(order[order.length - 1]) < seq) {
    order.push(id)
    return
  }
  let low = 0
  let high = order.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (seqOf(order[middle]) < seq) low = middle + 1
    else high = middle
  }
  order.splice(low, 0, id)
}

function removeFrom(order: string[], id: string): void {
  const index = order.indexOf(id)
  if (index >= 0) order.splice(index, 1)
}

/** All records of the emulator, indexed, plus the store they persist to. */
export class EmulatorState {
  readonly orgs = new Map<string, OrgState>()
  readonly accounts = new Map<string, AccountRecord>()
  private readonly accountsByEmail = new Map<string, string>()
  readonly apiTokens = new Map<string, ApiTokenRecord>()
  readonly apps = new Map<string, OAuthAppRecord>()
  readonly mail: MailRecord[] = []
  private readonly meta = new Map<string, unknown>()
  private lastSeq = 0
  /** Set once a store write failed: further commits are refused (see commit). */
  private storeFailure?: StorageUnavailableError
  /** Serializes commits so that memory and disk apply batches in the same order. */
  private queue: Promise<void> = Promise.resolve()

  constructor(readonly store: Store) {}

  /** Loads the store's entries; returns how many were read. */
  loadFromStore(): number {
    let count = 0
    for (const entry of this.store.load()) {
      const kind = kindOfKey(entry.key)
      if (kind === undefined) continue
      this.apply({ kind, op: 'put', value: entry.value } as Change)
      count++
    }
    return count
  }

  /** A fresh, increasing sequence number for ordered records. */
  nextSeq(): number {
    return ++this.lastSeq
  }

  /** Applies changes in memory at once, then waits until the store has them. */
  async commit(changes: Change[]): Promise<void> {
    if (changes.length === 0) return
    // After a failed write (a full disk) nothing more is taken: memory would drift from the disk.
    if (this.storeFailure) throw this.storeFailure
    for (const change of changes) this.apply(change)
    const puts: StoreEntry[] = []
    const deletes: StoreKey[] = []
    for (const change of changes) {
      if (change.op === 'put') puts.push({ key: keyOf(change), value: change.value })
      else deletes.push(keyOf(change))
    }
    const written = this.queue.then(() => this.store.write(puts, deletes))
    this.queue = written.catch(() => {})
    try {
      await written
    } catch (error) {
      if (!(error instanceof StoreWriteError)) throw error
      // The emulator stays up and serves reads; every write from now on is refused with a 503 until
      // it is restarted on a disk with room (the batch that failed is in memory only: a restart
      // drops it, as it was never acknowledged).
      if (!this.storeFailure)
        process.stderr.write(`emulator: ${error.message}; refusing writes (503) until restarted.\n`)
      this.storeFailure ??= new StorageUnavailableError(error)
      throw this.storeFailure
    }
  }

  /** Drops everything and loads `changes` as the whole new state (reset and re-seed). */
  async replace(changes: Change[]): Promise<void> {
    this.clear()
    for (const change of changes) this.apply(change)
    // The memory store keeps nothing: building 200,000 keys for it would only feed the GC.
    const entries = this.store.durable
      ? changes.map((change) => ({ key: keyOf(change), value: change.value }))
      : []
    const written = this.queue.then(() => this.store.replace(entries))
    this.queue = written.catch(() => {})
    await written
  }

  /** Waits for every pending write. */
  async settled(): Promise<void> {
    await this.queue
  }

  private clear(): void {
    this.orgs.clear()
    this.accounts.clear()
    this.accountsByEmail.clear()
    this.apiTokens.clear()
    this.apps.clear()
    this.mail.length = 0
    this.meta.clear()
    this.lastSeq = 0
  }

  // ---- queries ------------------------------------------------------------------------------

  /** The organization with this id. */
  org(orgId: string): OrgState | undefined {
    return this.orgs.get(orgId)
  }

  /** The account with this e-mail (case-insensitive). */
  accountByEmail(email: string): AccountRecord | undefined {
    const userId = this.accountsByEmail.get(email.toLowerCase())
    return userId === undefined ? undefined : this.accounts.get(userId)
  }

  /** A named singleton (signing key, credentials, seed). */
  getMeta<T>(name: string): T | undefined {
    return this.meta.get(name) as T | undefined
  }

  // ---- applying one change to memory ----------------------------------------------------------

  private apply(change: Change): void {
    const handler = APPLY[change.kind] as (state: EmulatorState, op: 'put' | 'delete', value: unknown) => void
    handler(this, change.op, change.value)
  }

  /** @internal used by the apply table */
  applyOrg(op: 'put' | 'delete', org: OrgRecord): void {
    if (op === 'delete') {
      this.orgs.delete(org.id)
      return
    }
    const existing = this.orgs.get(org.id)
    if (existing) existing.record = org
    else this.orgs.set(org.id, new OrgState(org))
  }

  /** @internal */
  applyAccount(op: 'put' | 'delete', account: AccountRecord): void {
    const previous = this.accounts.get(account.userId)
    if (previous) this.accountsByEmail.delete(previous.email.toLowerCase())
    if (op === 'delete') {
      this.accounts.delete(account.userId)
      return
    }
    this.accounts.set(account.userId, account)
    this.accountsByEmail.set(account.email.toLowerCase(), account.userId)
  }

  /** @internal */
  applyMembership(op: 'put' | 'delete', membership: MembershipRecord): void {
    const org = this.requireOrg(membership.orgId)
    this.lastSeq = Math.max(this.lastSeq, membership.seq)
    if (op === 'delete') {
      if (org.members.delete(membership.userId)) removeFrom(org.memberOrder, membership.userId)
      return
    }
    const isNew = !org.members.has(membership.userId)
    org.members.set(membership.userId, membership)
    if (isNew) {
      insertOrdered(org.memberOrder, membership.userId, membership.seq, (id) => org.members.get(id)!.seq)
    }
  }

  /** @internal */
  applyInvitation(op: 'put' | 'delete', invitation: InvitationRecord): void {
    const org = this.requireOrg(invitation.orgId)
    this.lastSeq = Math.max(this.lastSeq, invitation.seq)
    if (op === 'delete') {
      if (org.invitations.delete(invitation.id)) removeFrom(org.invitationOrder, invitation.id)
      return
    }
    const isNew = !org.invitations.has(invitation.id)
    org.invitations.set(invitation.id, invitation)
    if (isNew) {
      insertOrdered(org.invitationOrder, invitation.id, invitation.seq, (id) => org.invitations.get(id)!.seq)
    }
  }

  /** @internal */
  applyGroup(op: 'put' | 'delete', group: GroupRecord): void {
    const org = this.requireOrg(group.orgId)
    if (op === 'delete') org.groups.delete(group.id)
    else org.groups.set(group.id, group)
  }

  /** @internal */
  applyMail(op: 'put' | 'delete', mail: MailRecord): void {
    this.lastSeq = Math.max(this.lastSeq, mail.seq)
    const last = this.mail[this.mail.length - 1]
    if (op === 'put' && (last === undefined || last.seq < mail.seq)) {
      this.mail.push(mail)
      return
    }
    const index = this.mail.findIndex((existing) => existing.seq === mail.seq)
    if (op === 'delete') {
      if (index >= 0) this.mail.splice(index, 1)
    } else if (index >= 0) this.mail[index] = mail
    else this.mail.push(mail)
  }

  /** @internal */
  applyMeta(op: 'put' | 'delete', name: string, value: unknown): void {
    if (op === 'delete') this.meta.delete(name)
    else this.meta.set(name, value)
  }

  private requireOrg(orgId: string): OrgState {
    const org = this.orgs.get(orgId)
    // Stored keys sort 'grp' < 'inv' < 'mem' < 'org': at load an org's records arrive before the org
    // itself, so a placeholder holds them until the org record fills it in.
    if (org) return org
    const placeholder = new OrgState({ id: orgId, displayName: orgId, createdAt: 0, serviceIds: [] })
    this.orgs.set(orgId, placeholder)
    return placeholder
  }
}

const APPLY: { [K in RecordKind]: (state: EmulatorState, op: 'put' | 'delete', value: RecordOf[K]) => void } =
  {
    org: (state, op, value) => state.applyOrg(op, value),
    account: (state, op, value) => state.applyAccount(op, value),
    membership: (state, op, value) => state.applyMembership(op, value),
    invitation: (state, op, value) => state.applyInvitation(op, value),
    group: (state, op, value) => state.applyGroup(op, value),
    apiToken: (state, op, value) => {
      if (op === 'delete') state.apiTokens.delete(value.value)
      else state.apiTokens.set(value.value, value)
    },
    app: (state, op, value) => {
      if (op === 'delete') state.apps.delete(value.appId)
      else state.apps.set(value.appId, value)
    },
    mail: (state, op, value) => state.applyMail(op, value),
    meta: (state, op, value) => state.applyMeta(op, value.name, value.value),
  }
