// What a cmdlet says when CSP shows less than was asked for: a page that carries `errors[]` (newer
// CSP's partial answer), or users sent without their roles (the caller may not see them). Each is
// said once per command, never silently passed off as complete.
import { AuthError, RemoteError, type CmdletContext } from '../../../src/engine/index.js'

/** The command's effective -ErrorAction. */
function errorAction(ctx: CmdletContext): string {
  const given = ctx.arguments.errorAction
  return String(given ?? ctx.session.preference('ErrorActionPreference'))
}

/** The first message of CSP's `errors[]` entries, if any says one. */
function firstMessage(errors: ReadonlyArray<unknown>): string | undefined {
  for (const entry of errors) {
    const message = (entry as { message?: unknown } | null)?.message
    if (typeof message === 'string' && message.trim()) return message.trim().replace(/\.$/, '')
  }
  return undefined
}

/**
 * A handler for partial pages of `what` (e.g. `user`): one warning per command, or, under
 * -ErrorAction Stop, a terminating error, so a partial listing never passes as complete.
 */
export function partialPageHandler(
  ctx: CmdletContext,
  what: string,
): (errors: ReadonlyArray<unknown>) => void {
  let said = false
  return (errors) => {
    if (said) return
    said = true
    const reason = firstMessage(errors)
    const message = `CSP answered part of the ${what} list with errors${reason ? ` (${reason})` : ''}: the ${what}s listed are incomplete.`
    if (errorAction(ctx) === 'Stop') {
      throw new RemoteError('ServerError', message, {
        hint: 'Run the command again; CSP may answer in full.',
      })
    }
    ctx.writeWarning(message)
  }
}

/**
 * A handler for users CSP sent without roles: a role filter cannot be applied (a terminating error
 * that says so), otherwise one warning that the roles shown are unknown, not "none".
 */
export function hiddenRolesHandler(ctx: CmdletContext, roleFilter: string | undefined): () => void {
  let said = false
  return () => {
    if (said) return
    said = true
    const why =
      'CSP does not show users’ roles to this connection (console.cloud.vmware.com shows them to organization owners, console.tanzu.broadcom.com to owners and administrators; members never see them)'
    if (roleFilter) {
      throw new AuthError('Forbidden', `${roleFilter} cannot be applied: ${why}.`, {
        category: 'PermissionDenied',
        hint: 'Connect with an API token of an organization owner (or, on the Tanzu console, an administrator).',
      })
    }
    ctx.writeWarning(
      `${why}: OrganizationRoles and ServiceRoles are empty because they are unknown, not because the users have none.`,
    )
  }
}
