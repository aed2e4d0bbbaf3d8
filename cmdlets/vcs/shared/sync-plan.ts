// The plan that makes an organization equal to its desired state (Compare-VcsOrganization,
// Sync-VcsOrganization): the desired users compared with what CSP holds now give one action per
// change. The plan is computed from the server every run, so a rerun after an interruption plans
// only what is still left to do. Reading the desired state is desired-state.ts.
import { AuthError, withTypeName } from '../../../src/engine/index.js'
import type { CspCall } from '../../../src/csp/connection.js'
import { listInvitations } from '../../../src/csp/endpoints.js'
import type {
  ExpandedTypedUser,
  GroupDto,
  UserOrganizationInvitationResponse,
} from '../../../src/wire/csp.js'
import { groupMembers } from './group-members.js'
import { invitationId } from './model.js'
import type { CatalogService } from './services.js'
import { findUsers } from './users.js'

/** What one action does, in the order Sync-VcsOrganization applies them. */
export const SYNC_ACTIONS = [
  'ChangeRoles',
  'RevokeInvitation',
  'Invite',
  'AddToGroup',
  'RemoveFromGroup',
  'Remove',
  'None',
] as const
export type SyncActionKind = (typeof SYNC_ACTIONS)[number]

/** One step of the plan, as Compare-VcsOrganization outputs it (Sync-VcsOrganization adds Result). */
export interface VcsSyncAction {
  Action: SyncActionKind
  Email: string
  /** Roles (or the group) the action adds or invites with. */
  Add: string[]
  /** Roles (or the group) the action removes. */
  Remove: string[]
  /** Why the action is needed (or why nothing is). */
  Reason: string
  /** The user id, or the invitation ids to revoke. */
  Id: string
}

/** The key naming an action across runs (the result file, resume): what it does to whom. */
export function actionKey(row: {
  Action: string
  Email: string
  Add: readonly string[]
  Remove: readonly string[]
}): string {
  const sorted = (list: readonly string[]) =>
    [...list]
      .map((item) => item.trim())
      .sort()
      .join(';')
  return [row.Action, row.Email.trim().toLowerCase(), sorted(row.Add), sorted(row.Remove)].join('|')
}

/** One person of the desired state, validated against the org's roles and groups. */
export interface DesiredUser {
  email: string
  orgRoles: string[]
  /** Service id → role names. */
  serviceRoles: Map<string, string[]>
  /** Group ids; undefined when the input says nothing about groups (they are then left alone). */
  groups?: string[]
}

/** A member as the plan sees them. */
interface Member {
  id: string
  email: string
  orgRoles: Set<string>
  /** `serviceId/role` keys. */
  serviceRoles: Set<string>
  groups: Set<string>
}

/** A planned action with what applying it needs. */
export interface PlannedAction {
  view: VcsSyncAction
  /** The desired user (Invite), the member (ChangeRoles, groups, Remove). */
  desired?: DesiredUser
  userId?: string
  orgAdd: string[]
  orgRemove: string[]
  serviceAdd: Map<string, string[]>
  serviceRemove: Map<string, string[]>
  /** AddToGroup / RemoveFromGroup: the group. */
  group?: GroupDto
  /** Remove: the member's organization roles (for the last-owner rule). */
  memberRoles?: string[]
  /** A key that names the action across runs (result file, resume). */
  key: string
}

/** The whole plan: the actions that change something, plus what is already right. */
export interface SyncPlan {
  actions: PlannedAction[]
  /** Desired users already as the input says (members and pending invitations). */
  inSync: PlannedAction[]
  /** Members the input does not name (removed only with -Remove). */
  notInInput: number
}

/** What the desired state names, resolved against the org's catalogue before anything is sent. */
export interface Catalogue {
  services: CatalogService[]
  groups: GroupDto[]
}

/** A pending invitation: AVAILABLE and not expired. */
function isPending(invitation: UserOrganizationInvitationResponse, now: number): boolean {
  return invitation.status === 'AVAILABLE' && !(invitation.expirationTime <= now)
}

function serviceKeysOf(map: Map<string, string[]>): Set<string> {
  return new Set([...map].flatMap(([service, roles]) => roles.map((role) => `${service}/${role}`)))
}

function byService(keys: Iterable<string>): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const key of keys) {
    const slash = key.indexOf('/')
    const service = key.slice(0, slash)
    map.set(service, [...(map.get(service) ?? []), key.slice(slash + 1)])
  }
  return map
}

const minus = <T>(a: Iterable<T>, b: Set<T>) => [...a].filter((item) => !b.has(item))
const roleNames = (keys: Iterable<string>) => [...keys].map((key) => key.slice(key.indexOf('/') + 1))

/** The id at the end of a service definition link. */
function serviceIdOfLink(link: unknown): string {
  return typeof link === 'string' ? (link.split('/').filter(Boolean).pop() ?? '') : ''
}

/** Reads members (with roles) and pending invitations; group members only when groups are managed. */
async function readOrg(call: CspCall, catalogue: Catalogue, managesGroups: boolean, concurrency: number) {
  const members = new Map<string, Member>()
  const [invitations] = await Promise.all([
    listInvitations(call.client, call),
    (async () => {
      for await (const item of findUsers(call, {}, { concurrency })) addMember(members, item)
    })(),
  ])
  if (managesGroups) {
    const byId = new Map([...members.values()].map((member) => [member.id, member]))
    for (const group of catalogue.groups) {
      for await (const user of groupMembers(call, group.id)) byId.get(user.userId)?.groups.add(group.id)
    }
  }
  const now = Date.now()
  const pending = new Map<string, UserOrganizationInvitationResponse[]>()
  for (const invitation of invitations) {
    if (!isPending(invitation, now)) continue
    const email = String(invitation.username ?? '').toLowerCase()
    pending.set(email, [...(pending.get(email) ?? []), invitation])
  }
  return { members, pending }
}

function addMember(members: Map<string, Member>, item: ExpandedTypedUser): void {
  if (item.organizationRoles == null && item.serviceRoles == null) {
    throw new AuthError(
      'Forbidden',
      `CSP does not show this connection the roles of other users (${item.user?.email ?? 'a member'}), so the organization cannot be compared with the desired state.`,
      { hint: "Connect with an organization owner's API token (see the README's access table)." },
    )
  }
  const email = String(item.user?.email ?? item.user?.username ?? '').toLowerCase()
  const serviceRoles = new Set<string>()
  for (const service of item.serviceRoles ?? []) {
    const id = String(service?.serviceDefinitionId ?? '')
    const bound = (service?.serviceRoles ?? []).map((role) => role?.name).filter(Boolean) as string[]
    const names = bound.length > 0 ? bound : (service?.serviceRoleNames ?? [])
    for (const name of names) serviceRoles.add(`${id}/${name}`)
  }
  members.set(email, {
    id: item.user.userId,
    email: item.user.email,
    orgRoles: new Set((item.organizationRoles ?? []).map((role) => role.name)),
    serviceRoles,
    groups: new Set(),
  })
}

/** True when a pending invitation grants exactly what the desired user should have. */
function invitationMatches(invitation: UserOrganizationInvitationResponse, want: DesiredUser): boolean {
  const orgRoles = new Set(
    (invitation.orgRoleNames?.length
      ? invitation.orgRoleNames
      : (invitation.organizationRoles ?? []).map((role) => role.name)
    ).filter(Boolean),
  )
  const services = new Set<string>()
  for (const dto of invitation.serviceRolesDtos ?? []) {
    const id = serviceIdOfLink(dto?.serviceDefinitionLink)
    const names = dto?.serviceRoleNames?.length
      ? dto.serviceRoleNames
      : (dto?.serviceRoles ?? []).map((role) => role?.name)
    for (const name of names) if (name) services.add(`${id}/${name}`)
  }
  const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x))
  if (!same(orgRoles, new Set(want.orgRoles))) return false
  if (!same(services, serviceKeysOf(want.serviceRoles))) return false
  if (want.groups && !same(new Set(invitation.customGroupsIds ?? []), new Set(want.groups))) return false
  return true
}

function action(
  kind: SyncActionKind,
  email: string,
  fields: Partial<Omit<PlannedAction, 'view' | 'key'>> & {
    add?: string[]
    remove?: string[]
    reason: string
    id?: string
  },
): PlannedAction {
  const add = fields.add ?? []
  const remove = fields.remove ?? []
  const view = withTypeName('VcsSyncAction', {
    Action: kind,
    Email: email,
    Add: add,
    Remove: remove,
    Reason: fields.reason,
    Id: fields.id ?? '',
  } satisfies VcsSyncAction)
  return {
    view,
    desired: fields.desired,
    userId: fields.userId,
    orgAdd: fields.orgAdd ?? [],
    orgRemove: fields.orgRemove ?? [],
    serviceAdd: fields.serviceAdd ?? new Map(),
    serviceRemove: fields.serviceRemove ?? new Map(),
    group: fields.group,
    memberRoles: fields.memberRoles,
    key: actionKey({ Action: kind, Email: email, Add: add, Remove: remove }),
  }
}

/**
 * Compares the desired users with the organization and returns the plan, in the order it is applied:
 * role changes (those gaining org_owner first, so an owner is never missing in between), revoked
 * invitations, invitations, group changes, and removals (only with `remove`).
 */
export async function planSync(
  call: CspCall,
  desired: readonly DesiredUser[],
  catalogue: Catalogue,
  options: { remove: boolean; concurrency: number },
): Promise<SyncPlan> {
  const managesGroups = desired.some((user) => user.groups !== undefined)
  const { members, pending } = await readOrg(call, catalogue, managesGroups, options.concurrency)
  const groupName = new Map(catalogue.groups.map((group) => [group.id, group.displayName]))
  const actions: PlannedAction[] = []
  const inSync: PlannedAction[] = []
  const wanted = new Set(desired.map((user) => user.email))
  for (const want of desired) {
    const member = members.get(want.email)
    if (member) {
      const orgAdd = minus(want.orgRoles, member.orgRoles)
      const orgRemove = minus(member.orgRoles, new Set(want.orgRoles))
      const wantServices = serviceKeysOf(want.serviceRoles)
      const serviceAdd = minus(wantServices, member.serviceRoles)
      const serviceRemove = minus(member.serviceRoles, wantServices)
      let changed = false
      if (orgAdd.length + orgRemove.length + serviceAdd.length + serviceRemove.length > 0) {
        changed = true
        actions.push(
          action('ChangeRoles', member.email, {
            add: [...orgAdd, ...roleNames(serviceAdd)],
            remove: [...orgRemove, ...roleNames(serviceRemove)],
            reason: 'its roles differ from the desired state',
            id: member.id,
            userId: member.id,
            orgAdd,
            orgRemove,
            serviceAdd: byService(serviceAdd),
            serviceRemove: byService(serviceRemove),
          }),
        )
      }
      if (want.groups) {
        const target = new Set(want.groups)
        for (const id of minus(target, member.groups)) {
          changed = true
          const group = catalogue.groups.find((g) => g.id === id)!
          actions.push(
            action('AddToGroup', member.email, {
              add: [groupName.get(id) ?? id],
              reason: 'the desired state puts it in this group',
              id: member.id,
              userId: member.id,
              group,
            }),
          )
        }
        for (const id of minus(member.groups, target)) {
          changed = true
          const group = catalogue.groups.find((g) => g.id === id)!
          actions.push(
            action('RemoveFromGroup', member.email, {
              remove: [groupName.get(id) ?? id],
              reason: 'the desired state does not put it in this group',
              id: member.id,
              userId: member.id,
              group,
            }),
          )
        }
      }
      if (!changed)
        inSync.push(action('None', member.email, { reason: 'member with the desired roles', id: member.id }))
      continue
    }
    const invitations = pending.get(want.email) ?? []
    const invitedRoles = [...want.orgRoles, ...roleNames(serviceKeysOf(want.serviceRoles))]
    if (invitations.length === 1 && invitationMatches(invitations[0], want)) {
      inSync.push(
        action('None', want.email, {
          reason: 'invitation pending with the desired roles',
          id: invitationId(invitations[0]),
        }),
      )
      continue
    }
    if (invitations.length > 0) {
      actions.push(
        action('RevokeInvitation', want.email, {
          remove: invitationRoles(invitations),
          reason:
            invitations.length > 1
              ? 'several invitations are pending; one with the desired roles replaces them'
              : 'its invitation grants other roles than the desired state',
          id: invitations.map(invitationId).join(';'),
        }),
      )
    }
    actions.push(
      action('Invite', want.email, {
        add: [...invitedRoles, ...(want.groups ?? []).map((id) => groupName.get(id) ?? id)],
        reason: invitations.length > 0 ? 'invited again with the desired roles' : 'not a member, not invited',
        desired: want,
      }),
    )
  }
  for (const [email, invitations] of pending) {
    if (wanted.has(email)) continue
    actions.push(
      action('RevokeInvitation', invitations[0].username ?? email, {
        remove: invitationRoles(invitations),
        reason: 'not in the desired state',
        id: invitations.map(invitationId).join(';'),
      }),
    )
  }
  let notInInput = 0
  for (const member of members.values()) {
    if (wanted.has(member.email.toLowerCase())) continue
    notInInput++
    if (!options.remove) continue
    actions.push(
      action('Remove', member.email, {
        remove: [...member.orgRoles, ...roleNames(member.serviceRoles)],
        reason: 'a member the desired state does not name',
        id: member.id,
        userId: member.id,
        memberRoles: [...member.orgRoles],
      }),
    )
  }
  const rank = (planned: PlannedAction) =>
    SYNC_ACTIONS.indexOf(planned.view.Action) * 2 + (planned.orgAdd.includes('org_owner') ? 0 : 1)
  actions.sort((a, b) => rank(a) - rank(b) || a.view.Email.localeCompare(b.view.Email))
  inSync.sort((a, b) => a.view.Email.localeCompare(b.view.Email))
  return { actions, inSync, notInInput }
}

function invitationRoles(invitations: readonly UserOrganizationInvitationResponse[]): string[] {
  return [...new Set(invitations.flatMap((invitation) => invitation.orgRoleNames ?? []))]
}

/** `Plan: 3 to invite, 2 role changes, ...; 40 already as desired.` */
export function describePlan(plan: SyncPlan, remove: boolean): string {
  const count = (kind: SyncActionKind) => plan.actions.filter((a) => a.view.Action === kind).length
  const parts = [
    [count('Invite'), 'to invite'],
    [count('ChangeRoles'), 'role changes'],
    [count('RevokeInvitation'), 'invitations to revoke'],
    [count('AddToGroup') + count('RemoveFromGroup'), 'group changes'],
    [count('Remove'), 'to remove'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, words]) => `${n} ${words}`)
  const kept =
    !remove && plan.notInInput > 0
      ? ` ${plan.notInInput} member(s) not in the desired state are kept (-Remove removes them).`
      : ''
  return `Plan: ${parts.length > 0 ? parts.join(', ') : 'no changes'}; ${plan.inSync.length} already as desired.${kept}`
}
