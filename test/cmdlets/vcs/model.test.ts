import { describe, expect, it } from 'vitest'
import { typeNameOf } from '../../../src/engine/index.js'
import {
  invitationStatus,
  toVcsGroup,
  toVcsOrganizationRole,
  toVcsService,
  toVcsServiceRole,
  toVcsUser,
  toVcsUserInvitation,
} from '../../../cmdlets/vcs/shared/model.js'
import { longestLiteral, userMatches } from '../../../cmdlets/vcs/shared/users.js'
import { resolveOrganizationRoles, resolveServiceRoles } from '../../../cmdlets/vcs/shared/lookups.js'
import type { CatalogService } from '../../../cmdlets/vcs/shared/services.js'
import type { ExpandedTypedUser, UserOrganizationInvitationResponse } from '../../../src/wire/csp.js'

const SCOPE = '/VcsServer=ada@example.com@console.example/Organization=org-1/'

const user = (first: string | null, last: string | null, email = 'ada@example.com'): ExpandedTypedUser => ({
  user: {
    username: email,
    firstName: first,
    lastName: last,
    domain: 'example.com',
    idpId: 'idp',
    accessible: true,
    acct: email,
    email,
    userId: `example.com:${email}`,
    userProfile: null,
  },
  orgId: 'org',
  organizationRoles: [
    {
      id: null,
      name: 'org_member',
      displayName: 'Member',
      resource: null,
      membershipType: 'DIRECT',
      expiresAt: null,
      orgId: 'org',
    },
  ],
  serviceRoles: [
    {
      serviceDefinitionId: 'svc1',
      serviceRoleNames: [],
      serviceRoles: [
        {
          id: null,
          name: 'vmc-user:full',
          roleName: 'vmc-user:full',
          resource: null,
          membershipType: 'DIRECT',
          expiresAt: null,
        },
      ],
    },
  ],
})

describe('VcsUser', () => {
  it('is tagged, and copes with missing names', () => {
    const noNames = toVcsUser(user(null, null), SCOPE)
    expect(typeNameOf(noNames)).toBe('VcsUser')
    expect(noNames.Name).toBe('ada@example.com')
    expect(toVcsUser(user('Ada', null), SCOPE).Name).toBe('Ada')
    expect(toVcsUser(user('Ada', 'Lovelace'), SCOPE).Name).toBe('Ada Lovelace')
    expect(toVcsUser(user('Ada', 'Lovelace'), SCOPE).ServiceRoles).toEqual(['vmc-user:full'])
  })
})

describe('Uid', () => {
  // PowerCLI's IVcsUser, IVcsService, ... each carry a Uid (developer.broadcom.com/powercli/latest/
  // vmware.cloudservices/structures/vmware.cloudservices.types.v1.cmdletoutput.ivcsuser): a path
  // that extends the server's Uid with the object's kind and id.
  it('names the server, the organization and the object, on every output type', () => {
    expect(toVcsUser(user('Ada', null), SCOPE).Uid).toBe(`${SCOPE}User=example.com:ada@example.com/`)
    const invitation = toVcsUserInvitation(
      { refLink: '/csp/gateway/am/api/orgs/org-1/invitations/inv-9' } as never,
      SCOPE,
    )
    expect(invitation.Uid).toBe(`${SCOPE}UserInvitation=inv-9/`)
    expect(toVcsOrganizationRole({ name: 'org_owner' } as never, SCOPE).Uid).toBe(
      `${SCOPE}OrganizationRole=org_owner/`,
    )
    expect(toVcsGroup({ id: 'g-1', displayName: 'Ops' } as never, SCOPE).Uid).toBe(`${SCOPE}Group=g-1/`)
    const service: CatalogService = {
      serviceDefinitionId: 'svc-1',
      displayName: 'Svc',
      description: '',
      selfLink: '/csp/gateway/slc/api/definitions/external/svc-1',
      roles: [{ name: 'svc:admin', displayName: 'Admin', description: '' }],
    }
    expect(toVcsService(service, SCOPE).Uid).toBe(`${SCOPE}Service=svc-1/`)
    expect(toVcsServiceRole(service, service.roles![0], SCOPE).Uid).toBe(
      `${SCOPE}Service=svc-1/ServiceRole=svc:admin/`,
    )
  })

  it('keeps a slash inside an id from splitting the path, and is null when CSP sent no id', () => {
    expect(toVcsGroup({ id: 'a/b%c' } as never, SCOPE).Uid).toBe(`${SCOPE}Group=a%2Fb%25c/`)
    expect(toVcsGroup({ displayName: 'No id' } as never, SCOPE).Uid).toBeNull()
    expect(toVcsUserInvitation({} as never, SCOPE).Uid).toBeNull()
  })
})

describe('wildcard matching of users', () => {
  it.each([
    [{ name: ['A*'] }, 'Ada', 'Lovelace', 'x@example.com', true],
    [{ name: ['a*'] }, 'Ada', 'Lovelace', 'x@example.com', true],
    [{ name: ['*lace'] }, 'Ada', 'Lovelace', 'x@example.com', true],
    [{ name: ['Ada L*'] }, 'Ada', 'Lovelace', 'x@example.com', true],
    [{ name: ['Ada Lovelace'] }, 'Ada', 'Lovelace', 'x@example.com', true],
    [{ name: ['Ada'] }, 'Ada', 'Lovelace', 'x@example.com', false],
    [{ name: ['Lovelace'] }, 'Ada', 'Lovelace', 'x@example.com', false],
    [{ name: ['L*'] }, 'Ada', 'Lovelace', 'x@example.com', false],
    [{ name: ['B*'] }, 'Ada', 'Lovelace', 'x@example.com', false],
    [{ name: ['x@*'] }, 'Ada', 'Lovelace', 'x@example.com', false],
    [{ search: ['LOVE'] }, 'Ada', 'Lovelace', 'x@example.com', true],
    [{ search: ['x@ex'] }, 'Ada', 'Lovelace', 'x@example.com', true],
    [{ search: ['a*'] }, 'Ada', 'Lovelace', 'x@example.com', false],
    [{ name: ['[AB]da'] }, 'Ada', null, 'x@example.com', true],
    [{ name: ['A*'] }, null, null, 'bob@example.com', false],
    [{ email: ['*@example.com'] }, 'Ada', null, 'x@example.com', true],
    [{ email: ['*@other.com'] }, 'Ada', null, 'x@example.com', false],
    [{ organizationRole: ['ORG_MEMBER'] }, 'Ada', null, 'x@example.com', true],
    [{ organizationRole: ['org_owner'] }, 'Ada', null, 'x@example.com', false],
    [{ serviceRole: ['vmc-user:full'] }, 'Ada', null, 'x@example.com', true],
  ])('%j on %s %s <%s> → %s', (filter, first, last, email, expected) => {
    expect(userMatches(user(first, last, email), filter)).toBe(expected)
  })

  it('finds the literal text CSP search can look for', () => {
    expect(longestLiteral('A*')).toBe('A')
    expect(longestLiteral('*lovelace*')).toBe('lovelace')
    expect(longestLiteral('ab?cdef[xy]z')).toBe('cdef')
    expect(longestLiteral('a`*b*')).toBe('a*b')
    expect(longestLiteral('*')).toBe('')
  })
})

describe('invitation status', () => {
  const base = { status: 'AVAILABLE' as const, expirationTime: 2_000 }
  it('derives Expired from the expiration time, as CSP has no such status', () => {
    expect(invitationStatus(base, 1_000)).toBe('Available')
    expect(invitationStatus(base, 3_000)).toBe('Expired')
    expect(invitationStatus({ ...base, status: 'REDEEMED' }, 3_000)).toBe('Redeemed')
    expect(invitationStatus({ ...base, status: 'REVOKED' }, 3_000)).toBe('Revoked')
  })
  it('maps the wire shape to PowerCLI property names', () => {
    const wire = {
      refLink: '/csp/gateway/am/api/orgs/o/invitations/abc-123',
      username: 'x@example.com',
      status: 'AVAILABLE',
      expirationTime: Date.now() + 1000,
      generatedAt: 1,
      generatedBy: 'client',
      invitedByUsername: 'admin@example.com',
      invitationLink: null,
      orgRoleNames: ['org_member'],
      serviceRolesDtos: [{ serviceDefinitionLink: '/x', serviceRoles: [{ name: 'r:1' }] }],
      customRoles: [],
      customGroupsIds: [],
      redeemedAt: null,
      redeemedBy: null,
      revokedAt: null,
      revokedBy: null,
    } satisfies UserOrganizationInvitationResponse
    const invitation = toVcsUserInvitation(wire, SCOPE)
    expect(invitation).toMatchObject({
      Id: 'abc-123',
      Name: 'x@example.com',
      Status: 'Available',
      CreatedBy: 'admin@example.com',
    })
    expect(invitation.ServiceRoles).toEqual(['r:1'])
    expect(typeNameOf(invitation)).toBe('VcsUserInvitation')
  })
})

describe('role resolution', () => {
  const roles = ['org_owner', 'org_admin', 'org_member'].map((name) => ({ name, displayName: name }) as never)
  const service = (id: string, name: string, roleNames: string[] | undefined): CatalogService => ({
    serviceDefinitionId: id,
    displayName: name,
    description: '',
    selfLink: `/csp/gateway/slc/api/definitions/external/${id}`,
    roles: roleNames?.map((r) => ({ name: r, displayName: r, description: '' })),
  })
  const services = [
    service('s1', 'VMware Cloud on AWS', ['vmc-user:full', 'shared:viewer']),
    service('s2', 'Other', ['shared:viewer']),
  ]

  it('names the known roles when one is unknown', () => {
    expect(() => resolveOrganizationRoles(['org_membr'], roles)).toThrow(
      "Unknown organization role 'org_membr'. Known roles: org_owner, org_admin, org_member.",
    )
    expect(resolveOrganizationRoles([{ Name: 'org_admin' }, 'ORG_MEMBER'], roles)).toEqual([
      'org_admin',
      'org_member',
    ])
  })

  it('takes role names, Service:role strings and role objects', () => {
    expect([...resolveServiceRoles(['vmc-user:full'], services)]).toEqual([['s1', ['vmc-user:full']]])
    expect([...resolveServiceRoles(['Other:shared:viewer'], services)]).toEqual([['s2', ['shared:viewer']]])
    expect([...resolveServiceRoles([{ Name: 'shared:viewer', ServiceId: 's1' }], services)]).toEqual([
      ['s1', ['shared:viewer']],
    ])
    expect(() => resolveServiceRoles(['shared:viewer'], services)).toThrow(/several services/)
    expect(() => resolveServiceRoles(['nope:role'], services)).toThrow(/Unknown service role 'nope:role'/)
  })

  it('sends role names as given for a service whose roles CSP did not let us read', () => {
    const unknown = [service('s1', 'VMware Cloud on AWS', undefined)]
    expect([...resolveServiceRoles(['VMware Cloud on AWS:vmc-user:full'], unknown)]).toEqual([
      ['s1', ['vmc-user:full']],
    ])
    expect([...resolveServiceRoles([{ Name: 'nsx:cloud_admin', ServiceId: 's1' }], unknown)]).toEqual([
      ['s1', ['nsx:cloud_admin']],
    ])
    expect(() => resolveServiceRoles(['vmc-user:full'], unknown)).toThrow(
      "Service role 'vmc-user:full' cannot be matched to a service: CSP's service-role catalogue could not be read for VMware Cloud on AWS.",
    )
  })
})
