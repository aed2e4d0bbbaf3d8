// A secret named by an environment variable, or by its _FILE twin (a file the platform mounts, so
// the secret never sits in the environment or argv). Shared by the environment auto-connect and by
// Connect-Vcs -SaveApiToken in a job that has no terminal to prompt on.
import { readFile } from 'node:fs/promises'
import { registerSecret, UsageError } from '../engine/index.js'

/** The value of `name` (or of the file `${name}_FILE` names), trimmed and registered for redaction. */
export async function secretFromEnvironment(
  env: NodeJS.ProcessEnv,
  name: string,
): Promise<string | undefined> {
  const file = env[`${name}_FILE`]
  if (file) {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      throw new UsageError('InvalidParameterValue', `Cannot read ${name}_FILE ${file} (${code}).`, {
        cause: error,
      })
    }
    const value = text.trim()
    if (!value) throw new UsageError('InvalidParameterValue', `${name}_FILE ${file} is empty.`)
    registerSecret(value)
    return value
  }
  const value = env[name]?.trim()
  if (value) registerSecret(value)
  return value || undefined
}

/**
 * The first line of standard input when it is a pipe or a file (`echo "$TOKEN" | vcs Connect-Vcs
 * --save-api-token`), registered for redaction; undefined on a terminal or an empty input.
 */
export async function secretFromStdin(stdin: NodeJS.ReadStream = process.stdin): Promise<string | undefined> {
  if (stdin.isTTY) return undefined
  let text = ''
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8')
    if (text.includes('\n')) break
  }
  const value = text.split(/\r?\n/, 1)[0]?.trim()
  if (value) registerSecret(value)
  return value || undefined
}
