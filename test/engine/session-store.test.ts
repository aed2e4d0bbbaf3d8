// currentSession() inside and outside runs: the ambient session (the process's, else the library's
// default) runs without an AsyncLocalStorage store, any other session with one. Both must answer the
// same as a store would, across awaits, timers and concurrent runs.
import { afterEach, describe, expect, it } from 'vitest'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  currentSession,
  getDefaultSession,
  runInSession,
  Session,
  setProcessSession,
} from '../../src/engine/context.js'

afterEach(() => setProcessSession(undefined))

async function seenAfterAwaits(): Promise<Session[]> {
  const seen = [currentSession()]
  await sleep(5)
  seen.push(currentSession())
  await new Promise<void>((resolve) => setImmediate(resolve))
  seen.push(currentSession())
  return seen
}

describe('currentSession', () => {
  it('is the default session outside any run, and the process session once one is set', () => {
    expect(currentSession()).toBe(getDefaultSession())
    const cli = new Session()
    setProcessSession(cli)
    expect(currentSession()).toBe(cli)
  })

  it('answers the running session across awaits, for the ambient session and for another', async () => {
    const cli = new Session()
    setProcessSession(cli)
    const other = new Session()
    const [inCli, inOther] = await Promise.all([
      runInSession(cli, seenAfterAwaits),
      runInSession(other, seenAfterAwaits),
    ])
    expect(inCli).toEqual([cli, cli, cli])
    expect(inOther.every((s) => s === other)).toBe(true)
  })

  it('keeps the ambient session when it runs inside another (it is stored then)', async () => {
    const cli = new Session()
    setProcessSession(cli)
    const other = new Session()
    const seen = await runInSession(other, async () => {
      const before = currentSession()
      const inner = await runInSession(cli, seenAfterAwaits)
      return { before, inner, after: currentSession() }
    })
    expect(seen.before).toBe(other)
    expect(seen.inner).toEqual([cli, cli, cli])
    expect(seen.after).toBe(other)
  })

  it('gives code started inside a run of another session that session, while the ambient run goes on', async () => {
    const other = new Session()
    const ambient = getDefaultSession()
    let inner: Session[] = []
    const outer = await runInSession(ambient, async () => {
      const started = runInSession(other, seenAfterAwaits).then((s) => (inner = s))
      const mine = await seenAfterAwaits()
      await started
      return mine
    })
    expect(outer.every((s) => s === ambient)).toBe(true)
    expect(inner.every((s) => s === other)).toBe(true)
  })
})
