// Every reader of a CSP response, fed each optional field missing and null in turn: no JavaScript
// error text (`Cannot read properties`, `undefined`, `[object Object]`) may reach a user, whatever
// plausible shape a real CSP sends (issue 15; style: "the client tolerates every plausible shape").
import { describe, expect, it } from 'vitest'
import { toPlain } from '../../../src/engine/index.js'
import {
  toVcsGroup,
  toVcsOrganizationRole,
  toVcsUser,
  toVcsUserInvitation,
} from '../../../cmdlets/vcs/shared/model.js'
import { userMatches, searchFields } from '../../../cmdlets/vcs/shared/users.js'

const SCOPE = '/VcsServer=owner@example.com@console.example/Organization=org/'
const FORBIDDEN = /Cannot read properties|undefined|\[object Object\]|NaN|Invalid Date/

const user = {
  user: {
    username: 'ada@example.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    domain: 'vmware.com',
    idpId: 'vmware.com',
    accessible: true,
    acct: 'ada@example.com',
    email: 'ada@example.com',
    userId: 'vmware.com:00000000-0000-4000-8000-000000000001',
    userProfile: null,
  },
  orgId: 'org',
  organizationRoles: [{ id: null, name: 'org_member', displayName: 'Member', membershipType: 'DIRECT' }],
  serviceRoles: [
    {
      serviceDefinitionId: 'svc',
      serviceRoleNames: ['r:1'],
      serviceRoles: [{ name: 'r:1', roleName: 'r:1' }],
    },
  ],
  customRoles: [],
}
const invitation = {
  refLink: '/csp/gateway/am/api/orgs/org/invitations/11111111-1111-4111-8111-111111111111',
  username: 'new@example.com',
  status: 'AVAILABLE',
  expirationTime: Date.now() + 86_400_000,
  generatedAt: Date.now(),
  generatedBy: 'client',
  invitedByUsername: 'owner@example.com',
  orgRoleNames: ['org_member'],
  organizationRoles: [{ name: 'org_member' }],
  serviceRolesDtos: [
    { serviceDefinitionLink: '/x/external/svc', serviceRoleNames: ['r:1'], serviceRoles: [{ name: 'r:1' }] },
  ],
  customGroupsIds: ['g1'],
  redeemedAt: null,
  redeemedBy: null,
  revokedAt: null,
  revokedBy: null,
}
const role = { name: 'org_member', displayName: 'Organization Member', visible: true }
const group = { id: 'g1', displayName: 'Ops', description: 'd', groupType: 'USER_GROUP', usersCount: 3 }

/** Every path to a field of `value` (objects and the first entry of arrays). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return []
  const keys: (string | number)[] = Array.isArray(value) ? (value.length > 0 ? [0] : []) : Object.keys(value)
  return keys.flatMap((key) => {
    const child = (value as Record<string | number, unknown>)[key]
    return [[...prefix, key], ...paths(child, [...prefix, key])]
  })
}

/** A deep copy with the field at `path` set to `replacement` (undefined deletes it). */
function without(value: unknown, path: (string | number)[], replacement: null | undefined): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>
  let parent = copy
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (replacement === undefined) delete parent[last]
  else parent[last] = replacement
  return copy
}

const readers: Array<[string, unknown, (input: never) => unknown]> = [
  ['toVcsUser', user, (input) => toVcsUser(input, SCOPE)],
  [
    'userMatches / searchFields',
    user,
    (input) => [
      userMatches(input, {
        name: ['*a*'],
        email: ['*@*'],
        organizationRole: ['org_member'],
        serviceRole: ['r:1'],
      }),
      searchFields(input),
    ],
  ],
  ['toVcsUserInvitation', invitation, (input) => toVcsUserInvitation(input, SCOPE)],
  ['toVcsOrganizationRole', role, (input) => toVcsOrganizationRole(input, SCOPE)],
  ['toVcsGroup', group, (input) => toVcsGroup(input, SCOPE)],
]

describe.each(readers)('%s', (_name, sample, read) => {
  for (const path of paths(sample)) {
    for (const replacement of [undefined, null] as const) {
      it(`${path.join('.')} ${replacement === undefined ? 'missing' : 'null'}`, () => {
        const input = without(sample, path, replacement) as never
        const output = read(input)
        expect(JSON.stringify(toPlain(output)) ?? '').not.toMatch(FORBIDDEN)
      })
    }
  }
})
