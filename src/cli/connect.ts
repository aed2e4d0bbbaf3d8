// Connects a CLI session from the environment only when the work needs CSP, so `vcs --version`,
// `Get-Command` and usage errors do no I/O. The HTTP stack (undici, openid-client) and the keychain
// load only when a connection is made.
import type { Session } from '../engine/context.js'
import type { AnyCmdlet } from '../engine/types.js'

/** Cmdlets that manage the connection themselves. */
const SELF_CONNECTING = /^(Connect|Disconnect)-Vcs$/i

/** True when running this cmdlet needs a connection made from the environment first. */
export function cmdletNeedsConnection(cmdlet: AnyCmdlet): boolean {
  if (SELF_CONNECTING.test(cmdlet.name)) return false
  return cmdlet.requiresConnection ?? /^Vcs/.test(cmdlet.noun)
}

/** True when script text calls a Vcs cmdlet and does not connect by itself. */
export function scriptNeedsConnection(text: string): boolean {
  if (/\bConnect-Vcs\b/i.test(text)) return false
  return /\b[A-Za-z]+-Vcs[A-Za-z]*\b/.test(text)
}

/**
 * Connects from VCS_SERVER + VCS_API_TOKEN (or the OAuth app variables) when they are set; when they
 * are not, the cmdlet itself reports NotConnected with a hint (exit 3). The run's signal aborts the
 * token exchange, so Ctrl+C works while connecting too: start the run (session.beginRun) first.
 */
export async function connectFromEnvironmentLazily(
  session: Session,
  env: NodeJS.ProcessEnv,
  /** One-shot commands and scripts: the first request need not wait for the org name (see connect). */
  orgNameInBackground = false,
): Promise<void> {
  // Auth (and the CSP client under it) loads here, when a run needs a connection: a one-shot
  // command or script that never connects does not evaluate it.
  const { connectFromEnvironment } = await import('../auth/index.js')
  await connectFromEnvironment(session, env, undefined, session.signal, orgNameInBackground)
}
