// The bulk invitation engine behind New-VcsUserInvitation: what the org already has is read once
// (invitations, and members when the org is small enough), e-mails are sent in large batches with
// bounded concurrency, a batch whose outcome is unknown is re-sent only for the e-mails that did not
// land, and invitation ids are found by listing invitations afterwards (CSP answers 202, no body).
import { InterruptedError, toVcsError, VcsError } from '../../../src/engine/index.js'
import type {
  UserOrganizationInvitationResponse,
  UsersOrganizationInvitationRequest,
} from '../../../src/wire/csp.js'
import type { CspCall } from '../../../src/csp/connection.js'
import {
  createInvitations,
  LIMITS,
  listInvitations,
  listUsersPage,
  searchUsers,
} from '../../../src/csp/endpoints.js'
import { OutcomeUnknownError } from '../../../src/csp/errors.js'
import { invitationId } from './model.js'
import { streamPages } from '../../../src/csp/paging.js'

/** Members are preloaded when the org has at most this many users (a few pages); else CSP decides. */
const MEMBER_PRELOAD_LIMIT = 2000
/** How often sent e-mails are matched to their new invitations while a job runs. */
const RECONCILE_INTERVAL_MS = 3000

/** One batch: the same roles for up to BatchSize e-mails. */
export interface InviteBatch {
  emails: string[]
  request: UsersOrganizationInvitationRequest
}

/** The fate of one e-mail once its batch settled. */
export interface SentEmail {
  email: string
  /** Set when the e-mail could not be invited. */
  failure?: VcsError
  /** Set when CSP refused it as already a member or already invited (not an error: nothing to do). */
  skipped?: { result: 'AlreadyMember' | 'AlreadyInvited'; reason: string }
}

/** What the org had before the job: pending invitations and (for small orgs) members. */
export class OrgState {
  /** Lower-cased e-mail → pending (Available, unexpired) invitation id. */
  readonly pending = new Map<string, string>()
  /** Invitation ids that existed before the job. */
  readonly knownIds = new Set<string>()
  /** Lower-cased e-mails and usernames of members; undefined until loaded, or when the org is too big. */
  members?: Set<string>
  /** Members beyond the first page, still loading while the first batches go out. */
  private membersLoading?: Promise<void>

  /**
   * Reads pending invitations and the first page of members (in parallel, one round trip). The
   * other pages of a mid-size org load in the background so the first POST does not wait for
   * them; until they land, CSP's 409 tells members apart (see {@link sendBatch}).
   */
  static async load(call: CspCall): Promise<OrgState> {
    const state = new OrgState()
    const [invitations] = await Promise.all([listInvitations(call.client, call), state.loadMembers(call)])
    state.addInvitations(invitations, false)
    return state
  }

  /** Waits for the background member load (so no request outlives the job). */
  async settle(): Promise<void> {
    await this.membersLoading
  }

  /** Records invitations; returns those that are new since the job started. */
  addInvitations(
    invitations: readonly UserOrganizationInvitationResponse[],
    fresh = true,
  ): UserOrganizationInvitationResponse[] {
    const now = Date.now()
    const created: UserOrganizationInvitationResponse[] = []
    for (const invitation of invitations) {
      const id = invitationId(invitation)
      const isNew = !this.knownIds.has(id)
      this.knownIds.add(id)
      if (invitation.status === 'AVAILABLE' && invitation.expirationTime > now) {
        this.pending.set(String(invitation.username ?? '').toLowerCase(), id)
        if (isNew && fresh) created.push(invitation)
      }
    }
    return created
  }

  private async loadMembers(call: CspCall): Promise<void> {
    const first = await listUsersPage(call.client, 1, LIMITS.pageLimit, call)
    if (first.totalResults > MEMBER_PRELOAD_LIMIT) {
      call.log(`The org has ${first.totalResults} users: CSP decides who is already a member.`)
      return
    }
    const members = new Set<string>()
    const add = (item: (typeof first.results)[number]) => {
      members.add(String(item.user?.email ?? '').toLowerCase())
      members.add(String(item.user?.username ?? '').toLowerCase())
    }
    if (first.totalResults <= first.results.length) {
      first.results.forEach(add)
      this.members = members
      return
    }
    this.membersLoading = (async () => {
      for await (const item of streamPages(
        async (start, limit, signal) =>
          start === 1 ? first : listUsersPage(call.client, start, limit, { signal }),
        { pageLimit: LIMITS.pageLimit, concurrency: 4, signal: call.signal },
      ))
        add(item)
      this.members = members
    })().catch((error: unknown) => {
      // Only an optimisation: without the list, CSP's 409 still stops double invitations.
      if (!call.signal.aborted) call.log(`Could not read the members in advance: ${(error as Error).message}`)
    })
  }
}

/**
 * Sends one batch. On an unknown outcome (reset, timeout, 5xx) it lists invitations, keeps the
 * e-mails that now have a new invitation, and re-sends only the others, a few times at most.
 * CSP refuses a whole request with 409 when one of its e-mails is a member or already invited
 * (members of big orgs are not preloaded, and others may invite meanwhile): the e-mails named in
 * the answer or now pending are set aside and the rest sent again; when the answer names nobody,
 * the batch is split in halves until the conflicting e-mails are alone.
 */
export async function sendBatch(
  call: CspCall,
  state: OrgState,
  batch: InviteBatch,
  attempts = 4,
): Promise<SentEmail[]> {
  let remaining = batch.emails
  const settled: SentEmail[] = []
  // After an unknown outcome, a 409 may be about our own earlier attempt: those e-mails landed.
  let maybeLanded = false
  for (let attempt = 1; ; attempt++) {
    try {
      await createInvitations(call.client, { ...batch.request, usernames: remaining }, call)
      return [...settled, ...remaining.map((email) => ({ email }))]
    } catch (error) {
      if (error instanceof InterruptedError || call.signal.aborted) throw error
      // Forbidden is about the caller, not the e-mails: every batch would get it, so stop here.
      if (error instanceof VcsError && error.status === 403) throw error
      if (error instanceof VcsError && error.status === 409) {
        const conflict = await setConflictsAside(call, state, remaining, error, maybeLanded)
        settled.push(...conflict.settled)
        remaining = conflict.remaining
        if (remaining.length === 0) return settled
        if (conflict.settled.length === 0) {
          // The answer named nobody we could find: halve the batch until the culprits are alone.
          const half = Math.ceil(remaining.length / 2)
          const parts = [remaining.slice(0, half), remaining.slice(half)]
          for (const part of parts)
            settled.push(...(await sendBatch(call, state, { ...batch, emails: part })))
          return settled
        }
        continue
      }
      if (error instanceof VcsError && error.status === 400 && remaining.length > 1) {
        // CSP refuses a whole request for one bad address (csp-api.md §4.1, e.g. "Platform Operator
        // ... only vmware.com users"): the e-mails the answer names fail on their own, the rest go
        // again; when it names none, halves are sent until each culprit is alone.
        call.log(`Invitation batch of ${remaining.length} refused (${error.message}); narrowing it down.`)
        const text = error.message.toLowerCase()
        const named = remaining.filter((email) => text.includes(email.toLowerCase()))
        const parts =
          named.length > 0 && named.length < remaining.length
            ? [remaining.filter((email) => !named.includes(email))]
            : [
                remaining.slice(0, Math.ceil(remaining.length / 2)),
                remaining.slice(Math.ceil(remaining.length / 2)),
              ]
        if (parts.length === 1) settled.push(...named.map((email) => ({ email, failure: error })))
        for (const part of parts) settled.push(...(await sendBatch(call, state, { ...batch, emails: part })))
        return settled
      }
      if (!(error instanceof OutcomeUnknownError) || attempt >= attempts) {
        const failure = toVcsError(error)
        return [...settled, ...remaining.map((email) => ({ email, failure }))]
      }
      maybeLanded = true
      call.log(`Invitation batch of ${remaining.length}: ${error.message}; checking what landed.`)
      state.addInvitations(await listInvitations(call.client, call))
      settled.push(...remaining.filter((email) => isPending(state, email)).map((email) => ({ email })))
      remaining = remaining.filter((email) => !isPending(state, email))
      if (remaining.length === 0) return settled
    }
  }
}

function isPending(state: OrgState, email: string): boolean {
  return state.pending.has(email.toLowerCase())
}

/** Which e-mails a 409 was about: those now pending, and those the answer names. */
async function setConflictsAside(
  call: CspCall,
  state: OrgState,
  emails: readonly string[],
  error: VcsError,
  maybeLanded: boolean,
): Promise<{ settled: SentEmail[]; remaining: string[] }> {
  state.addInvitations(await listInvitations(call.client, call))
  const named = new Set(
    error.message
      .toLowerCase()
      .split(/[\s,;:()[\]"'<>]+/)
      .filter((word) => word.includes('@')),
  )
  const single = emails.length === 1
  const settled: SentEmail[] = []
  const remaining: string[] = []
  for (const email of emails) {
    const key = email.toLowerCase()
    if (state.pending.has(key)) {
      settled.push(
        maybeLanded
          ? { email }
          : { email, skipped: { result: 'AlreadyInvited', reason: 'already has a pending invitation' } },
      )
    } else if (named.has(key) || single) {
      // Not pending but refused: a member (perhaps added directly by our own earlier attempt).
      settled.push(
        maybeLanded
          ? { email }
          : { email, skipped: { result: 'AlreadyMember', reason: 'already a member of the organization' } },
      )
    } else remaining.push(email)
  }
  return { settled, remaining }
}

/** Matches sent e-mails to the invitations CSP created for them. */
export class Reconciler {
  private unmatched: string[] = []
  private lastRun = Date.now()

  constructor(
    private readonly call: CspCall,
    private readonly state: OrgState,
  ) {}

  add(emails: readonly string[]): void {
    this.unmatched.push(...emails)
  }

  /** How many sent e-mails are not matched yet. */
  pending(): number {
    return this.unmatched.length
  }

  /** Takes the e-mails still unmatched (after a run that could not look them up). */
  takeAll(): string[] {
    const emails = this.unmatched
    this.unmatched = []
    return emails
  }

  /** True when enough time passed since the last listing (listing costs a request from the budget). */
  due(): boolean {
    return this.unmatched.length > 0 && Date.now() - this.lastRun >= RECONCILE_INTERVAL_MS
  }

  /**
   * Lists invitations once; e-mails with a new invitation are `invited`, the rest were added directly
   * (CSP grants existing accounts access without an invitation) or vanished, told apart by a search.
   */
  async run(call: CspCall = this.call): Promise<{
    invited: Map<string, UserOrganizationInvitationResponse>
    addedDirectly: Map<string, Awaited<ReturnType<typeof searchUsers>>[number]>
    missing: string[]
  }> {
    const emails = [...this.unmatched]
    this.lastRun = Date.now()
    const invited = new Map<string, UserOrganizationInvitationResponse>()
    const addedDirectly = new Map<string, Awaited<ReturnType<typeof searchUsers>>[number]>()
    const missing: string[] = []
    if (emails.length === 0) return { invited, addedDirectly, missing }
    // Taken off the list only once the listing answered: a failed look leaves them unmatched.
    const all = await listInvitations(call.client, call)
    this.unmatched = this.unmatched.slice(emails.length)
    this.state.addInvitations(all)
    const newest = new Map<string, UserOrganizationInvitationResponse>()
    for (const invitation of all) {
      if (invitation.status !== 'AVAILABLE') continue
      const key = String(invitation.username ?? '').toLowerCase()
      const seen = newest.get(key)
      if (!seen || seen.generatedAt < invitation.generatedAt) newest.set(key, invitation)
    }
    for (const email of emails) {
      const invitation = newest.get(email.toLowerCase())
      if (invitation) {
        invited.set(email, invitation)
        continue
      }
      const found = (await searchUsers(call.client, email, call)).find(
        (item) => item.user.email.toLowerCase() === email.toLowerCase(),
      )
      if (found) addedDirectly.set(email, found)
      else missing.push(email)
    }
    return { invited, addedDirectly, missing }
  }
}
