// The session's abort signal lives as long as the shell: each line run must leave it as it found it,
// or Node warns "MaxListenersExceededWarning: Possible EventTarget memory leak" after 11 lines.
import { getEventListeners } from 'node:events'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import { registry } from '../../cmdlets/index.js'
import { Session } from '../../src/engine/index.js'
import { Interpreter } from '../../src/language/index.js'
import { ShellHost, type ScrollEntry } from '../../src/shell/host.js'
import { runToScrollBack } from '../../src/shell/hooks/use-runner.js'
import { useEmulator } from '../cmdlets/vcs/emulator.js'

const bed = useEmulator()

describe('running many lines in one shell session', () => {
  const warnings: Error[] = []
  const onWarning = (warning: Error) => warnings.push(warning)
  afterEach(() => {
    process.off('warning', onWarning)
  })

  it('adds no abort listener that outlives its line, and Node emits no warning', async () => {
    process.on('warning', onWarning)
    const session = new Session({ host: new ShellHost(() => 80), errorActionPreference: 'Continue' })
    const interpreter = new Interpreter({ registry, session })
    const entries: ScrollEntry[] = []
    const lines = ['Get-Date -Format yyyy', '1..3 | ForEach-Object { $_ * 2 }', "'a', 'b' | Sort-Object"]
    const signal = session.signal
    const before = getEventListeners(signal, 'abort').length
    for (let i = 0; i < 20; i++) {
      await runToScrollBack(lines[i % lines.length], {
        session,
        runLine: (text) => interpreter.run(text),
        print: (entry) => entries.push(entry),
        width: 80,
      })
    }
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve))
    expect(session.signal, 'the same session-long signal was used by every run').toBe(signal)
    expect(getEventListeners(signal, 'abort')).toHaveLength(before)
    expect(entries.filter((entry) => entry.kind === 'error')).toEqual([])
    // Every line printed all its output (a slow run may print it in more than one entry): 7 years,
    // 7 x three doubled numbers, 6 x two sorted letters.
    const printed = entries.flatMap((entry) => (entry.kind === 'output' ? entry.lines : []))
    expect(printed).toHaveLength(7 + 7 * 3 + 6 * 2)
    expect(warnings.map((warning) => `${warning.name}: ${warning.message}`)).toEqual([])
  })

  it('still reports Ctrl+C while a line runs, and the next line runs on a fresh signal', async () => {
    const session = new Session({ host: new ShellHost(() => 80), errorActionPreference: 'Continue' })
    const entries: ScrollEntry[] = []
    async function* forever() {
      yield 1
      await new Promise(() => {})
    }
    const run = runToScrollBack('forever', {
      session,
      runLine: forever,
      print: (entry) => entries.push(entry),
      width: 80,
    })
    await new Promise((resolve) => setImmediate(resolve))
    session.abortController.abort()
    await run
    expect(entries.at(-1)).toMatchObject({ kind: 'text', tone: 'warning' })
    const signal = session.beginRun()
    expect(signal.aborted).toBe(false)
    expect(getEventListeners(signal, 'abort')).toHaveLength(0)
  })

  it('keeps nothing of 1,000 lines alive: no listener, no record, no closure (finished or Ctrl+C)', async () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const session = new Session({ host: new ShellHost(() => 80), errorActionPreference: 'Continue' })
    // A record per line that only the run's closures could keep alive; collected once the line ends.
    const alive = new Set<WeakRef<object>>()
    const collected = new FinalizationRegistry<WeakRef<object>>((ref) => alive.delete(ref))
    const record = (line: number) => {
      const value = { Line: line, Payload: 'x'.repeat(1000) }
      const ref = new WeakRef(value)
      alive.add(ref)
      collected.register(value, ref)
      return value
    }
    let printed = 0
    for (let line = 0; line < 1000; line++) {
      // Every tenth line is interrupted while its cmdlet waits forever (a request that never answers).
      const hangs = line % 10 === 9
      const run = runToScrollBack(`line ${line}`, {
        session,
        runLine: async function* () {
          yield record(line)
          yield record(line)
          if (hangs) await new Promise(() => {})
        },
        print: () => printed++,
        width: 80,
        learn: () => {},
      })
      if (hangs) {
        await new Promise((resolve) => setImmediate(resolve))
        session.abortController.abort()
      }
      await run
    }
    expect(printed).toBeGreaterThanOrEqual(1000)
    // Within one long line too: records already printed are not held until the line ends (racing
    // each wait against one long-lived promise kept a reaction, and so a record, per record).
    let heldMidway = -1
    await runToScrollBack('a long listing', {
      session,
      runLine: async function* () {
        for (let i = 0; i < 3000; i++) yield record(-1)
        for (let i = 0; i < 3; i++) {
          gc()
          await new Promise((resolve) => setTimeout(resolve, 10))
        }
        heldMidway = alive.size
      },
      print: () => printed++,
      width: 80,
    })
    expect(heldMidway).toBeGreaterThanOrEqual(0)
    expect(heldMidway).toBeLessThan(100)
    const signal = session.beginRun()
    expect(getEventListeners(signal, 'abort')).toHaveLength(0)
    for (let i = 0; i < 5 && alive.size > 0; i++) {
      gc()
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    // 2,000 records went through; none is held by a settled run, a pending wait or a listener.
    expect(alive.size).toBe(0)
  })

  it('leaves no listener behind after CSP requests over real HTTP (paging, retries, token use)', async () => {
    const { session } = bed
    const interpreter = new Interpreter({ registry, session })
    const entries: ScrollEntry[] = []
    const signal = session.beginRun()
    const before = getEventListeners(signal, 'abort').length
    for (let i = 0; i < 12; i++) {
      await runToScrollBack(
        i % 2 ? "Get-VcsUser -Name 'A*'" : 'Get-VcsUserInvitation | Select-Object -First 2',
        {
          session,
          runLine: (text) => interpreter.run(text),
          print: (entry) => entries.push(entry),
          width: 80,
        },
      )
    }
    expect(entries.filter((entry) => entry.kind === 'error')).toEqual([])
    expect(session.signal).toBe(signal)
    expect(getEventListeners(signal, 'abort')).toHaveLength(before)
  })
})
