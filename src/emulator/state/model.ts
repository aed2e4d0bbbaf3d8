// The emulator's own records: what CSP would keep in its databases, not what it sends. Routes turn
// them into wire shapes (../views.ts); the store persists them as they are.

/** A user's (or app's, or invitation's) roles in one service. */
export interface ServiceRoleGrant {
  serviceDefinitionId: string
  roles: string[]
}

/** An organization. Its services are entries of the static catalog (../seed/catalog.ts). */
export interface OrgRecord {
  id: string
  displayName: string
  createdAt: number
  serviceIds: string[]
}

/** A CSP account (a VMware ID): exists on its own, may belong to any number of organizations. */
export interface AccountRecord {
  /** `<domain>:<guid>` */
  userId: string
  username: string
  email: string
  firstName: string
  lastName: string
  domain: string
  idpId: string
  createdAt: number
}

/** An account's membership of an organization; `seq` orders the user list. */
export interface MembershipRecord {
  orgId: string
  userId: string
  seq: number
  orgRoles: string[]
  serviceRoles: ServiceRoleGrant[]
  createdAt: number
}

/** CSP's three invitation states; expiry is a time, not a state. */
export type InvitationState = 'AVAILABLE' | 'REDEEMED' | 'REVOKED'

/** An invitation to an organization; `seq` orders the invitation list. */
export interface InvitationRecord {
  id: string
  orgId: string
  seq: number
  username: string
  status: InvitationState
  generatedAt: number
  generatedBy: string
  invitedByUsername: string | null
  expirationTime: number
  orgRoles: string[]
  serviceRoles: ServiceRoleGrant[]
  customGroupsIds: string[]
  redeemedAt: number | null
  redeemedBy: string | null
  revokedAt: number | null
  revokedBy: string | null
}

/** A custom group of an organization and the user ids in it. */
export interface GroupRecord {
  id: string
  orgId: string
  displayName: string
  description: string
  createdAt: number
  memberIds: string[]
}

/** An API token ("refresh token") of a user in one organization. */
export interface ApiTokenRecord {
  value: string
  tokenId: string
  name: string
  userId: string
  orgId: string
  createdAt: number
  expiresAt: number
  /** Set on tokens that enforce MFA: the exchange needs this passcode too (absent: no MFA). */
  mfaPasscode?: string
}

/** A server-to-server OAuth app: client id and secret, its org and the roles its tokens carry. */
export interface OAuthAppRecord {
  appId: string
  secret: string
  displayName: string
  orgId: string
  orgRoles: string[]
  serviceRoles: ServiceRoleGrant[]
}

/** An e-mail the emulator "sent"; the control API's mailbox lists them. */
export interface MailRecord {
  seq: number
  to: string
  subject: string
  orgId: string
  /** Set on invitation e-mails; null on "you were given access" e-mails. */
  invitationId: string | null
  sentAt: number
}

/** Named singletons: signing key, credentials, the seed to reset to. */
export interface MetaRecord {
  name: string
  value: unknown
}

/** Every kind of record and its shape. */
export interface RecordOf {
  org: OrgRecord
  account: AccountRecord
  membership: MembershipRecord
  invitation: InvitationRecord
  group: GroupRecord
  apiToken: ApiTokenRecord
  app: OAuthAppRecord
  mail: MailRecord
  meta: MetaRecord
}

/** The name of a kind of record. */
export type RecordKind = keyof RecordOf

/** One write: a record put or deleted. A batch of changes is committed atomically. */
export type Change = { [K in RecordKind]: { kind: K; op: 'put' | 'delete'; value: RecordOf[K] } }[RecordKind]

/** Shorthand for a put. */
export function put<K extends RecordKind>(kind: K, value: RecordOf[K]): Change {
  return { kind, op: 'put', value } as Change
}

/** Shorthand for a delete. */
export function remove<K extends RecordKind>(kind: K, value: RecordOf[K]): Change {
  return { kind, op: 'delete', value } as Change
}

/** A store key: a short kind tag then the record's identity, so that a range scan yields list order. */
export type StoreKey = [string, ...(string | number)[]]

const TAGS: Record<RecordKind, string> = {
  org: 'org',
  account: 'acct',
  membership: 'mem',
  invitation: 'inv',
  group: 'grp',
  apiToken: 'tok',
  app: 'app',
  mail: 'mail',
  meta: 'meta',
}
const KINDS = new Map<string, RecordKind>(
  Object.entries(TAGS).map(([kind, tag]) => [tag, kind as RecordKind]),
)

/** The store key of a change's record. */
export function keyOf(change: Change): StoreKey {
  const tag = TAGS[change.kind]
  switch (change.kind) {
    case 'org':
      return [tag, change.value.id]
    case 'account':
      return [tag, change.value.userId]
    case 'membership':
      return [tag, change.value.orgId, change.value.seq]
    case 'invitation':
      return [tag, change.value.orgId, change.value.seq]
    case 'group':
      return [tag, change.value.orgId, change.value.id]
    case 'apiToken':
      return [tag, change.value.value]
    case 'app':
      return [tag, change.value.appId]
    case 'mail':
      return [tag, change.value.seq]
    case 'meta':
      return [tag, change.value.name]
  }
}

/** The kind of record a stored key holds, or undefined for a key this version does not know. */
export function kindOfKey(key: StoreKey): RecordKind | undefined {
  return KINDS.get(key[0])
}
