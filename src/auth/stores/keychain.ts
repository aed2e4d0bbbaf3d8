// The OS keychain through @napi-rs/keyring: Keychain on macOS, Credential Manager on Windows and the
// Secret Service on Linux, pinned there so that it never falls back silently to the kernel keyring
// (which loses everything at logout). The native calls can block (a locked keyring waiting for a
// prompt, a D-Bus that never answers), so availability is probed once per process in a child
// process that is killed at a 3-second deadline, and each later call carries a 3-second abort.
import { createRequire } from 'node:module'
import { AuthError } from '../../engine/index.js'
import type { CredentialStore } from './types.js'

/** The keychain service name all entries are filed under. */
export const KEYCHAIN_SERVICE = 'vcs-shell'
/** How long the probe and each keychain call may take. */
export const KEYCHAIN_TIMEOUT_MS = 3000

const FILE_HINT = 'or set VCS_CREDENTIAL_STORE=file to use a 0600 file'

const entryOptions = () =>
  process.platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined

// Writes, reads back and deletes a probe entry: only a round trip proves the keyring is unlocked.
const PROBE_SCRIPT = `
const { Entry } = require(process.env.VCS_KEYRING_MODULE)
const options = process.platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined
try {
  const entry = new Entry(${JSON.stringify(KEYCHAIN_SERVICE)}, '__probe__', options)
  const value = 'probe-' + process.pid
  entry.setPassword(value)
  if (entry.getPassword() !== value) throw new Error('the probe entry read back a different value')
  entry.deleteCredential()
  process.stdout.write('ok')
} catch (error) {
  process.stderr.write(String(error && error.message || error))
  process.exitCode = 1
}
`

let probed: Promise<void> | undefined

/** Forgets the probe result (tests that change the environment). */
export function resetKeychainProbe(): void {
  probed = undefined
}

/** Resolves when the keychain works; rejects with AuthError('CredentialStoreUnavailable') saying why. */
export function probeKeychain(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  probed ??= runProbe(env)
  return probed
}

/**
 * One probe, not cached. `modulePath` replaces @napi-rs/keyring: tests give it a module that never
 * answers, the one case a real Secret Service cannot be made to show on demand.
 */
export async function runProbe(env: NodeJS.ProcessEnv, modulePath?: string): Promise<void> {
  if (process.platform === 'linux' && !env.DBUS_SESSION_BUS_ADDRESS) {
    throw unavailable(
      'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset)',
      `start one with dbus-run-session, ${FILE_HINT}.`,
    )
  }
  try {
    modulePath ??= createRequire(import.meta.url).resolve('@napi-rs/keyring')
  } catch (error) {
    throw unavailable(
      'the @napi-rs/keyring package is not installed',
      `reinstall vcs-shell, ${FILE_HINT}.`,
      error,
    )
  }
  const { spawn } = await import('node:child_process')
  const result = await new Promise<{ ok: boolean; message: string; timedOut: boolean }>((resolve) => {
    const child = spawn(process.execPath, ['-e', PROBE_SCRIPT], {
      // The probe needs the bus address, not our secrets: VCS_* variables stay behind.
      env: { ...withoutVcsVariables(env), VCS_KEYRING_MODULE: modulePath },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve({ ok: false, message: '', timedOut: true })
    }, KEYCHAIN_TIMEOUT_MS)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ ok: false, message: error.message, timedOut: false })
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ ok: code === 0 && stdout === 'ok', message: stderr.trim(), timedOut: false })
    })
  })
  if (result.ok) return
  if (result.timedOut) {
    throw unavailable(
      `the keychain did not answer within ${KEYCHAIN_TIMEOUT_MS / 1000} s (a locked keyring waiting for a prompt?)`,
      `unlock it (gnome-keyring-daemon --unlock), ${FILE_HINT}.`,
    )
  }
  throw classify(result.message)
}

function withoutVcsVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('VCS_')))
}

/** Maps the keyring's own words to a reason and what to do about it. */
export function classify(message: string): AuthError {
  if (/failed to connect to socket|autolaunch|connection refused|no such file/i.test(message)) {
    return unavailable(
      'the D-Bus session bus cannot be reached',
      `start one with dbus-run-session (check DBUS_SESSION_BUS_ADDRESS), ${FILE_HINT}.`,
    )
  }
  if (
    /address does not contain|'=' character not found|unknown address type|bad address|invalid address/i.test(
      message,
    )
  ) {
    return unavailable(
      'DBUS_SESSION_BUS_ADDRESS is not a D-Bus address',
      `fix it (unix:path=/run/user/$UID/bus, or start a bus with dbus-run-session), ${FILE_HINT}.`,
    )
  }
  // A Secret Service answers, but has no default keyring to store in: gnome-keyring was started (or
  // started by D-Bus on demand) without --unlock, so no login keyring was ever created. Not "no
  // Secret Service" (one is running) and not "locked" (there is nothing to unlock).
  if (/no result found|object does not exist at path .*collection/i.test(message)) {
    return unavailable(
      'the Secret Service has no default keyring (gnome-keyring runs, but was started without --unlock, so none was created)',
      `create it: echo -n pw | gnome-keyring-daemon --replace --unlock --components=secrets, ${FILE_HINT}.`,
    )
  }
  if (/locked|unlock|prompt|dismissed/i.test(message)) {
    return unavailable('the keyring is locked', `unlock it: gnome-keyring-daemon --unlock, ${FILE_HINT}.`)
  }
  if (/serviceunknown|not provided by any|org\.freedesktop\.secrets|no such interface/i.test(message)) {
    return unavailable(
      'no Secret Service is running on the D-Bus session bus',
      `install and start gnome-keyring (echo -n pw | gnome-keyring-daemon --unlock --components=secrets), ${FILE_HINT}.`,
    )
  }
  return unavailable(
    `the keychain failed (${message.split('\n')[0].slice(0, 160) || 'no detail'})`,
    `${FILE_HINT}.`,
  )
}

function unavailable(reason: string, todo: string, cause?: unknown): AuthError {
  return new AuthError('CredentialStoreUnavailable', `The OS keychain is not usable: ${reason}.`, {
    hint: todo.charAt(0).toUpperCase() + todo.slice(1),
    cause,
  })
}

/** The keychain store. Call probeKeychain() first; calls made after a failed probe would block. */
export async function createKeychainStore(): Promise<CredentialStore> {
  const { AsyncEntry } = await import('@napi-rs/keyring')
  const entry = (key: string) => new AsyncEntry(KEYCHAIN_SERVICE, key, entryOptions())
  const guard = async <T>(operation: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    try {
      return await operation(AbortSignal.timeout(KEYCHAIN_TIMEOUT_MS))
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      throw /abort|timeout/i.test(message) ? classify('prompt timed out') : classify(message)
    }
  }
  return {
    kind: 'keychain',
    location: process.platform === 'linux' ? 'Secret Service' : 'OS keychain',
    get: (key) => guard(async (signal) => (await entry(key).getPassword(signal)) ?? undefined),
    set: (key, value) => guard((signal) => entry(key).setPassword(value, signal)),
    delete: (key) => guard((signal) => entry(key).deleteCredential(signal)),
  }
}
