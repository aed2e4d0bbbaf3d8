// Builds the records of a seed: the demo org (or an empty one with just the credential holders), a
// second org for cross-org checks, N generated users for scale and invitations in every state. Ids
// come from the store's seed key, so a reset rebuilds the same orgs, users and credentials.
import { createHash, randomInt, randomUUID } from 'node:crypto'
import { API_TOKEN_CLIENT_ID } from '../auth/tokens.js'
import {
  put,
  type AccountRecord,
  type Change,
  type InvitationRecord,
  type ServiceRoleGrant,
} from '../state/model.js'
import type { EmulatorCredentials, SeedName } from '../types.js'
import { SERVICES } from './catalog.js'
import {
  DEMO_GROUPS,
  DEMO_INVITATIONS,
  DEMO_PEOPLE,
  FIRST_NAMES,
  LAST_NAMES,
  OTHER_ORG_PEOPLE,
  OUTSIDE_ACCOUNTS,
} from './people.js'
import { SeededIds, secretString } from './random.js'

/** What to seed. */
export interface SeedSpec {
  seed: SeedName
  /** Extra generated members of the main org. */
  users: number
  /** Extra generated invitations, cycling through every state. */
  invitations: number
  /** Extra generated groups of the main org (`Staff Team 1`, ...), without members; absent: none. */
  groups?: number
}

/** The random parts of a store, fixed at its creation and kept across resets and re-seeds. */
export interface SeedIdentity {
  seedKey: string
  apiToken: string
  adminApiToken: string
  memberApiToken: string
  otherOrgApiToken: string
  appSecret: string
  /** Absent in stores created before MFA was modelled: derived from the seed key then. */
  mfaApiToken?: string
  mfaPasscode?: string
}

/** A day in milliseconds. */
export const DAY = 86_400_000

/** Domain and IdP of every emulated account (CSP user ids look like `vmware.com:<guid>`). */
export const ACCOUNT_DOMAIN = 'vmware.com'

/** A new identity with fresh secrets. */
export function newIdentity(): SeedIdentity {
  return {
    seedKey: randomUUID(),
    apiToken: secretString(64),
    adminApiToken: secretString(64),
    memberApiToken: secretString(64),
    otherOrgApiToken: secretString(64),
    appSecret: secretString(48),
    mfaApiToken: secretString(64),
    mfaPasscode: String(randomInt(0, 1_000_000)).padStart(6, '0'),
  }
}

/** The MFA token and passcode of an identity (derived from the seed key for older stores). */
function mfaOf(identity: SeedIdentity): { token: string; passcode: string } {
  const derived = createHash('sha256').update(`mfa:${identity.seedKey}`).digest()
  return {
    token: identity.mfaApiToken ?? derived.toString('base64url').replace(/[-_]/g, 'x').slice(0, 43),
    passcode: identity.mfaPasscode ?? String(derived.readUInt32LE(0) % 1_000_000).padStart(6, '0'),
  }
}

const ROLE_SERVICE = new Map<string, string>(
  SERVICES.flatMap((service) => service.roles.map((role) => [role.name, service.id] as [string, string])),
)

/** Groups role names by the service that defines them. */
export function grantsOf(roleNames: readonly string[]): ServiceRoleGrant[] {
  const byService = new Map<string, string[]>()
  for (const role of roleNames) {
    const serviceId = ROLE_SERVICE.get(role)
    if (serviceId === undefined) throw new Error(`Seed names an unknown service role: ${role}`)
    byService.set(serviceId, [...(byService.get(serviceId) ?? []), role])
  }
  return [...byService].map(([serviceDefinitionId, roles]) => ({ serviceDefinitionId, roles }))
}

/** The e-mail of a seeded person: `first.last@domain`, lower case, letters only. */
export function emailOf(firstName: string, lastName: string, domain: string): string {
  const clean = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '')
  return `${clean(firstName)}.${clean(lastName)}@${domain}`
}

class SeedBuilder {
  readonly changes: Change[] = []
  private seq = 0

  constructor(
    readonly ids: SeededIds,
    readonly now: number,
  ) {}

  nextSeq(): number {
    return ++this.seq
  }

  account(firstName: string, lastName: string, email: string, createdAt: number): AccountRecord {
    const account: AccountRecord = {
      userId: `${ACCOUNT_DOMAIN}:${this.ids.guid()}`,
      username: email,
      email,
      firstName,
      lastName,
      domain: ACCOUNT_DOMAIN,
      idpId: ACCOUNT_DOMAIN,
      createdAt,
    }
    this.changes.push(put('account', account))
    return account
  }

  member(orgId: string, account: AccountRecord, orgRoles: string[], serviceRoles: ServiceRoleGrant[]): void {
    const { userId, createdAt } = account
    this.changes.push(
      put('membership', { orgId, userId, seq: this.nextSeq(), orgRoles, serviceRoles, createdAt }),
    )
  }

  apiToken(value: string, account: AccountRecord, orgId: string, mfaPasscode?: string): void {
    this.changes.push(
      put('apiToken', {
        value,
        tokenId: this.ids.guid(),
        name: mfaPasscode === undefined ? 'vcs-shell' : 'vcs-shell (MFA)',
        userId: account.userId,
        orgId,
        createdAt: this.now - 30 * DAY,
        expiresAt: this.now + 5 * 365 * DAY,
        ...(mfaPasscode === undefined ? {} : { mfaPasscode }),
      }),
    )
  }

  invitation(orgId: string, fields: Omit<InvitationRecord, 'id' | 'orgId' | 'seq'>): InvitationRecord {
    const invitation: InvitationRecord = { id: this.ids.guid(), orgId, seq: this.nextSeq(), ...fields }
    this.changes.push(put('invitation', invitation))
    this.changes.push(
      put('mail', {
        seq: this.nextSeq(),
        to: invitation.username,
        subject: 'You are invited to join Demo Org on VMware Cloud Services',
        orgId,
        invitationId: invitation.id,
        sentAt: invitation.generatedAt,
      }),
    )
    return invitation
  }
}

/** Invitation times and status for a state, relative to `now`. */
function invitationTimes(state: 'pending' | 'expired' | 'revoked' | 'redeemed', now: number, by: string) {
  const generatedAt = now - { pending: 2, expired: 20, revoked: 10, redeemed: 60 }[state] * DAY
  return {
    status: state === 'revoked' ? 'REVOKED' : state === 'redeemed' ? 'REDEEMED' : 'AVAILABLE',
    generatedAt,
    expirationTime: generatedAt + 7 * DAY,
    redeemedAt: state === 'redeemed' ? generatedAt + 2 * DAY : null,
    revokedAt: state === 'revoked' ? generatedAt + DAY : null,
    revokedBy: state === 'revoked' ? by : null,
  } as const
}

const TOKEN_OF = { owner: 'apiToken', admin: 'adminApiToken', member: 'memberApiToken' } as const

const GENERATED_MEMBER = ['org_member']
const GENERATED_DEVELOPER = ['org_member', 'developer']
const GENERATED_VMC = grantsOf(['vmc-user:full'])

/** The records of a seed and the credentials they hold. */
export function buildSeed(
  spec: SeedSpec,
  identity: SeedIdentity,
  now: number,
): { changes: Change[]; credentials: EmulatorCredentials } {
  const ids = new SeededIds(identity.seedKey)
  const seed = new SeedBuilder(ids, now)
  const demo = spec.seed === 'demo'
  const orgId = ids.guid()
  const otherOrgId = ids.guid()
  const appId = `demo-automation-${ids.chars(8)}`
  const created = now - 400 * DAY
  seed.changes.push(
    put('org', {
      id: orgId,
      displayName: 'Demo Org',
      createdAt: created,
      serviceIds: SERVICES.map((s) => s.id),
    }),
    put('org', {
      id: otherOrgId,
      displayName: 'Northwind Labs',
      createdAt: created,
      serviceIds: SERVICES.slice(0, 2).map((s) => s.id),
    }),
    put('app', {
      appId,
      secret: identity.appSecret,
      displayName: 'Demo Automation',
      orgId,
      orgRoles: ['org_owner'],
      serviceRoles: [],
    }),
  )

  // Demo people (or only the credential holders), their API tokens and groups.
  const people = DEMO_PEOPLE.filter((person) => demo || person.credential !== undefined)
  const byEmail = new Map<string, AccountRecord>()
  let owner: AccountRecord | undefined
  people.forEach((person, index) => {
    const email = emailOf(person.firstName, person.lastName, 'demo.example')
    const account = seed.account(person.firstName, person.lastName, email, created + index * 7 * DAY)
    byEmail.set(email, account)
    seed.member(orgId, account, person.orgRoles, grantsOf(person.serviceRoles ?? []))
    if (person.credential === 'owner') owner = account
    if (person.credential) seed.apiToken(identity[TOKEN_OF[person.credential]], account, orgId)
  })
  const groupIds = new Map<string, string>()
  if (demo) {
    for (const group of DEMO_GROUPS) {
      const members = people.filter((person) => person.groups?.includes(group.key))
      const id = ids.guid()
      groupIds.set(group.key, id)
      seed.changes.push(
        put('group', {
          id,
          orgId,
          displayName: group.displayName,
          description: group.description,
          createdAt: created,
          memberIds: members.map(
            (person) => byEmail.get(emailOf(person.firstName, person.lastName, 'demo.example'))!.userId,
          ),
        }),
      )
    }
  }
  const ownerName = owner!.username

  // The second org: its owner holds `otherOrgApiToken`.
  OTHER_ORG_PEOPLE.filter((_, index) => demo || index === 0).forEach((person, index) => {
    const account = seed.account(
      person.firstName,
      person.lastName,
      emailOf(person.firstName, person.lastName, 'northwind.example'),
      created,
    )
    seed.member(otherOrgId, account, person.orgRoles, [])
    if (index === 0) seed.apiToken(identity.otherOrgApiToken, account, otherOrgId)
  })

  if (demo) {
    for (const outside of OUTSIDE_ACCOUNTS)
      seed.account(outside.firstName, outside.lastName, outside.email, created)
    for (const invite of DEMO_INVITATIONS) {
      seed.invitation(orgId, {
        username: invite.email,
        ...invitationTimes(invite.state, now, ownerName),
        redeemedBy: invite.state === 'redeemed' ? invite.email : null,
        generatedBy: API_TOKEN_CLIENT_ID,
        invitedByUsername: ownerName,
        orgRoles: invite.orgRoles,
        serviceRoles: grantsOf(invite.serviceRoles ?? []),
        customGroupsIds: (invite.groups ?? []).map((key) => groupIds.get(key)!),
      })
    }
  }

  // Generated users for scale: real-looking names, one minute apart.
  const combinations = FIRST_NAMES.length * LAST_NAMES.length
  const firstParts = FIRST_NAMES.map((name) => name.toLowerCase())
  const lastParts = LAST_NAMES.map((name) => name.toLowerCase())
  for (let index = 0; index < spec.users; index++) {
    const first = index % FIRST_NAMES.length
    const last = Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length
    const firstName = FIRST_NAMES[first]
    const lastName = LAST_NAMES[last]
    const round = Math.floor(index / combinations)
    const email = `${firstParts[first]}.${lastParts[last]}${round === 0 ? '' : round}@staff.demo.example`
    const account = seed.account(firstName, lastName, email, now - (spec.users - index) * 60_000)
    const orgRoles = index % 7 === 3 ? GENERATED_DEVELOPER : GENERATED_MEMBER
    seed.member(orgId, account, orgRoles, index % 10 === 5 ? GENERATED_VMC : [])
  }

  // Generated invitations: pending, expired, revoked and redeemed in turn.
  const states = ['pending', 'expired', 'revoked', 'redeemed'] as const
  for (let index = 0; index < spec.invitations; index++) {
    const state = states[index % states.length]
    const email = `invitee.${index + 1}@invites.demo.example`
    const times = invitationTimes(state, now, ownerName)
    seed.invitation(orgId, {
      username: email,
      ...times,
      redeemedBy: state === 'redeemed' ? email : null,
      generatedBy: API_TOKEN_CLIENT_ID,
      invitedByUsername: ownerName,
      orgRoles: GENERATED_MEMBER,
      serviceRoles: [],
      customGroupsIds: [],
    })
    if (state === 'redeemed') {
      seed.member(
        orgId,
        seed.account('Invitee', `Number ${index + 1}`, email, times.redeemedAt!),
        GENERATED_MEMBER,
        [],
      )
    }
  }

  // Last, so that the ids drawn before it stay what older versions drew.
  const mfa = mfaOf(identity)
  seed.apiToken(mfa.token, owner!, orgId, mfa.passcode)

  // Generated groups (after every other id, for the same reason): more than a group search returns.
  for (let index = 0; index < (spec.groups ?? 0); index++) {
    seed.changes.push(
      put('group', {
        id: ids.guid(),
        orgId,
        displayName: `Staff Team ${index + 1}`,
        description: 'A generated group',
        createdAt: created,
        memberIds: [],
      }),
    )
  }

  const credentials: EmulatorCredentials = {
    apiToken: identity.apiToken,
    appId,
    appSecret: identity.appSecret,
    orgId,
    memberApiToken: identity.memberApiToken,
    adminApiToken: identity.adminApiToken,
    otherOrgId,
    otherOrgApiToken: identity.otherOrgApiToken,
    mfaApiToken: mfa.token,
    mfaPasscode: mfa.passcode,
  }
  seed.changes.push(put('meta', { name: 'credentials', value: credentials }))
  return { changes: seed.changes, credentials }
}
