// The plaintext fallback, used only when the user chose it (VCS_CREDENTIAL_STORE=file or
// -CredentialStore File): a JSON file readable by its owner alone (0600, in a 0700 directory),
// written atomically, with a warning the first time it is used in a process.
import { constants } from 'node:fs'
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { AuthError } from '../../engine/index.js'
import type { CredentialStore } from './types.js'

/** `$VCS_CREDENTIAL_FILE`, else `$XDG_CONFIG_HOME/vcs-shell/credentials.json` (~/.config by default). */
export function credentialFilePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VCS_CREDENTIAL_FILE) return env.VCS_CREDENTIAL_FILE
  const configHome = env.XDG_CONFIG_HOME || join(homedir(), '.config')
  return join(configHome, 'vcs-shell', 'credentials.json')
}

const warned = new Set<string>()

/** A 0600 JSON file store; `warn` is told once per process and path that secrets go to a file. */
export function createFileStore(path: string, warn?: (message: string) => void): CredentialStore {
  // Serialise writes within the process so two concurrent sets do not lose each other's keys.
  let queue: Promise<unknown> = Promise.resolve()
  const warnOnce = () => {
    if (warned.has(path)) return
    warned.add(path)
    warn?.(
      `Credentials are kept in a plaintext file readable only by you (0600): ${path}. You chose this store.`,
    )
  }
  const read = async (): Promise<Record<string, string>> => {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
      throw fileError(path, error)
    }
    const info = await stat(path)
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      throw new AuthError(
        'CredentialStoreUnavailable',
        `The credential file ${path} is readable by others.`,
        {
          hint: `Run: chmod 600 ${path}`,
        },
      )
    }
    try {
      return JSON.parse(text) as Record<string, string>
    } catch (error) {
      throw new AuthError('CredentialStoreUnavailable', `The credential file ${path} is not valid JSON.`, {
        cause: error,
        hint: `Delete ${path}; saved credentials will have to be saved again.`,
      })
    }
  }
  const update = (change: (entries: Record<string, string>) => boolean): Promise<boolean> => {
    const next = queue.then(async () => {
      const entries = await read()
      const changed = change(entries)
      if (!changed) return false
      await mkdir(dirname(path), { recursive: true, mode: 0o700 })
      await refuseSharedDirectory(path)
      await writeAtomically(path, `${JSON.stringify(entries, null, 2)}\n`)
      return true
    })
    queue = next.catch(() => undefined)
    return next.catch((error: unknown) => {
      throw error instanceof AuthError ? error : fileError(path, error)
    })
  }
  return {
    kind: 'file',
    location: path,
    get: async (key) => {
      warnOnce()
      return (await read())[key]
    },
    set: async (key, value) => {
      warnOnce()
      await update((entries) => {
        entries[key] = value
        return true
      })
    },
    delete: (key) =>
      update((entries) => {
        if (!(key in entries)) return false
        delete entries[key]
        return true
      }),
  }
}

/**
 * Another local user who can write to the directory could swap the file or plant a symlink where
 * the next token goes: refuse such a directory.
 */
async function refuseSharedDirectory(path: string): Promise<void> {
  if (process.platform === 'win32') return
  const info = await stat(dirname(path))
  if ((info.mode & 0o002) !== 0) {
    throw new AuthError(
      'CredentialStoreUnavailable',
      `The credential file's directory ${dirname(path)} is writable by other users; no token is written there.`,
      {
        hint: 'Point VCS_CREDENTIAL_FILE to a file in a directory only you can write (e.g. ~/.config/vcs-shell).',
      },
    )
  }
}

/**
 * Writes the file through a new temporary file in the same directory, created with
 * O_EXCL|O_NOFOLLOW and 0600 (a name planted in advance, or a symlink, makes it fail instead of
 * writing a token through it), then renamed over the target.
 */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  const flags = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0)
  const handle = await open(temporary, flags, 0o600)
  try {
    await handle.writeFile(text)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await unlink(temporary).catch(() => undefined)
    throw error
  }
  await handle.close()
  await rename(temporary, path)
}

function fileError(path: string, error: unknown): AuthError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error'
  return new AuthError(
    'CredentialStoreUnavailable',
    `The credential file ${path} cannot be used (${code}).`,
    {
      cause: error,
      hint: 'Check the permissions of the file and its directory, or set VCS_CREDENTIAL_FILE.',
    },
  )
}
