// Finding invitations the user points at (objects, ids or e-mails), shared by the cmdlets that
// revoke and resend them.
import { getProperty, RemoteError, UsageError, VcsError } from '../../../src/engine/index.js'
import type { UserOrganizationInvitationResponse } from '../../../src/wire/csp.js'
import type { CspCall } from '../../../src/csp/connection.js'
import { getInvitation, listInvitations } from '../../../src/csp/endpoints.js'
import { flatValues } from './lookups.js'
import { invitationId, invitationStatus } from './model.js'

/** Resolves invitation objects, ids and e-mails to CSP invitations; unknown ones go to `report`. */
export async function resolveInvitations(
  call: CspCall,
  given: { invitation?: unknown; id?: readonly string[]; email?: readonly string[] },
  report: (error: VcsError, target: string) => void,
  listCache: { list?: Promise<UserOrganizationInvitationResponse[]> },
  options: { idsFromList?: boolean } = {},
): Promise<UserOrganizationInvitationResponse[]> {
  const ids = [...(given.id ?? [])]
  const emails = [...(given.email ?? [])]
  // -Invitation takes invitation objects; a string (an id or an e-mail) or a row (its Id, else its
  // Email) is bound by what it carries. A value that carries neither is refused: `undefined` or an
  // empty id never reaches a request.
  for (const value of flatValues(given.invitation)) {
    const bound = bindInvitation(value)
    if (bound === undefined) {
      const shown = typeof value === 'string' ? `'${value}'` : 'a value without an Id or an Email'
      report(
        new UsageError(
          'InvalidParameterValue',
          `Cannot bind ${shown} to -Invitation: give an invitation, its id or the invitee's e-mail.`,
          {
            target: String(value),
          },
        ),
        String(value),
      )
    } else if (bound.email !== undefined) emails.push(bound.email)
    else ids.push(bound.id!)
  }
  const found: UserOrganizationInvitationResponse[] = []
  // One list instead of a GET per id when many are given; ids not in it are still fetched alone.
  let byId: Map<string, UserOrganizationInvitationResponse> | undefined
  if (options.idsFromList && ids.length > 0) {
    listCache.list ??= listInvitations(call.client, call)
    byId = new Map((await listCache.list).map((invitation) => [invitationId(invitation), invitation]))
  }
  for (const id of ids) {
    const listed = byId?.get(id)
    if (listed) {
      found.push(listed)
      continue
    }
    try {
      found.push(await getInvitation(call.client, id, call))
    } catch (error) {
      report(error as VcsError, id)
    }
  }
  if (emails.length > 0) {
    listCache.list ??= listInvitations(call.client, call)
    const all = await listCache.list
    for (const email of emails) {
      // The one worth acting on: pending first, then the newest.
      const matches = all
        .filter(
          (invitation) => String(invitation.username ?? '').toLowerCase() === email.trim().toLowerCase(),
        )
        .sort((a, b) => rank(a) - rank(b) || b.generatedAt - a.generatedAt)
      if (matches.length === 0) {
        report(
          new RemoteError('NotFound', `No invitation for '${email}' was found.`, {
            category: 'ObjectNotFound',
          }),
          email,
        )
      } else found.push(matches[0])
    }
  }
  return found
}

/** An -Invitation value's id (an object's or a row's Id, a string without "@") or e-mail. */
function bindInvitation(value: unknown): { id?: string; email?: string } | undefined {
  const text = (found: unknown) => (typeof found === 'string' ? found.trim() : '')
  if (typeof value === 'string') {
    const trimmed = value.trim()
    if (trimmed === '') return undefined
    return trimmed.includes('@') ? { email: trimmed } : { id: trimmed }
  }
  const id = text(getProperty(value, 'Id'))
  if (id) return { id }
  const email = text(getProperty(value, 'Email'))
  return email ? { email } : undefined
}

function rank(invitation: UserOrganizationInvitationResponse): number {
  const order = { Available: 0, Expired: 1, Revoked: 2, Redeemed: 3 }
  return order[invitationStatus(invitation)]
}

export { invitationId }
