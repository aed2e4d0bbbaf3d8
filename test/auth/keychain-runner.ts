// A child-process entry point for the keychain end-to-end tests: bundled with esbuild, run inside its
// own D-Bus session, and answering one JSON line on stdout, so each test sees a whole process.
import { existsSync } from 'node:fs'
import { connectFromEnvironment, credentialFilePath, resolveStore } from '../../src/auth/index.js'
import { RecordingHost, Session, VcsError } from '../../src/engine/index.js'

const action = process.argv[2]
const started = Date.now()

async function run(): Promise<unknown> {
  switch (action) {
    case 'roundtrip': {
      const store = await resolveStore()
      await store.set('e2e:roundtrip', 'value-1')
      const first = await store.get('e2e:roundtrip')
      await store.set('e2e:roundtrip', 'value-2')
      const second = await store.get('e2e:roundtrip')
      const deleted = await store.delete('e2e:roundtrip')
      const after = await store.get('e2e:roundtrip')
      return { kind: store.kind, first, second, deleted, after: after ?? null }
    }
    case 'set': {
      const store = await resolveStore()
      await store.set(process.argv[3], process.argv[4])
      return { kind: store.kind }
    }
    case 'get': {
      const store = await resolveStore()
      return { value: (await store.get(process.argv[3])) ?? null }
    }
    case 'connect-env': {
      const session = new Session({ host: new RecordingHost() })
      const connection = await connectFromEnvironment(session)
      return { orgId: connection?.orgId, user: connection?.user, orgName: connection?.orgName }
    }
    default:
      throw new Error(`unknown action ${action}`)
  }
}

run().then(
  (result) => {
    process.stdout.write(
      `${JSON.stringify({ ok: true, elapsed: Date.now() - started, ...(result as object) })}\n`,
    )
  },
  (error: unknown) => {
    const vcs = error instanceof VcsError ? error : undefined
    process.stdout.write(
      `${JSON.stringify({
        ok: false,
        elapsed: Date.now() - started,
        code: vcs?.code,
        exitCode: vcs?.exitCode,
        message: error instanceof Error ? error.message : String(error),
        hint: vcs?.hint,
        plaintextFile: existsSync(credentialFilePath()),
      })}\n`,
    )
  },
)
