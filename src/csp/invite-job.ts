// The bulk invitation engine behind New-VcsUserInvitation: what the org already has is read once
// (invitations, and members when the org is small enough), e-mails are sent in large batches with
// bounded concurrency, a batch whose outcome is unknown is re-sent only for the e-mails that did not
// land, and invitation ids are found by listing invitations afterwards (CSP answers 202, no body).
import { InterruptedError, toVcsError, VcsError } from '../engine/index.js'
import type { UserOrganizationInvitationResponse, UsersOrganizationInvitationRequest } from '../wire/csp.js'
import type { CspCall } from './connection.js'
import { createInvitations, LIMITS, listInvitations, listUsersPage, searchUsers } from './endpoints.js'
import { OutcomeUnknownError } from './errors.js'
import { invitationId } from './model.js'
import { streamPages } from './paging.js'

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
}

/** What the org had before the job: pending invitations and (for small orgs) members. */
export class OrgState {
  /** Lower-cased e-mail → pending (Available, unexpired) invitation id. */
  readonly pending = new Map<string, string>()
  /** Invitation ids that existed before the job. */
  readonly knownIds = new Set<string>()
  /** Lower-cased e-mails and usernames of members; undefined when the org is too big to preload. */
  members?: Set<string>

  static async load(call: CspCall): Promise<OrgState> {
    const state = new OrgState()
    const [invitations] = await Promise.all([listInvitations(call.client, call), state.loadMembers(call)])
    state.addInvitations(invitations, false)
    return state
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
        this.pending.set(invitation.username.toLowerCase(), id)
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
    for await (const item of streamPages(
      async (start, limit, signal) =>
        start === 1 ? first : listUsersPage(call.client, start, limit, { signal }),
      { pageLimit: LIMITS.pageLimit, concurrency: 4, signal: call.signal },
    )) {
      members.add(item.user.email.toLowerCase())
      members.add(item.user.username.toLowerCase())
    }
    this.members = members
  }
}

/**
 * Sends one batch. On an unknown outcome (reset, timeout, 5xx) it lists invitations, keeps the
 * e-mails that now have a new invitation, and re-sends only the others, a few times at most.
 */
export async function sendBatch(
  call: CspCall,
  state: OrgState,
  batch: InviteBatch,
  attempts = 4,
): Promise<SentEmail[]> {
  let remaining = batch.emails
  const landed: string[] = []
  for (let attempt = 1; ; attempt++) {
    try {
      await createInvitations(call.client, { ...batch.request, usernames: remaining }, call)
      return [...landed, ...remaining].map((email) => ({ email }))
    } catch (error) {
      if (error instanceof InterruptedError || call.signal.aborted) throw error
      if (!(error instanceof OutcomeUnknownError) || attempt >= attempts) {
        const failure = toVcsError(error)
        return [...landed.map((email) => ({ email })), ...remaining.map((email) => ({ email, failure }))]
      }
      call.log(`Invitation batch of ${remaining.length}: ${error.message}; checking what landed.`)
      state.addInvitations(await listInvitations(call.client, call))
      const nowPending = remaining.filter((email) => state.pending.has(email.toLowerCase()))
      landed.push(...nowPending)
      remaining = remaining.filter((email) => !state.pending.has(email.toLowerCase()))
      if (remaining.length === 0) return landed.map((email) => ({ email }))
    }
  }
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

  /** True when enough time passed since the last listing (listing costs a request from the budget). */
  due(): boolean {
    return this.unmatched.length > 0 && Date.now() - this.lastRun >= RECONCILE_INTERVAL_MS
  }

  /**
   * Lists invitations once; e-mails with a new invitation are `invited`, the rest were added directly
   * (CSP grants existing accounts access without an invitation) or vanished, told apart by a search.
   */
  async run(): Promise<{
    invited: Map<string, UserOrganizationInvitationResponse>
    addedDirectly: Map<string, Awaited<ReturnType<typeof searchUsers>>[number]>
    missing: string[]
  }> {
    const emails = this.unmatched
    this.unmatched = []
    this.lastRun = Date.now()
    const invited = new Map<string, UserOrganizationInvitationResponse>()
    const addedDirectly = new Map<string, Awaited<ReturnType<typeof searchUsers>>[number]>()
    const missing: string[] = []
    if (emails.length === 0) return { invited, addedDirectly, missing }
    const all = await listInvitations(this.call.client, this.call)
    this.state.addInvitations(all)
    const newest = new Map<string, UserOrganizationInvitationResponse>()
    for (const invitation of all) {
      if (invitation.status !== 'AVAILABLE') continue
      const key = invitation.username.toLowerCase()
      const seen = newest.get(key)
      if (!seen || seen.generatedAt < invitation.generatedAt) newest.set(key, invitation)
    }
    for (const email of emails) {
      const invitation = newest.get(email.toLowerCase())
      if (invitation) {
        invited.set(email, invitation)
        continue
      }
      const found = (await searchUsers(this.call.client, email, this.call)).find(
        (item) => item.user.email.toLowerCase() === email.toLowerCase(),
      )
      if (found) addedDirectly.set(email, found)
      else missing.push(email)
    }
    return { invited, addedDirectly, missing }
  }
}
