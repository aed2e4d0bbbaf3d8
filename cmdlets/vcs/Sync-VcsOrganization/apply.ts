// Applying a plan: the safety rules first (no removing the connected user or the last owner without
// -Force, no taking the last owner's owner role, no owner changes by a non-owner), ShouldProcess per
// action, then the actions in phases, each batched as CSP allows and run -ThrottleLimit at a time.
// Every action's fate goes to the ledger and the result file the moment CSP answered; a run stopped
// midway lets requests in flight finish (the drain) and counts the rest as not attempted.
import {
  AuthError,
  InterruptedError,
  recordFate,
  recordSuccess,
  RemoteError,
  toVcsError,
  withTypeName,
  type CmdletContext,
  type LedgerFate,
  type VcsError,
} from '../../../src/engine/index.js'
import type { CspCall } from '../../../src/csp/connection.js'
import {
  addGroupUsers,
  groupUsersPath,
  invitationsPath,
  LIMITS,
  removeGroupUsers,
  revokeInvitationsByUsername,
  serviceDefinitionLink,
  updateUserRoles,
  userRolesPath,
  usersPath,
} from '../../../src/csp/endpoints.js'
import { mapConcurrent } from '../../../src/csp/paging.js'
import type { UsersOrganizationInvitationRequest } from '../../../src/wire/csp.js'
import { drainSignal, drainTime } from '../shared/drain.js'
import { OrgState, Reconciler, sendBatch } from '../shared/invite-job.js'
import type { PlannedAction, VcsSyncAction } from '../shared/sync-plan.js'
import { callerIsOwner, noChange, ownerIds, roleRequest } from '../shared/user-roles.js'
import { removeBatch } from '../Remove-VcsUser/remove-users.js'
import {
  connectedIdentity,
  isConnectedUser,
  lastOwners,
  lockoutError,
  type BoundTarget,
} from '../Remove-VcsUser/targets.js'
import type { SyncOutcome, SyncResultFile } from './result-file.js'

/** A plan step with what became of it (Sync-VcsOrganization -PassThru). */
export interface VcsSyncResult extends VcsSyncAction {
  Result: SyncOutcome
}

/** How to apply. */
export interface ApplyOptions {
  throttleLimit: number
  force: boolean
  resultFile?: SyncResultFile
}

/** Usernames per `?action=revoke` POST, as Remove-VcsUserInvitation. */
const REVOKE_BATCH = 100

/** Applies the plan's actions; yields a result per action that was settled (for -PassThru). */
export async function* applyPlan(
  call: CspCall,
  actions: readonly PlannedAction[],
  ctx: CmdletContext,
  options: ApplyOptions,
): AsyncGenerator<VcsSyncResult> {
  const out: VcsSyncResult[] = []
  const settled = new Set<PlannedAction>()
  const rows: Parameters<SyncResultFile['append']>[0][number][] = []
  // Started once the actions are approved; refusals before that are not progress.
  const progressRef: { tracker?: ReturnType<CmdletContext['startProgress']> } = {}
  const settle = (
    planned: PlannedAction,
    result: SyncOutcome,
    fate: LedgerFate,
    detail: string,
    error?: unknown,
  ) => {
    if (settled.has(planned)) return
    settled.add(planned)
    recordFate(ctx.session, fate)
    if (result === 'Done') recordSuccess(ctx.session)
    const reason = error === undefined ? detail : toVcsError(error).message
    progressRef.tracker?.tick(1, result === 'Done' ? 0 : 1)
    const row = { ...planned.view, Result: result, Reason: reason }
    rows.push({
      Action: row.Action,
      Email: row.Email,
      Add: row.Add,
      Remove: row.Remove,
      Result: result,
      Reason: reason,
    })
    out.push(withTypeName('VcsSyncResult', row))
    // Last: under -ErrorAction Stop this throws, and the action is already on the books.
    if (error !== undefined) ctx.writeError(error, planned.view.Email)
  }
  const flush = async function* () {
    if (options.resultFile && rows.length > 0) await options.resultFile.append(rows.splice(0))
    yield* out.splice(0)
  }

  // Safety rules, before anything is asked or sent.
  const refused = await refusals(call, actions, options.force)
  try {
    for (const [planned, error] of refused) {
      if (ctx.whatIf) ctx.host.writeWhatIf(`What if: ${error.message}`)
      else settle(planned, 'Refused', 'failed', '', error)
    }
  } finally {
    // Under -ErrorAction Stop the first refusal throws: what was refused is still written down.
    if (options.resultFile && rows.length > 0) await options.resultFile.append(rows.splice(0))
  }
  yield* flush()
  const approved: PlannedAction[] = []
  for (const planned of actions) {
    if (refused.has(planned)) continue
    const [what, request] = describe(call, planned)
    if (await ctx.shouldProcess(planned.view.Email, what, request)) approved.push(planned)
  }
  if (ctx.whatIf) {
    ctx.host.writeWhatIf(`What if: ${actions.length - refused.size} action(s) would be applied.`)
    return
  }
  const progress = ctx.startProgress('Syncing the organization', approved.length)
  progressRef.tracker = progress
  const drain = drainSignal(ctx.signal, drainTime(), ctx.session)
  const draining: CspCall = { ...call, signal: drain.signal }
  const of = (kind: VcsSyncAction['Action']) => approved.filter((planned) => planned.view.Action === kind)
  /** Runs units of work -ThrottleLimit at a time; a unit cut off by the drain is unknown. */
  const run = async <T extends PlannedAction[]>(units: T[], work: (unit: T) => Promise<void>) => {
    const settledUnits = mapConcurrent(units, options.throttleLimit, async (unit) => {
      if (ctx.signal.aborted) return
      try {
        await work(unit)
      } catch (error) {
        if (!(error instanceof InterruptedError) && !draining.signal.aborted) throw error
        for (const planned of unit) settle(planned, 'Unknown', 'unknown', 'no answer before the run ended')
      }
    })
    for await (const _ of settledUnits) void _
  }
  try {
    // Role changes: owners-to-be first, one user per PATCH.
    const roles = of('ChangeRoles')
    const gainers = roles.filter((planned) => planned.orgAdd.includes('org_owner'))
    for (const phase of [gainers, roles.filter((planned) => !gainers.includes(planned))]) {
      await run(
        phase.map((planned) => [planned]),
        async ([planned]) => {
          const change = {
            ...noChange({ id: planned.userId!, email: planned.view.Email, orgRoles: [] }),
            add: planned.orgAdd,
            remove: planned.orgRemove,
            serviceAdd: planned.serviceAdd,
            serviceRemove: planned.serviceRemove,
          }
          try {
            await updateUserRoles(draining.client, planned.userId!, roleRequest(change), draining)
            settle(planned, 'Done', 'changed', 'roles changed')
          } catch (error) {
            if (error instanceof InterruptedError) throw error
            settle(planned, 'Failed', 'failed', '', error)
          }
        },
      )
      yield* flush()
    }
    // Invitations to revoke go before the invitations that replace them.
    await run(chunks(of('RevokeInvitation'), REVOKE_BATCH), async (batch) => {
      try {
        await revokeInvitationsByUsername(
          draining.client,
          batch.map((planned) => planned.view.Email),
          draining,
        )
        for (const planned of batch) settle(planned, 'Done', 'revoked', 'invitation revoked')
      } catch (error) {
        if (error instanceof InterruptedError) throw error
        for (const planned of batch) settle(planned, 'Failed', 'failed', '', error)
      }
    })
    yield* flush()
    yield* invite(of('Invite'))
    for (const kind of ['AddToGroup', 'RemoveFromGroup'] as const) {
      const byGroup = new Map<string, PlannedAction[]>()
      for (const planned of of(kind))
        byGroup.set(planned.group!.id, [...(byGroup.get(planned.group!.id) ?? []), planned])
      const units = [...byGroup.values()].flatMap((list) => chunks(list, LIMITS.groupBatch))
      await run(units, async (batch) => {
        const group = batch[0].group!
        try {
          const answer =
            kind === 'AddToGroup'
              ? await addGroupUsers(
                  draining.client,
                  group.id,
                  { usernamesToAdd: batch.map((p) => p.view.Email) },
                  draining,
                )
              : await removeGroupUsers(
                  draining.client,
                  group.id,
                  { ids: batch.map((p) => p.userId!) },
                  draining,
                )
          const failed = new Set(answer.failed.map((value) => value.toLowerCase()))
          for (const planned of batch) {
            const key = (kind === 'AddToGroup' ? planned.view.Email : planned.userId!).toLowerCase()
            if (!failed.has(key)) settle(planned, 'Done', 'changed', `group '${group.displayName}' changed`)
            else {
              const error = new RemoteError(
                'Conflict',
                `CSP did not change the membership of ${planned.view.Email} in '${group.displayName}'.`,
              )
              settle(planned, 'Failed', 'failed', '', error)
            }
          }
        } catch (error) {
          if (error instanceof InterruptedError) throw error
          for (const planned of batch) settle(planned, 'Failed', 'failed', '', error)
        }
      })
      yield* flush()
    }
    await run(chunks(of('Remove'), LIMITS.removeBatch), async (batch) => {
      const targets = batch.map((planned) => ({
        id: planned.userId!,
        email: planned.view.Email,
        label: planned.view.Email,
      }))
      const outcomes = await removeBatch(draining, targets, false)
      outcomes.forEach((outcome, index) => {
        if (outcome.error) settle(batch[index], 'Failed', 'failed', '', outcome.error)
        else settle(batch[index], 'Done', 'removed', 'removed from the organization')
      })
    })
    yield* flush()
  } finally {
    drain.dispose()
    for (const planned of approved) {
      if (!settled.has(planned))
        settle(planned, 'NotAttempted', 'notAttempted', 'the run ended before it was sent')
    }
    if (options.resultFile && rows.length > 0) await options.resultFile.append(rows.splice(0))
    await options.resultFile?.flush()
  }
  yield* out.splice(0)
  ctx.throwIfAborted()
  progress.finish()

  /** Invitations: batched by identical roles, then matched to what CSP created (or added directly). */
  async function* invite(list: PlannedAction[]): AsyncGenerator<VcsSyncResult> {
    const bySignature = new Map<
      string,
      { request: UsersOrganizationInvitationRequest; list: PlannedAction[] }
    >()
    for (const planned of list) {
      const request = invitationRequest(planned)
      const signature = JSON.stringify(request)
      const entry = bySignature.get(signature) ?? { request, list: [] }
      entry.list.push(planned)
      bySignature.set(signature, entry)
    }
    const state = new OrgState()
    const accepted: PlannedAction[] = []
    const units = [...bySignature.values()].flatMap(({ request, list: group }) =>
      chunks(group, LIMITS.inviteBatch).map((batch) => Object.assign(batch, { request })),
    )
    await run(units, async (batch) => {
      const sent = await sendBatch(draining, state, {
        emails: batch.map((planned) => planned.view.Email),
        request: batch.request,
      })
      const byEmail = new Map(batch.map((planned) => [planned.view.Email.toLowerCase(), planned]))
      for (const result of sent) {
        const planned = byEmail.get(result.email.toLowerCase())
        if (!planned) continue
        if (result.failure) settle(planned, 'Failed', 'failed', '', result.failure)
        else if (result.skipped) {
          const error = new RemoteError(
            'Conflict',
            `${planned.view.Email}: CSP says it is ${result.skipped.reason}; not invited.`,
          )
          settle(planned, 'Failed', 'failed', '', error)
        } else accepted.push(planned)
      }
    })
    if (accepted.length === 0) return yield* flush()
    // CSP answers 202 without a body: one listing tells invitations from accounts added directly.
    const reconciler = new Reconciler(draining, state)
    reconciler.add(accepted.map((planned) => planned.view.Email))
    const byEmail = new Map(accepted.map((planned) => [planned.view.Email.toLowerCase(), planned]))
    try {
      const { invited, addedDirectly, missing } = await reconciler.run(draining)
      for (const email of invited.keys())
        settle(byEmail.get(email.toLowerCase())!, 'Done', 'invited', 'invited')
      for (const email of addedDirectly.keys())
        settle(byEmail.get(email.toLowerCase())!, 'Done', 'added', 'added directly (an existing CSP account)')
      for (const email of missing)
        settle(
          byEmail.get(email.toLowerCase())!,
          'Unknown',
          'unknown',
          'CSP accepted it, but neither an invitation nor a member appeared',
        )
    } catch {
      // CSP accepted every one of them (202): counted as invited, as CSP said.
      for (const planned of accepted) settle(planned, 'Done', 'invited', 'accepted by CSP (202)')
    }
    yield* flush()
  }
}

/** True when the action is about the connected user. */
function isMe(planned: PlannedAction, me: ReadonlySet<string>): boolean {
  return isConnectedUser(
    { id: planned.userId ?? '', email: planned.view.Email, label: planned.view.Email },
    me,
  )
}

/** The invitation a planned Invite sends: the desired roles and groups. */
function invitationRequest(planned: PlannedAction): UsersOrganizationInvitationRequest {
  const want = planned.desired!
  return {
    usernames: [],
    organizationRoles: [...want.orgRoles].sort().map((name) => ({ name })),
    serviceRolesDtos: [...want.serviceRoles]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, roles]) => ({
        serviceDefinitionLink: serviceDefinitionLink(id),
        serviceRoleNames: [...roles].sort(),
      })),
    ...(want.groups?.length ? { customGroupsIds: [...want.groups].sort() } : {}),
  }
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

/** What ShouldProcess shows for an action: the operation, and the request it sends (-Verbose). */
function describe(call: CspCall, planned: PlannedAction): [string, string] {
  const { Add: add, Remove: remove } = planned.view
  const lists = [
    add.length ? `add ${add.join(', ')}` : '',
    remove.length ? `remove ${remove.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ')
  switch (planned.view.Action) {
    case 'ChangeRoles':
      return [`Change roles (${lists})`, `PATCH ${userRolesPath(call.client, planned.userId!)}`]
    case 'RevokeInvitation':
      return ['Revoke invitation', `POST ${invitationsPath(call.client)}?action=revoke`]
    case 'Invite':
      return [`Invite (${add.join(', ')})`, `POST ${invitationsPath(call.client)}`]
    case 'AddToGroup':
      return [`Add to group '${add[0]}'`, `POST ${groupUsersPath(call.client, planned.group!.id)}`]
    case 'RemoveFromGroup':
      return [`Remove from group '${remove[0]}'`, `DELETE ${groupUsersPath(call.client, planned.group!.id)}`]
    default:
      return ['Remove user', `DELETE ${usersPath(call.client)}`]
  }
}

/**
 * The actions refused before anything is sent: removing the connected user or the last owner
 * (without -Force, Remove-VcsUser's rules), taking org_owner from the last owner (CSP's rule, even
 * with -Force), and granting or taking org_owner when the caller is not an owner.
 */
async function refusals(
  call: CspCall,
  actions: readonly PlannedAction[],
  force: boolean,
): Promise<Map<PlannedAction, VcsError>> {
  const refused = new Map<PlannedAction, VcsError>()
  const removals = actions.filter((planned) => planned.view.Action === 'Remove')
  if (removals.length > 0 && !force) {
    const me = await connectedIdentity(call)
    const target = (planned: PlannedAction): BoundTarget => ({
      id: planned.userId!,
      email: planned.view.Email,
      label: planned.view.Email,
      roles: planned.memberRoles,
    })
    const others: BoundTarget[] = []
    for (const planned of removals) {
      if (isConnectedUser(target(planned), me)) refused.set(planned, lockoutError(target(planned), 'self'))
      else others.push(target(planned))
    }
    for (const owner of await lastOwners(call, others)) {
      const planned = removals.find((p) => p.userId === owner.id)!
      refused.set(planned, lockoutError(owner, 'lastOwner'))
    }
  }
  const roles = actions.filter((planned) => planned.view.Action === 'ChangeRoles')
  const touching = roles.filter((p) => p.orgAdd.includes('org_owner') || p.orgRemove.includes('org_owner'))
  if (touching.length === 0) return refused
  if ((await callerIsOwner(call)) === false) {
    for (const planned of touching) {
      refused.set(
        planned,
        new AuthError(
          'Forbidden',
          `${planned.view.Email}: only an organization owner can grant or remove the org_owner role.`,
        ),
      )
    }
    return refused
  }
  const owners = await ownerIds(call)
  let count =
    owners.size + touching.filter((p) => p.orgAdd.includes('org_owner') && !owners.has(p.userId!)).length
  // The connected user's demotion is weighed last, so the owner kept is the one running the sync.
  const me = await connectedIdentity(call)
  const demotions = touching
    .filter((planned) => planned.orgRemove.includes('org_owner'))
    .sort((a, b) => Number(isMe(a, me)) - Number(isMe(b, me)))
  for (const planned of demotions) {
    if (count <= 1) {
      refused.set(
        planned,
        new RemoteError(
          'Conflict',
          `${planned.view.Email}: cannot remove the last org owner: CSP keeps at least one owner in every organization.`,
        ),
      )
    } else count--
  }
  return refused
}
