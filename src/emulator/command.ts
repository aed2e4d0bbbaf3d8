// `vcs emulator`: starts the emulator in the foreground, prints how to reach it, and runs until
// SIGINT or SIGTERM. With `json`, the first stdout line is machine-readable (credentials included,
// since a script needs them); the human banner never prints secrets.
import { startEmulator } from './index.js'
import type { EmulatorOptions, RunningEmulator } from './types.js'

/** Options of {@link runEmulatorCommand}. */
export interface EmulatorCommandOptions extends EmulatorOptions {
  /** Print `{"url","orgId","apiToken","appId","appSecret"[,"caFile"]}` as the first stdout line. */
  json?: boolean
  /** Where the banner and JSON line go; process.stdout by default. */
  stdout?: NodeJS.WritableStream
  /** Where request logs go unless `log` is given; process.stderr by default. */
  stderr?: NodeJS.WritableStream
  /** Install SIGINT/SIGTERM handlers that close the emulator and exit. Default true. */
  handleSignals?: boolean
}

/** Runs the emulator as a foreground command. */
export async function runEmulatorCommand(options: EmulatorCommandOptions = {}): Promise<RunningEmulator> {
  const stdout = options.stdout ?? process.stdout
  const stderr = options.stderr ?? process.stderr
  const emulator = await startEmulator({
    ...options,
    log: options.log ?? ((line) => stderr.write(`${line}\n`)),
  })
  if (emulator.controlToken) {
    // Bound beyond loopback: say so, whatever the output mode (the banner's URL is this machine's).
    stderr.write(
      `WARNING: the emulator listens on ${emulator.listeningOn}, reachable from other machines: they can use its API and tokens. The control API needs the header X-Emulator-Token (printed with --json).\n`,
    )
  }
  if (options.json) {
    const { apiToken, appId, appSecret } = emulator.credentials
    const line = {
      url: emulator.url,
      orgId: emulator.orgId,
      apiToken,
      appId,
      appSecret,
      ...(emulator.controlToken
        ? { controlToken: emulator.controlToken, listeningOn: emulator.listeningOn }
        : {}),
    }
    stdout.write(`${JSON.stringify(emulator.caFile ? { ...line, caFile: emulator.caFile } : line)}\n`)
  } else {
    const lines = [
      emulator.controlToken
        ? `CSP emulator listening on ${emulator.listeningOn} (from this machine: ${emulator.url})`
        : `CSP emulator listening on ${emulator.url}`,
      `  organization  ${emulator.orgName} (${emulator.orgId})`,
      `  profile       ${options.profile ?? 'console'} (access rules of ${options.profile === 'tanzu' ? 'console.tanzu.broadcom.com' : 'console.cloud.vmware.com'})`,
      `  state         ${options.dataDir ? options.dataDir : 'in memory (use --data DIR to keep it)'}`,
      ...(emulator.caFile ? [`  CA file       ${emulator.caFile}`] : []),
      `  control API   ${emulator.url}/emulator/api/`,
      `  credentials   run with --json to print the API token and OAuth app`,
      'Press Ctrl+C to stop.',
    ]
    stdout.write(`${lines.join('\n')}\n`)
  }
  if (options.handleSignals !== false) {
    const stop = () => {
      void emulator.close().then(() => process.exit(0))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  }
  return emulator
}
