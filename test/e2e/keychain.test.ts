// The keychain against a real Secret Service: each case runs a bundled child process inside its own
// D-Bus session with gnome-keyring (unlocked, locked, absent) or with no bus at all.
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runKeychainProbe } from '../../src/auth/index.js'
import { startEmulator } from '../../src/emulator/index.js'

const root = resolve(import.meta.dirname, '../..')
const have = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0
const missing = ['gnome-keyring-daemon', 'dbus-run-session'].filter((command) => !have(command))
const SETUP =
  "the keychain tests need gnome-keyring and dbus: run .ci/run's apt step (apt-get install gnome-keyring dbus)"

if (missing.length > 0 && process.env.CI) {
  it('has a Secret Service to test against', () => {
    throw new Error(`${missing.join(', ')} not found: ${SETUP}`)
  })
}

// A session bus that knows no services: nothing answers for org.freedesktop.secrets.
const BARE_BUS_CONFIG = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`

type Mode =
  | 'unlocked'
  | 'locked'
  | 'no-service'
  | 'bus-unset'
  | 'bus-nowhere'
  | 'bus-garbage'
  | 'no-keyring'
  | 'activated'
interface Answer {
  ok: boolean
  elapsed: number
  code?: string
  exitCode?: number
  message?: string
  hint?: string
  plaintextFile?: boolean
  [key: string]: unknown
}

describe.skipIf(missing.length > 0)(
  `keychain (Secret Service)${missing.length ? ` skipped: ${SETUP}` : ''}`,
  () => {
    let work: string
    let runner: string
    let baseEnv: NodeJS.ProcessEnv

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'vcs-keychain-'))
      for (const dir of ['home', 'data', 'config', 'run']) mkdirSync(join(work, dir), { mode: 0o700 })
      writeFileSync(join(work, 'bare-bus.conf'), BARE_BUS_CONFIG)
      // Inside node_modules, so the external native module resolves from the bundle.
      runner = join(root, 'node_modules/.cache/vcs-keychain-e2e/runner.mjs')
      await build({
        entryPoints: [join(root, 'test/auth/keychain-runner.ts')],
        outfile: runner,
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        external: ['@napi-rs/keyring'],
        banner: {
          js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
        },
        logLevel: 'warning',
      })
      const keep = ['PATH', 'LANG', 'TMPDIR']
      baseEnv = Object.fromEntries(
        keep.filter((name) => process.env[name]).map((name) => [name, process.env[name]]),
      )
      Object.assign(baseEnv, {
        HOME: join(work, 'home'),
        XDG_DATA_HOME: join(work, 'data'),
        XDG_CONFIG_HOME: join(work, 'config'),
        XDG_RUNTIME_DIR: join(work, 'run'),
      })
    })

    afterAll(() => {
      if (work) rmSync(work, { recursive: true, force: true })
    })

    /** Runs runner actions (one process each, in order) in one session of the given kind. */
    // Asynchronous, so that an emulator in this process keeps serving the children.
    async function run(
      mode: Mode,
      actions: string[][],
      env: NodeJS.ProcessEnv = {},
      before = '',
    ): Promise<Answer[]> {
      const node = (args: string[]) =>
        [process.execPath, runner, ...args].map((word) => `'${word}'`).join(' ')
      const nodes = [before, ...actions.map(node)].filter(Boolean).join('; ')
      const fullEnv = { ...baseEnv, ...env }
      let command: string[]
      switch (mode) {
        case 'unlocked':
          command = [
            'dbus-run-session',
            '--',
            'sh',
            '-c',
            `printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ${nodes}`,
          ]
          break
        case 'locked':
          command = [
            'dbus-run-session',
            '--',
            'sh',
            '-c',
            `gnome-keyring-daemon --start --components=secrets >/dev/null; ${nodes}`,
          ]
          break
        case 'no-keyring':
          // gnome-keyring started without --unlock on a fresh home: it runs, with no keyring at all.
          command = [
            'dbus-run-session',
            '--',
            'sh',
            '-c',
            `gnome-keyring-daemon --start --components=secrets >/dev/null; ${nodes}`,
          ]
          break
        case 'activated':
          // Nothing started: the session bus starts gnome-keyring on demand (its .service file).
          command = ['dbus-run-session', '--', 'sh', '-c', nodes]
          break
        case 'no-service':
          command = [
            'dbus-run-session',
            `--config-file=${join(work, 'bare-bus.conf')}`,
            '--',
            'sh',
            '-c',
            nodes,
          ]
          break
        case 'bus-unset':
          command = ['sh', '-c', nodes]
          break
        case 'bus-nowhere':
          command = ['sh', '-c', nodes]
          fullEnv.DBUS_SESSION_BUS_ADDRESS = `unix:path=${join(work, 'no-such-socket')}`
          break
        case 'bus-garbage':
          command = ['sh', '-c', nodes]
          fullEnv.DBUS_SESSION_BUS_ADDRESS = 'localhost:1234'
          break
      }
      const { stdout: output } = await promisify(execFile)(command[0], command.slice(1), {
        env: fullEnv,
        encoding: 'utf8',
        timeout: 30_000,
      })
      return output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Answer)
    }

    it('saves, reads, overwrites and deletes a credential in the Secret Service', async () => {
      const [answer] = await run('unlocked', [['roundtrip']])
      expect(answer).toMatchObject({
        ok: true,
        kind: 'keychain',
        first: 'value-1',
        second: 'value-2',
        deleted: true,
        after: null,
      })
    })

    it('keeps a credential across processes and sessions, and writes no plaintext file', async () => {
      const [saved] = await run('unlocked', [['set', 'e2e:persist', 'kept-value']])
      expect(saved).toMatchObject({ ok: true, kind: 'keychain' })
      const [read] = await run('unlocked', [['get', 'e2e:persist']])
      expect(read).toMatchObject({ ok: true, value: 'kept-value' })
      expect(existsSync(join(work, 'config/vcs-shell/credentials.json'))).toBe(false)
    })

    it.each([
      ['bus-unset' as Mode, /no D-Bus session bus \(DBUS_SESSION_BUS_ADDRESS unset\)/, /dbus-run-session/],
      ['bus-nowhere' as Mode, /D-Bus session bus cannot be reached/, /dbus-run-session/],
      ['no-service' as Mode, /no Secret Service is running/, /gnome-keyring/],
      ['locked' as Mode, /keyring is locked/, /gnome-keyring-daemon --unlock/],
      ['bus-garbage' as Mode, /DBUS_SESSION_BUS_ADDRESS is not a D-Bus address/, /dbus-run-session/],
    ])(
      '%s: says what is wrong and what to do, without a plaintext write (a hang fails on the test timeout)',
      async (mode, message, hint) => {
        const [answer] = await run(mode, [['set', 'e2e:failure', 'must-not-be-written']])
        expect(answer.ok).toBe(false)
        expect(answer.code).toBe('CredentialStoreUnavailable')
        expect(answer.exitCode).toBe(3)
        expect(answer.message).toMatch(message)
        expect(answer.hint).toMatch(hint)
        expect(answer.hint).toMatch(/VCS_CREDENTIAL_STORE=file/)
        expect(answer.plaintextFile).toBe(false)
      },
    )

    // The case that named the wrong cause: a running Secret Service without a default keyring was
    // reported as "no Secret Service is running". Each run gets a fresh data directory (no keyring).
    it.each([['no-keyring' as Mode], ['activated' as Mode]])(
      '%s: a running Secret Service with no keyring is named as such, with the command that creates one',
      async (mode) => {
        const data = mkdtempSync(join(work, 'fresh-data-'))
        const [answer] = await run(mode, [['set', 'e2e:failure', 'must-not-be-written']], {
          XDG_DATA_HOME: data,
        })
        expect(answer.ok).toBe(false)
        expect(answer.code).toBe('CredentialStoreUnavailable')
        expect(answer.message).toMatch(/the Secret Service has no default keyring/)
        expect(answer.message).not.toMatch(/no Secret Service is running|locked/)
        expect(answer.hint).toMatch(/gnome-keyring-daemon --replace --unlock/)
        expect(answer.plaintextFile).toBe(false)
        // The hint's command does what it says: after it, the same home stores the credential.
        const [after] = await run(
          'no-keyring',
          [['set', 'e2e:fixed', 'kept']],
          { XDG_DATA_HOME: data },
          'echo -n pw | gnome-keyring-daemon --replace --unlock --components=secrets >/dev/null; sleep 0.5',
        )
        expect(after).toMatchObject({ ok: true, kind: 'keychain' })
      },
    )

    it('two processes, one token exchange: the second finds the access token in the keychain', async () => {
      const emulator = await startEmulator({ port: 0, seed: 'demo' })
      try {
        const env = { VCS_SERVER: emulator.url, VCS_API_TOKEN: emulator.credentials.apiToken }
        const answers = await run('unlocked', [['connect-env'], ['connect-env']], env)
        expect(answers).toHaveLength(2)
        for (const answer of answers) expect(answer).toMatchObject({ ok: true, orgId: emulator.orgId })
        for (const answer of answers) expect(answer.orgName).toBe('Demo Org')
        const stats = (await (await fetch(`${emulator.url}/emulator/api/stats`)).json()) as {
          tokensIssued: number
        }
        expect(stats.tokensIssued).toBe(1)
        expect(existsSync(join(work, 'config/vcs-shell/credentials.json'))).toBe(false)
      } finally {
        await emulator.close()
      }
    })

    it('gives up on a keychain that never answers at the 3-second deadline', async () => {
      const stuck = join(work, 'stuck-keyring.cjs')
      writeFileSync(stuck, 'exports.Entry = class { setPassword() { for (;;) {} } }\n')
      const started = Date.now()
      const probe = runKeychainProbe(
        { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nowhere', PATH: process.env.PATH },
        stuck,
      )
      await expect(probe).rejects.toThrow(/did not answer within 3 s/)
      expect(Date.now() - started).toBeGreaterThanOrEqual(2900)
      expect(Date.now() - started).toBeLessThan(5000)
    })
  },
)
