// The library against the emulator over HTTP: failures are visible by default (an awaited pipeline
// with errorAction Continue rejects with a PartialFailureError carrying the errors and the records
// that succeeded), every pipeline takes an AbortSignal, connectFromEnvironment says what is missing,
// and a Pipeline pipes into a ps`...` command.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AuthError,
  connectFromEnvironment,
  connectVcs,
  getVcsUser,
  InterruptedError,
  PartialFailureError,
  ps,
  RecordingHost,
  Session,
} from '../../src/index.js'
import { startEmulator } from '../../src/emulator/index.js'

let emulator: Awaited<ReturnType<typeof startEmulator>>
let session: Session
let host: RecordingHost

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo' })
  host = new RecordingHost()
  session = new Session({ host })
  await connectVcs({
    server: emulator.url,
    apiToken: emulator.credentials.apiToken,
    credentialStore: 'Memory',
  }).in(session)
})
afterAll(() => emulator?.close())

async function latency(latencyMs: number): Promise<void> {
  const response = await fetch(`${emulator.url}/emulator/api/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs }),
  })
  expect(response.ok).toBe(true)
}

describe('failures are visible by default', () => {
  it('errorAction Continue: the awaited result carries the errors; orThrow() rejects with them and the records', async () => {
    const [ava] = await getVcsUser({ name: 'Ava*' }).in(session)
    const result = await getVcsUser({
      id: [(ava as { Id: string }).Id, 'vmware.com:no-such-user'],
      errorAction: 'Continue',
    }).in(session)
    expect(result).toHaveLength(1)
    expect(result.errors?.map((error) => error.code)).toEqual(['NotFound'])
  })

  it('orThrow() rejects with a PartialFailureError', async () => {
    const [ava] = await getVcsUser({ name: 'Ava*' }).in(session)
    const id = (ava as { Id: string }).Id
    const failure = await getVcsUser({ id: [id, 'vmware.com:no-such-user'], errorAction: 'Continue' })
      .in(session)
      .orThrow()
      .then(
        () => undefined,
        (error: unknown) => error,
      )
    expect(failure).toBeInstanceOf(PartialFailureError)
    const { errors, records, code } = failure as PartialFailureError<{ Id: string }>
    expect(code).toBe('PartialFailure')
    expect(records.map((user) => user.Id)).toEqual([id])
    expect(errors.map((error) => error.code)).toEqual(['NotFound'])
    expect(errors[0].message).toContain('vmware.com:no-such-user')
  })

  it('errorAction Ignore records nothing, so the pipeline resolves', async () => {
    const users = await getVcsUser({ id: ['vmware.com:no-such-user'], errorAction: 'Ignore' }).in(session)
    expect(users).toEqual([])
    expect(users.errors).toBeUndefined()
  })

  it('the default (Stop) still throws the first error itself', async () => {
    await expect(getVcsUser({ id: ['vmware.com:no-such-user'] }).in(session)).rejects.toMatchObject({
      code: 'NotFound',
    })
  })
})

describe('an AbortSignal on every pipeline', () => {
  it('an aborted signal stops the run before its requests: InterruptedError', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(getVcsUser({}, { signal: controller.signal }).in(session)).rejects.toBeInstanceOf(
      InterruptedError,
    )
    await expect(getVcsUser().withSignal(controller.signal).in(session)).rejects.toBeInstanceOf(
      InterruptedError,
    )
    await expect(ps`Get-VcsUser`.in(session).withSignal(controller.signal)).rejects.toBeInstanceOf(
      InterruptedError,
    )
  })

  it('aborting while a request is under way cancels it', async () => {
    const fresh = new Session({ host: new RecordingHost() })
    await connectVcs({
      server: emulator.url,
      apiToken: emulator.credentials.apiToken,
      credentialStore: 'Memory',
    }).in(fresh)
    await latency(5000)
    try {
      const controller = new AbortController()
      const run = getVcsUser({}, { signal: controller.signal }).in(fresh)
      const settled = run.then(
        () => 'resolved',
        (error: unknown) => error,
      )
      setTimeout(() => controller.abort(), 200)
      expect(await settled).toBeInstanceOf(InterruptedError)
    } finally {
      await latency(0)
    }
  })
})

describe('connectFromEnvironment', () => {
  it('throws a clear AuthError naming the variables when none is set', async () => {
    const error = await connectFromEnvironment(new Session(), {}).then(
      () => undefined,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({
      code: 'NotConnected',
      message: expect.stringMatching(/VCS_SERVER is not set/),
    })
    expect((error as AuthError).hint).toMatch(/VCS_API_TOKEN/)
  })

  it('with a server but no token, says so', async () => {
    await expect(
      connectFromEnvironment(new Session(), { VCS_SERVER: emulator.url, VCS_CREDENTIAL_STORE: 'memory' }),
    ).rejects.toThrow(/no API token is set or saved/)
  })

  it('connects and resolves to the connection', async () => {
    const fresh = new Session()
    const connection = await connectFromEnvironment(fresh, {
      VCS_SERVER: emulator.url,
      VCS_API_TOKEN: emulator.credentials.apiToken,
      VCS_CREDENTIAL_STORE: 'memory',
    })
    expect(connection).toBeDefined()
    expect(await getVcsUser({ name: 'Ava*' }).in(fresh)).toHaveLength(1)
  })
})

describe('a Pipeline pipes into a ps`...` command', () => {
  it('getVcsUser().pipe(ps`...`) gives the users to the command', async () => {
    const emails = await getVcsUser({ name: 'Ava*' })
      .in(session)
      .pipe(ps`Select-Object -ExpandProperty Email`)
      .in(session)
    expect(emails).toEqual(['ava.thompson@demo.example'])
  })
})
