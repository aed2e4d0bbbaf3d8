// PowerCLI-style Uids: every object a Vcs cmdlet writes names its server and itself in one stable
// path, as PowerCLI's objects do (IVcsServer, IVcsUser, IVcsService ... each have a Uid; a child's
// extends its server's, e.g. `/VIServer=user@host:443/VirtualMachine=VirtualMachine-vm-42/`).
import type { VcsConnection } from '../auth/types.js'

/** A connection's Uid, as PowerCLI's IVcsServer carries one: `/VcsServer=<user>@<server>/`. */
export function serverUid(connection: Pick<VcsConnection, 'user' | 'server'>): string {
  return `/VcsServer=${uidSegment(connection.user)}@${uidSegment(connection.server)}/`
}

/** The Uid prefix of the connected organization's objects: `/VcsServer=.../Organization=<orgId>/`. */
export function organizationUid(connection: Pick<VcsConnection, 'user' | 'server' | 'orgId'>): string {
  return `${serverUid(connection)}Organization=${uidSegment(connection.orgId)}/`
}

/**
 * The Uid of an object under `scope` (a Uid ending in `/`): `<scope><Kind>=<id>/`; null when CSP sent
 * no id, since such an object cannot be named.
 */
export function objectUid(scope: string, kind: string, id: string): string | null {
  return id ? `${scope}${kind}=${uidSegment(id)}/` : null
}

/** One segment of a Uid: a `/` (or `%`) inside a name is percent-encoded so the path stays a path. */
function uidSegment(value: string): string {
  return value.replace(/[%/]/g, (char) => (char === '%' ? '%25' : '%2F'))
}
