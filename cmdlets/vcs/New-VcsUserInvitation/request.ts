// The body of an invitation POST for a record of New-VcsUserInvitation: its organization roles,
// service roles and groups resolved against what the org has, each list read once per run and only
// when a record names one.
import type { CspCall } from '../../../src/csp/connection.js'
import { listOrganizationRoles, serviceDefinitionLink } from '../../../src/csp/endpoints.js'
import type { UsersOrganizationInvitationRequest } from '../../../src/wire/csp.js'
import {
  everyOrgRoles,
  flatValues,
  listAllGroups,
  resolveGroups,
  resolveOrganizationRoles,
  resolveServiceRoles,
} from '../shared/lookups.js'
import { loadServices } from '../shared/services.js'
import type { InviteArgs } from './job.js'

/** Request bodies for one run's records, with the org's roles, services and groups looked up once. */
export class InvitationRequests {
  private roles?: ReturnType<typeof listOrganizationRoles>
  private services?: ReturnType<typeof loadServices>
  private groups?: ReturnType<typeof listAllGroups>

  /** `warn` hears that CSP's service catalogue could not be read. */
  constructor(
    private readonly call: CspCall,
    private readonly warn: (message: string) => void,
  ) {}

  /**
   * Starts the look-ups the first record needs, so they run alongside the run's other reads. Roles
   * every org has (org_member, org_owner) need none: one request less per run.
   */
  prefetch(args: InviteArgs): void {
    if (flatValues(args.organizationRole).length > 0 && !everyOrgRoles(args.organizationRole))
      this.roles = listOrganizationRoles(this.call.client, this.call)
    if (flatValues(args.serviceRole).length > 0) this.services = this.loadServices()
    if (flatValues(args.group).length > 0) this.groups = listAllGroups(this.call)
    // Failures surface when a record awaits them (for()), not as unhandled rejections here.
    for (const lookup of [this.roles, this.services, this.groups]) lookup?.catch(() => undefined)
  }

  /** The request body for a record's roles; unknown roles, services or groups throw UsageError. */
  async for(args: InviteArgs): Promise<UsersOrganizationInvitationRequest> {
    const given = flatValues(args.organizationRole)
    // No role given: org_member. That and the other roles every org has need no look-up.
    const organizationRoles =
      given.length === 0
        ? ['org_member']
        : (everyOrgRoles(given) ??
          resolveOrganizationRoles(
            given,
            await (this.roles ??= listOrganizationRoles(this.call.client, this.call)),
          ))
    const serviceRoles =
      flatValues(args.serviceRole).length > 0
        ? resolveServiceRoles(args.serviceRole, (await (this.services ??= this.loadServices())).services)
        : new Map<string, string[]>()
    const groups =
      flatValues(args.group).length > 0
        ? resolveGroups(args.group, await (this.groups ??= listAllGroups(this.call)))
        : []
    return {
      usernames: [],
      organizationRoles: organizationRoles.map((name) => ({ name })),
      serviceRolesDtos: [...serviceRoles].map(([id, names]) => ({
        serviceDefinitionLink: serviceDefinitionLink(id),
        serviceRoleNames: names,
      })),
      ...(groups.length > 0 ? { customGroupsIds: groups } : {}),
      // Only what the user asked for: console CSP documents neither the expiry nor notifyUsersOf*.
      ...(args.expiresInDays === undefined ? {} : { invitationExpirationInDays: args.expiresInDays }),
      ...(args.skipNotify
        ? {
            skipNotify: true,
            skipNotifyRegistration: true,
            notifyUsersOfRegistration: false,
            notifyUsersOfOrgAccess: false,
          }
        : {}),
    }
  }

  /** The services and their roles; a warning when CSP's catalogue cannot be read. */
  private loadServices() {
    return loadServices(this.call, { withRoles: true, warn: this.warn })
  }
}
