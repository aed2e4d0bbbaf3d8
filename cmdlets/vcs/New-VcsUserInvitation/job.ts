// The invite job behind New-VcsUserInvitation: validation, batching, sending, the ledger and the
// result file for one run of the cmdlet.
import {
  getProperty,
  InterruptedError,
  isRecord,
  recordFate,
  toVcsError,
  UsageError,
  withTypeName,
  type CmdletContext,
  type VcsError,
  type LedgerFate,
} from '../../../src/engine/index.js'
import { drainSignal, drainTime, type DrainSignal } from '../shared/drain.js'
import { cspCall, type CspCall } from '../../../src/csp/connection.js'
import { invitationsPath, LIMITS } from '../../../src/csp/endpoints.js'
import { CompactStringSet } from '../shared/compact-set.js'
import { OrgState, Reconciler, sendBatch, type InviteBatch } from '../shared/invite-job.js'
import { flatValues } from '../shared/lookups.js'
import {
  toVcsUser,
  toVcsUserInvitation,
  uidScope,
  type InvitationOutcome,
  type VcsInvitationResult,
  type VcsUser,
  type VcsUserInvitation,
} from '../shared/model.js'
import { mapConcurrent } from '../../../src/csp/paging.js'
import { InvitationRequests } from './request.js'
import { openResultFile, type ResultFile } from './result-file.js'
import { emailDomainWarning, isPlainEmail, unsafeEmailReason } from '../shared/email.js'

/** Which ledger count each result goes to. */
const FATES: Record<InvitationOutcome, LedgerFate> = {
  Invited: 'invited',
  AddedDirectly: 'added',
  AlreadyMember: 'skipped',
  AlreadyInvited: 'skipped',
  Invalid: 'failed',
  Failed: 'failed',
  Unknown: 'unknown',
}

/** A failure that means the server is unreachable (not this batch's content): stop the job. */
function isOutage(error: VcsError): boolean {
  return (
    error.code === 'NetworkError' || error.code === 'Timeout' || [502, 503, 504].includes(error.status ?? 0)
  )
}

type Output = VcsUserInvitation | VcsUser

/** The parameters a record binds, as the job reads them. */
export interface InviteArgs {
  email: string[]
  organizationRole?: unknown[]
  serviceRole?: unknown[]
  group?: unknown[]
  expiresInDays?: number
  skipNotify?: boolean
  resultPath?: string
  batchSize?: number
  throttleLimit?: number
  server?: string
  whatIf?: boolean
}

/** One run of the cmdlet: validation, batching, sending and reporting. */
export class InviteJob {
  private call!: CspCall
  /** The request body of a record's roles, services and groups (each looked up once). */
  private requests!: InvitationRequests
  private state?: Promise<OrgState>
  private resultFile?: ResultFile
  private reconciler!: Reconciler
  /** Lower-cased e-mails taken in so far (repeats are told apart): compact, as it holds every row. */
  private readonly seen = new CompactStringSet()
  private readonly progress
  private dryRun = false
  private throttleLimit = 4
  private batchSize: number = LIMITS.inviteBatch
  /** E-mails CSP acknowledged (202), matched to their invitation or not yet (lower-cased). */
  private readonly acknowledged = new Set<string>()
  /** E-mails taken into a batch whose fate is not known yet (lower-cased). */
  private readonly undecided = new Set<string>()
  /** Outlives a stop by a bounded time, so that batches in flight get their answer. */
  private drain: DrainSignal = drainSignal(new AbortController().signal, 0)
  private readonly drainMs = drainTime()
  /** Set when the server stayed unreachable beyond the retry budget: no further batch is sent. */
  private stopped?: VcsError
  /** -WhatIf: what the run would send, for its closing line. */
  private readonly preview = { requests: 0, emails: 0 }
  /** The confirmation questions, one at a time (batches are sent concurrently). */
  private asking: Promise<unknown> = Promise.resolve()
  /** The record being batched (for telling a row's problem from the command line's). */
  private args?: InviteArgs

  constructor(private readonly ctx: CmdletContext) {
    this.progress = ctx.startProgress('Inviting users')
  }

  async *run(records: AsyncIterable<InviteArgs>): AsyncGenerator<Output> {
    const batches = this.batches(records)
    // send() hands acknowledged e-mails to the reconciler itself: a batch that settles while the run
    // is being stopped is still matched to its invitations (in close()).
    for await (const _ of mapConcurrent(
      batches,
      () => this.throttleLimit,
      (batch) => this.send(batch),
    )) {
      // Listing invitations costs a request from the rate budget: while the job runs, only to keep a
      // result file current (a rerun after a crash skips what it recorded); otherwise once at the end.
      if (this.resultFile && this.reconciler.due() && !this.stopped) {
        // A look that fails (the server gone beyond the budget) stops the job; close() tries again.
        const outputs = await this.reconcile().catch((error: unknown) => {
          if (error instanceof InterruptedError) throw error
          this.stopped ??= toVcsError(error)
          return []
        })
        yield* outputs
      }
    }
    // The job stopped on an outage: the ledger is written by close(); the run ends with that error.
    if (this.stopped) throw this.stopped
    if (this.dryRun && this.call) {
      this.ctx.host.writeWhatIf(
        `What if: ${this.preview.emails} e-mail(s) would be invited in ${this.preview.requests} request(s) (POST ${invitationsPath(this.call.client)}, at most ${this.batchSize} e-mails each).`,
      )
      return
    }
    if (this.reconciler) yield* await this.reconcile()
    this.progress.finish()
  }

  /**
   * Ends the job however it ended: when it was stopped (Ctrl+C, a signal, an error), the batches in
   * flight were allowed to finish (see send), and what they sent is now matched to invitations, so
   * the result file and the ledger hold every e-mail whose fate the server decided; e-mails taken in
   * but never sent are counted as not attempted (no row: a rerun sends them).
   */
  async close(): Promise<void> {
    try {
      if (this.reconciler?.pending() && !this.dryRun) {
        await this.reconcile({ ...this.call, signal: this.drain.signal }).catch((error: unknown) => {
          this.ctx.writeWarning(
            `Could not check what the last ${this.reconciler.pending()} invitation(s) became: ${toVcsError(error).message}`,
          )
        })
        // Still unmatched, the server could not be asked: CSP's 202 is its word that the e-mail was
        // invited (only the id is missing); a batch without an answer is unknown, and its row says so.
        let unknown = 0
        for (const email of this.reconciler.takeAll()) {
          if (this.acknowledged.has(email.toLowerCase()))
            await this.record(
              email,
              'Invited',
              'CSP accepted it (202); its invitation id could not be looked up',
            )
          else {
            unknown++
            await this.record(
              email,
              'Unknown',
              'sent, but the run ended before CSP answered or a look told what became of it',
            )
          }
        }
        if (unknown > 0)
          this.ctx.writeWarning(
            `${unknown} e-mail(s) were sent without an answer: whether they were invited is unknown${this.resultFile ? ` (rows 'Unknown' in ${this.resultFile.path}; a rerun with the same -ResultPath settles them without inviting anyone twice)` : ''}.`,
          )
      }
      if (!this.dryRun) recordFate(this.ctx.session, 'notAttempted', this.undecided.size)
    } finally {
      clearTimeout(this.waitOver)
      this.drain.dispose()
      await this.resultFile?.flush()
      await (await this.state?.catch(() => undefined))?.settle()
    }
  }

  /** Shows a wait for the server on the progress bar as a wait, not as a stall. */
  private readonly onWait = (ms: number, reason: string): void => {
    this.progress.tick(0, 0, `waiting ${Math.ceil(ms / 1000)} s: ${reason}`)
    // Once it is over, the next answer (or this timer) clears it; the latest wait's timer only.
    clearTimeout(this.waitOver)
    this.waitOver = setTimeout(() => this.progress.tick(0, 0), ms)
    this.waitOver.unref()
  }
  private waitOver?: NodeJS.Timeout

  /** Turns pipeline records into batches of e-mails with the same roles, reporting the ones skipped. */
  private async *batches(records: AsyncIterable<InviteArgs>): AsyncGenerator<InviteBatch> {
    const open = new Map<string, InviteBatch>()
    let batchSize: number = LIMITS.inviteBatch
    for await (const args of records) {
      // Stopped: no new batch is formed (what is queued stays not attempted).
      this.ctx.throwIfAborted()
      const emails = flatValues(args.email).map((email) => String(email).trim())
      if (!this.ctx.expectingInput) {
        // Given as a parameter: a typo stops the command before any request (pipeline rows are
        // reported one by one instead).
        const invalid = emails.find((email) => !isPlainEmail(email) || unsafeEmailReason(email))
        if (invalid !== undefined) {
          const why = unsafeEmailReason(invalid)
          throw new UsageError(
            'ValidationFailed',
            `'${JSON.stringify(invalid).slice(1, -1)}' is not a valid e-mail address${why ? `: ${why}` : ''}.`,
            { target: invalid },
          )
        }
      }
      this.args = args
      if (this.stopped) {
        // The job stopped on an outage: the rest of the input is read, not sent, and counted as
        // not attempted (no row: a rerun with the same result file sends it).
        for (const email of emails)
          if (!this.resultFile?.isDone(email)) this.undecided.add(email.toLowerCase())
        continue
      }
      if (!this.call) {
        await this.start(args)
        batchSize = this.batchSize = args.batchSize ?? LIMITS.inviteBatch
      }
      const request = await this.requests.for(args).catch((error: unknown) => {
        if (!this.isRowProblem(error)) throw error
        return error
      })
      const state = await this.state!
      if (request instanceof UsageError) {
        // A role, service or group this row names does not exist: this row's problem, not the run's.
        for (const email of emails) {
          if (this.resultFile?.isDone(email)) this.progress.tick()
          else await this.record(email, 'Invalid', request.message.replace(/\.$/, ''))
        }
        continue
      }
      const key = JSON.stringify(request)
      for (const email of emails) {
        const skipped = this.skipReason(email, state)
        if (skipped?.result === 'Done') {
          this.progress.tick()
          continue
        }
        if (skipped) {
          await this.record(
            email,
            skipped.result,
            skipped.reason,
            skipped.invitationId,
            undefined,
            skipped.row,
          )
          continue
        }
        let batch = open.get(key)
        if (!batch) open.set(key, (batch = { emails: [], request }))
        batch.emails.push(email)
        // Under -WhatIf nothing is sent, so nothing is left undecided: a million previewed rows
        // hold no memory beyond the duplicate check's set (as in a real run).
        if (!this.dryRun) this.undecided.add(email.toLowerCase())
        if (batch.emails.length >= batchSize) {
          open.delete(key)
          this.ctx.throwIfAborted()
          yield batch
        }
      }
    }
    yield* open.values()
  }

  private async start(args: InviteArgs): Promise<void> {
    // The result file first: a path that cannot be written stops the command before any request.
    if (args.resultPath) this.resultFile = openResultFile(args.resultPath)
    this.call = await cspCall(this.ctx, args.server)
    this.drain = drainSignal(this.ctx.signal, this.drainMs, this.ctx.session)
    this.throttleLimit = args.throttleLimit ?? 4
    // E-mails given as a parameter are all there is: the bar knows its total (piped input does not).
    if (!this.ctx.expectingInput) this.progress.total = flatValues(args.email).length
    // Under -WhatIf nothing is sent, so nothing is recorded either.
    this.dryRun = this.ctx.whatIf
    // Start reading what the org has while the roles are checked: both before the first send.
    this.state = OrgState.load(this.call)
    this.state.catch(() => undefined)
    // The lookups the first record needs go out alongside.
    this.requests = new InvitationRequests(this.call, (message) => this.ctx.writeWarning(message))
    this.requests.prefetch(args)
    this.reconciler = new Reconciler(this.call, await this.state)
  }

  /**
   * True when a lookup failure is about a value the pipeline row gave (a CSV's role column), not one
   * given on the command line (which every row shares: a usage error before anything is sent).
   */
  private isRowProblem(error: unknown): error is UsageError {
    if (!(error instanceof UsageError) || !this.ctx.expectingInput) return false
    const given = ['organizationRole', 'serviceRole', 'group']
      .filter((name) => this.ctx.boundParameters.has(name))
      .flatMap((name) => flatValues(this.args?.[name as keyof InviteArgs]))
      .map((value) => (isRecord(value) ? String(getProperty(value, 'Name') ?? '') : String(value)))
    return !given.some((value) => value.toLowerCase() === String(error.target ?? '').toLowerCase())
  }

  private skipReason(
    email: string,
    state: OrgState,
  ): { result: InvitationOutcome | 'Done'; reason: string; invitationId?: string; row?: false } | undefined {
    const key = email.toLowerCase()
    if (!isPlainEmail(email)) return { result: 'Invalid', reason: 'not a valid e-mail address' }
    const unsafe = unsafeEmailReason(email)
    if (unsafe) return { result: 'Invalid', reason: `not a valid e-mail address: ${unsafe}` }
    const warning = emailDomainWarning(email)
    if (warning) this.ctx.writeWarning(warning)
    if (this.resultFile?.isDone(key)) {
      // Finished by an earlier run with this result file: no request, no new row.
      this.seen.add(key)
      return { result: 'Done', reason: '' }
    }
    // The first of the repeats has the e-mail's row (perhaps still to come, when its batch settles).
    if (this.seen.has(key))
      return { result: 'AlreadyInvited', reason: 'listed more than once in this run', row: false }
    this.seen.add(key)
    const pending = state.pending.get(key)
    if (this.resultFile?.wasUnknown(key)) {
      // An earlier run sent it and lost the answer: what the org shows now is what that run did.
      const earlier = 'sent by an earlier run with this result file, whose answer was lost'
      if (pending) return { result: 'Invited', reason: earlier, invitationId: pending }
      if (state.members?.has(key)) return { result: 'AddedDirectly', reason: earlier }
    }
    if (state.members?.has(key))
      return { result: 'AlreadyMember', reason: 'already a member of the organization' }
    if (pending)
      return { result: 'AlreadyInvited', reason: 'already has a pending invitation', invitationId: pending }
    return undefined
  }

  /**
   * Sends one batch and records what the server said. Once started, a batch runs to its answer even
   * when the run is stopped (on the drain signal, bounded): an answer half-heard is an unknown fate.
   * A batch not yet started when the run is stopped is not sent at all.
   */
  private async send(given: InviteBatch): Promise<void> {
    const body = { ...given.request, usernames: given.emails }
    const detail = `POST ${invitationsPath(this.call.client)} ${JSON.stringify(body)}`
    if (this.dryRun) {
      // -WhatIf: one line per e-mail, as PowerShell's ShouldProcess prints per target; the requests
      // are counted for the closing line, and -Verbose shows each.
      for (const email of given.emails) this.ctx.host.writeWhatIf(`What if: Inviting user "${email}"`)
      this.ctx.writeVerbose(detail)
      this.preview.requests++
      this.preview.emails += given.emails.length
      // A million lines outrun a reader of stderr: wait for it rather than queue them in memory.
      await this.ctx.host.drained?.()
      return
    }
    // Asked one e-mail at a time (Y, A, N, L), one question at a time although batches go out
    // concurrently: batching is ours, not the user's.
    const asked = this.asking.then(async () => {
      const yes: string[] = []
      for (const email of given.emails) {
        if (await this.ctx.shouldProcess(email, 'Invite user')) yes.push(email)
        else this.undecided.delete(email.toLowerCase())
      }
      return yes
    })
    this.asking = asked
    const approved = await asked
    if (approved.length === 0) return
    const batch = { ...given, emails: approved }
    // Stopped (Ctrl+C, or the server stayed away beyond the outage budget): not sent at all.
    if (this.ctx.signal.aborted || this.stopped) return
    const draining: CspCall = { ...this.call, signal: this.drain.signal, onWait: this.onWait }
    let results
    try {
      results = await sendBatch(draining, await this.state!, batch)
    } catch (error) {
      // No answer (stopped, or the server went away while we looked): whether the batch landed is
      // found out by looking (close()), or reported as unknown.
      this.reconciler.add(batch.emails)
      if (!(error instanceof InterruptedError)) this.stopped ??= toVcsError(error)
      return
    }
    const sent: string[] = []
    for (const result of results) {
      if (result.failure) {
        await this.record(result.email, 'Failed', result.failure.message, undefined, result.failure)
        // The server is gone beyond the retry budget: stop sending; what is queued is not attempted.
        if (isOutage(result.failure)) this.stopped ??= result.failure
      } else if (result.skipped) await this.record(result.email, result.skipped.result, result.skipped.reason)
      else sent.push(result.email)
    }
    for (const email of sent) this.acknowledged.add(email.toLowerCase())
    // The bar moves as CSP acknowledges a batch, not only once its invitations are listed (at the
    // end of a run without a result file); record() does not count these again.
    this.progress.tick(sent.length)
    this.reconciler.add(sent)
  }

  /** Matches sent e-mails to invitations; emits them and writes their rows. */
  private async reconcile(call?: CspCall): Promise<Output[]> {
    const { invited, addedDirectly, missing } = await this.reconciler.run(call)
    const outputs: Output[] = []
    for (const [email, invitation] of invited) {
      const output = toVcsUserInvitation(invitation, uidScope(this.call))
      await this.record(email, 'Invited', '', output.Id)
      outputs.push(output)
    }
    for (const [email, user] of addedDirectly) {
      await this.record(email, 'AddedDirectly', 'CSP added the existing account to the organization directly')
      outputs.push(toVcsUser(user, uidScope(this.call)))
    }
    for (const email of missing) {
      await this.record(
        email,
        'Failed',
        'CSP accepted the request but shows neither an invitation nor a membership',
      )
    }
    return outputs
  }

  /**
   * Writes one e-mail's fate: result file row, progress, and a warning or error when it was not
   * invited. The result file keeps one final row per e-mail: an e-mail it already settled (an
   * invalid one from an earlier run) is reported again but not written again.
   */
  private async record(
    email: string,
    result: InvitationOutcome,
    reason: string,
    invitationId?: string,
    error?: unknown,
    row: boolean = true,
  ): Promise<void> {
    const failed = result === 'Invalid' || result === 'Failed'
    // An acknowledged e-mail was counted when its batch was answered (only a failure is news).
    if (this.acknowledged.has(email.toLowerCase())) {
      if (failed) this.progress.tick(0, 1)
    } else this.progress.tick(1, failed ? 1 : 0)
    this.undecided.delete(email.toLowerCase())
    if (!this.dryRun) recordFate(this.ctx.session, FATES[result])
    const line: VcsInvitationResult = withTypeName('VcsInvitationResult', {
      Email: email,
      Result: result,
      InvitationId: invitationId ?? '',
      Reason: reason,
      Timestamp: new Date().toISOString(),
    })
    if (!this.dryRun && row) await this.resultFile?.append([line])
    if (result === 'AlreadyMember' || result === 'AlreadyInvited')
      this.ctx.writeWarning(`${email}: ${reason}; not invited again.`)
    if (failed)
      this.ctx.writeError(
        error ?? new UsageError('ValidationFailed', `${email}: ${reason}.`, { target: email }),
        email,
      )
  }
}
