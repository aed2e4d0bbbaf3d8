// Spawns the built `vcs` (dist/cli.cjs, or VCS_CLI for a staged build) as a real process and collects
// its output and exit code; stdin is closed unless text is given.
import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { startEmulator } from '../../src/emulator/index.js'

export const CLI = resolve(process.env.VCS_CLI ?? 'dist/cli.cjs')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `node dist/cli.cjs ...args`, with stdin text (or /dev/null) and extra environment. */
export function runCli(
  args: readonly string[],
  options: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd,
      env: { ...cleanEnv(), ...options.env },
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    })
    collect(child).then(resolvePromise, reject)
    if (options.stdin !== undefined) child.stdin!.end(options.stdin)
  })
}

/** The output and exit code of a spawned process (stdout and stderr piped). */
export function collect(child: ChildProcess): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (chunk) => (stdout += chunk))
    child.stderr!.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }))
  })
}

/** The environment without any VCS_ connection settings of the developer's own shell. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { VCS_CREDENTIAL_STORE: 'memory' }
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('VCS_')) env[name] = value
  delete env.NO_COLOR
  return env
}

export type DemoEmulator = Awaited<ReturnType<typeof startEmulator>>

/**
 * Starts an emulator seeded with the demo org before the file's tests and closes it after; `use`
 * receives it and the environment that connects `vcs` to it.
 */
export function withDemoEmulator(use: (emulator: DemoEmulator, env: NodeJS.ProcessEnv) => void): void {
  let emulator: DemoEmulator | undefined
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'demo' })
    use(emulator, { VCS_SERVER: emulator.url, VCS_API_TOKEN: emulator.credentials.apiToken })
  })
  afterAll(() => emulator?.close())
}
