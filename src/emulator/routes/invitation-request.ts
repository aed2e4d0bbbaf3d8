// Reads a `UsersOrganizationInvitationRequest` the way CSP does for real clients (csp-api.md §4.1,
// §9): nulls mean absent, unknown keys are ignored, the deprecated role fields are accepted, and
// every problem is a 400 naming it. Nothing here writes; the route decides what to create.
import { BadRequestError } from '../errors.js'
import { DEFAULT_BASE_ROLE, ORG_ROLES, serviceById } from '../seed/catalog.js'
import type { ServiceRoleGrant } from '../state/model.js'
import type { OrgState } from '../state/state.js'

/**
 * Usernames per invitation request [I]: CSP documents no limit; 100 keeps one request's work and
 * body small and makes bulk clients batch.
 */
export const MAX_INVITATION_USERNAMES = 100
/** Groups per invitation (documented). */
export const MAX_CUSTOM_GROUPS = 15
/** Default and bounds of `invitationExpirationInDays` (documented). */
export const DEFAULT_EXPIRATION_DAYS = 7
export const MIN_EXPIRATION_DAYS = 1
export const MAX_EXPIRATION_DAYS = 90

/** A validated invitation request. */
export interface InvitationPlan {
  /** Lower-cased, de-duplicated e-mails. */
  usernames: string[]
  orgRoles: string[]
  serviceRoles: ServiceRoleGrant[]
  customGroupsIds: string[]
  expirationDays: number
  /** Send the invitation e-mail to people without an account. */
  notifyNewUsers: boolean
  /** Send the "you were given access" e-mail to existing accounts added at once. */
  notifyExistingUsers: boolean
  invitedBy?: string
}

const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:]+$/

/** A field, with null read as absent. */
function field(body: Record<string, unknown>, name: string): unknown {
  const value = body[name]
  return value === null ? undefined : value
}

function stringList(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = field(body, name)
  if (value === undefined) return undefined
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) {
    throw new BadRequestError(`Invalid request body: ${name} must be a list of strings`)
  }
  return value as string[]
}

/** Names from `[{name}]` role bindings. */
function bindingNames(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined
  if (
    !Array.isArray(value) ||
    !value.every((entry) => entry !== null && typeof entry === 'object' && typeof entry.name === 'string')
  ) {
    throw new BadRequestError(`Invalid request body: ${name} must be a list of {name} objects`)
  }
  return value.map((entry: { name: string }) => entry.name)
}

function booleanField(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = field(body, name)
  if (value === undefined) return undefined
  if (typeof value !== 'boolean') throw new BadRequestError(`Invalid request body: ${name} must be a boolean`)
  return value
}

function usernamesOf(body: Record<string, unknown>): string[] {
  const usernames = stringList(body, 'usernames')
  if (!usernames || usernames.length === 0)
    throw new BadRequestError('Invalid request body: usernames is required')
  if (usernames.length > MAX_INVITATION_USERNAMES) {
    throw new BadRequestError(
      `Invalid request body: at most ${MAX_INVITATION_USERNAMES} usernames per request`,
    )
  }
  const invalid = usernames.filter((username) => !EMAIL.test(username.trim()) || username.trim().length > 254)
  if (invalid.length > 0)
    throw new BadRequestError(`Invalid request body: not e-mail addresses: ${invalid.join(', ')}`)
  return [...new Set(usernames.map((username) => username.trim().toLowerCase()))]
}

function orgRolesOf(body: Record<string, unknown>): string[] {
  const singular = field(body, 'orgRoleName')
  if (singular !== undefined && typeof singular !== 'string') {
    throw new BadRequestError('Invalid request body: orgRoleName must be a string')
  }
  const names = [
    ...(bindingNames(field(body, 'organizationRoles'), 'organizationRoles') ?? []),
    ...(stringList(body, 'orgRoleNames') ?? []),
    ...(singular === undefined ? [] : [singular]),
  ]
  const unknown = names.filter((name) => !ORG_ROLES.some((role) => role.name === name))
  if (unknown.length > 0)
    throw new BadRequestError(`Invalid request body: unknown organization roles: ${unknown.join(', ')}`)
  const roles = [...new Set(names)]
  // Every member holds a base role; an invitation naming only e.g. `developer` gets org_member [I].
  if (!roles.some((name) => ORG_ROLES.find((role) => role.name === name)!.base))
    roles.unshift(DEFAULT_BASE_ROLE)
  return roles
}

/** The service id of a definition link (relative or absolute; `external` or `paid`). */
function serviceIdOfLink(link: string): string | undefined {
  let path: string
  try {
    path = new URL(link, 'http://link.invalid').pathname
  } catch {
    return undefined
  }
  return /^\/csp\/gateway\/slc\/api\/definitions\/(?:external|paid)\/([^/]+)\/?$/.exec(path)?.[1]
}

function serviceRolesOf(body: Record<string, unknown>, org: OrgState): ServiceRoleGrant[] {
  const value = field(body, 'serviceRolesDtos')
  if (value === undefined) return []
  if (!Array.isArray(value))
    throw new BadRequestError('Invalid request body: serviceRolesDtos must be a list')
  const grants = new Map<string, Set<string>>()
  for (const dto of value) {
    if (dto === null || typeof dto !== 'object' || typeof dto.serviceDefinitionLink !== 'string') {
      throw new BadRequestError(
        'Invalid request body: each serviceRolesDtos entry needs a serviceDefinitionLink',
      )
    }
    const entry = dto as Record<string, unknown>
    const link = entry.serviceDefinitionLink as string
    const serviceId = serviceIdOfLink(link)
    const service = serviceId === undefined ? undefined : serviceById(serviceId)
    if (!service || !org.record.serviceIds.includes(service.id)) {
      throw new BadRequestError(`Invalid request body: unknown service definition ${link}`)
    }
    const names = [
      ...(stringList(entry, 'serviceRoleNames') ?? []),
      ...(bindingNames(entry.serviceRoles, 'serviceRoles') ?? []),
    ]
    const unknown = names.filter((name) => !service.roles.some((role) => role.name === name))
    if (unknown.length > 0) {
      throw new BadRequestError(
        `Invalid request body: ${service.displayName} has no roles ${unknown.join(', ')}`,
      )
    }
    const roles = grants.get(service.id) ?? new Set<string>()
    for (const name of names) roles.add(name)
    grants.set(service.id, roles)
  }
  return [...grants]
    .filter(([, roles]) => roles.size > 0)
    .map(([serviceDefinitionId, roles]) => ({ serviceDefinitionId, roles: [...roles] }))
}

function groupsOf(body: Record<string, unknown>, org: OrgState): string[] {
  const ids = [...new Set(stringList(body, 'customGroupsIds') ?? [])]
  if (ids.length > MAX_CUSTOM_GROUPS) {
    throw new BadRequestError(`Invalid request body: at most ${MAX_CUSTOM_GROUPS} customGroupsIds`)
  }
  const unknown = ids.filter((id) => !org.groups.has(id))
  if (unknown.length > 0)
    throw new BadRequestError(`Invalid request body: unknown groups: ${unknown.join(', ')}`)
  return ids
}

function expirationDaysOf(body: Record<string, unknown>): number {
  const value = field(body, 'invitationExpirationInDays')
  if (value === undefined) return DEFAULT_EXPIRATION_DAYS
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < MIN_EXPIRATION_DAYS ||
    value > MAX_EXPIRATION_DAYS
  ) {
    throw new BadRequestError(
      `Invalid request body: invitationExpirationInDays must be an integer from ${MIN_EXPIRATION_DAYS} to ${MAX_EXPIRATION_DAYS}`,
    )
  }
  return value
}

/** Validates an invitation request against the org's roles, services and groups. */
export function parseInvitationRequest(body: Record<string, unknown>, org: OrgState): InvitationPlan {
  const skipAll = booleanField(body, 'skipNotify') === true
  const invitedBy = field(body, 'invitedBy')
  return {
    usernames: usernamesOf(body),
    orgRoles: orgRolesOf(body),
    serviceRoles: serviceRolesOf(body, org),
    customGroupsIds: groupsOf(body, org),
    expirationDays: expirationDaysOf(body),
    notifyNewUsers:
      !skipAll &&
      booleanField(body, 'skipNotifyRegistration') !== true &&
      booleanField(body, 'notifyUsersOfRegistration') !== false,
    notifyExistingUsers: !skipAll && booleanField(body, 'notifyUsersOfOrgAccess') !== false,
    invitedBy: typeof invitedBy === 'string' && invitedBy.trim() !== '' ? invitedBy.trim() : undefined,
  }
}
