// One road from an error to its exit code: every code belongs to one class, every class has one exit
// code, and exitCodeFor is the one function that turns a run's outcome into the process's code.
import { describe, expect, it } from 'vitest'
import {
  AuthError,
  DriftError,
  ERROR_CODES,
  ExitCode,
  InterruptedError,
  PartialFailureError,
  RemoteError,
  RuntimeError,
  ThrottledError,
  UsageError,
  type VcsError,
} from '../../src/engine/errors.js'
import { exitCodeFor } from '../../src/engine/outcome.js'
import { toCspError } from '../../src/csp/errors.js'
import { cleanEnv, runCli } from './helpers.js'

const CLASSES = {
  usage: [(code: string) => new UsageError(code as never, 'm'), ExitCode.Usage],
  auth: [(code: string) => new AuthError(code as never, 'm'), ExitCode.Auth],
  throttled: [() => new ThrottledError('m'), ExitCode.Throttled],
  partial: [() => new PartialFailureError('m'), ExitCode.PartialFailure],
  drift: [() => new DriftError('m'), ExitCode.Drift],
  interrupted: [() => new InterruptedError(), ExitCode.Interrupted],
  remote: [(code: string) => new RemoteError(code as never, 'm'), ExitCode.Failure],
  runtime: [(code: string) => new RuntimeError(code as never, 'm'), ExitCode.Failure],
} as const satisfies Record<keyof typeof ERROR_CODES, readonly [(code: string) => VcsError, number]>

describe('an error class carries one set of codes and one exit code', () => {
  it('no code belongs to two classes', () => {
    const all = Object.values(ERROR_CODES).flat()
    expect(new Set(all).size).toBe(all.length)
  })

  it.each(Object.entries(ERROR_CODES))('every %s code exits with its class code', (group, codes) => {
    const [make, exitCode] = CLASSES[group as keyof typeof CLASSES]
    for (const code of codes) {
      const error = make(code)
      expect(error.code).toBe(code)
      expect(exitCodeFor({ error })).toBe(exitCode)
    }
  })

  it('the compiler refuses a code from another class', () => {
    // @ts-expect-error RuntimeError is not a usage code
    expect(new UsageError('RuntimeError', 'm').exitCode).toBe(ExitCode.Usage)
    // @ts-expect-error NotConnected is an auth code
    expect(new RemoteError('NotConnected', 'm').exitCode).toBe(ExitCode.Failure)
  })

  it('a CSP 400 came back from a request that went out: exit 1, never "nothing was sent"', () => {
    const error = toCspError({ method: 'POST', path: '/x', status: 400, body: { message: 'bad role' } })
    expect(error).toBeInstanceOf(RemoteError)
    expect(error.code).toBe('BadRequest')
    expect(exitCodeFor({ error })).toBe(ExitCode.Failure)
  })
})

describe('exitCodeFor', () => {
  const notConnected = new AuthError('NotConnected', 'not connected')
  const notFound = new RemoteError('NotFound', 'no such user')
  const usage = new UsageError('ParameterNotFound', 'no -Bogus')
  it.each([
    ['nothing failed', {}, 0],
    ['exit n in a script wins', { scriptExitCode: 7, errors: [notFound] }, 7],
    ['a terminating error: its class', { error: new ThrottledError('slow'), outputCount: 3 }, 4],
    ['anything else thrown is 1', { error: new TypeError('x') }, 1],
    [
      'not connected, with other output (a script printed a count)',
      { errors: [notConnected], outputCount: 1 },
      3,
    ],
    ['a usage error in one statement of a script that printed', { errors: [usage], outputCount: 2 }, 5],
    ['a usage error and nothing else', { errors: [usage] }, 2],
    ['not found among records found', { errors: [notFound], outputCount: 1 }, 5],
    ['not found, nothing else', { errors: [notFound] }, 1],
    ['targets changed beside an auth error', { errors: [notConnected], succeeded: 1 }, 5],
    ['input records beyond the failed ones', { errors: [usage], inputCount: 3 }, 5],
    ['mixed codes, nothing succeeded', { errors: [usage, notConnected] }, 1],
  ])('%s', (_, outcome, code) => {
    expect(exitCodeFor(outcome)).toBe(code)
  })
})

describe('the built CLI', () => {
  it('not connected inside -c exits 3, even after the script printed something', async () => {
    const result = await runCli(['-c', '$u = Get-VcsUser; "users: $($u.Count)"'], { env: cleanEnv() })
    expect(result.stderr).toMatch(/not connected/)
    expect(result.code).toBe(3)
  })

  it('a missing -File script is one line and exit 1 (the error travels up to main)', async () => {
    const result = await runCli(['-File', '/nonexistent/job.ps1'])
    expect(result.stderr).toBe('Cannot read the script /nonexistent/job.ps1: it does not exist.\n')
    expect(result.code).toBe(1)
  })
})
